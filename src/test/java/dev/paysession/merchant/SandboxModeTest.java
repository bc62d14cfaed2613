package dev.paysession.merchant;

import static org.hamcrest.Matchers.equalTo;

import dev.paysession.TestMerchants;
import dev.paysession.db.EmbeddedPostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The default mode keeps the newcomer's way in: a fresh embedded install gets the sandbox demo
 * merchant (its one-time printout is checked on the packaged server by DemoMerchantIT).
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresTestResource.class)
@TestProfile(SandboxModeTest.FreshEmbeddedInstall.class)
class SandboxModeTest {

  public static class FreshEmbeddedInstall implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("paysession.embedded-database", "true");
    }
  }

  @Test
  void aFreshEmbeddedInstallGetsTheSandboxDemoMerchant() {
    TestMerchants.admin()
        .get("/admin/merchants/paysession_demo")
        .then()
        .statusCode(200)
        .body("environment", equalTo("sandbox"));
  }
}
