package dev.paysession;

import io.quarkus.test.junit.QuarkusTest;
import java.util.Arrays;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Installs {@link OpenApiContract#filter()} for the whole test run, so every {@code @QuarkusTest}
 * that talks to the application through RestAssured also checks its answers against the served
 * OpenAPI document. Registered through META-INF/services (Quarkus's own JUnit configuration turns
 * on extension autodetection).
 */
public class OpenApiContractExtension implements BeforeAllCallback {

  @Override
  public void beforeAll(ExtensionContext context) throws ReflectiveOperationException {
    Class<?> testClass = context.getRequiredTestClass();
    // By name: the test class comes from Quarkus's class loader, this extension from JUnit's.
    boolean quarkusTest =
        Arrays.stream(testClass.getAnnotations())
            .anyMatch(a -> a.annotationType().getName().equals(QuarkusTest.class.getName()));
    if (!quarkusTest) {
      return;
    }
    // The test runs in Quarkus's class loader, with its own RestAssured: install the filter there.
    testClass
        .getClassLoader()
        .loadClass(OpenApiContract.class.getName())
        .getMethod("install")
        .invoke(null);
  }
}
