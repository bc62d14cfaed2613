package dev.paysession;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Dependencies point inward: features use the shared packages, never the other way round. */
class ArchitectureTest {

  private static final String WRITES_STATUS = "dev.paysession.order.WritesStatus";

  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.paysession");

  @Test
  void sharedPackagesDoNotDependOnFeatures() {
    noClasses()
        .that()
        .resideInAnyPackage("..api..", "..rules..", "..upi..", "..db..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "..session..", "..order..", "..merchant..", "..checkout..", "..webhook..")
        .check(CLASSES);
  }

  /**
   * Webhooks report what checkout changes: checkout writes events through the outbox, and the
   * outbox reads orders and merchants. Nothing below knows webhooks exist.
   */
  @Test
  void webhooksSitBetweenCheckoutAndOrders() {
    noClasses()
        .that()
        .resideInAnyPackage("..order..", "..merchant..", "..session..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("..webhook..")
        .check(CLASSES);
    noClasses()
        .that()
        .resideInAPackage("..webhook..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("..checkout..", "..session..")
        .check(CLASSES);
  }

  /** Checkout builds on orders and merchants; nothing below it knows how payments are taken. */
  @Test
  void onlyCheckoutKnowsAboutPayments() {
    noClasses()
        .that()
        .resideInAnyPackage("..order..", "..merchant..", "..session..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("..checkout..")
        .check(CLASSES);
  }

  /**
   * Checkout speaks to gateways through the interface and finds them by name in the registry, so a
   * gateway is added without editing checkout; no gateway knows about checkout.
   */
  @Test
  void checkoutKnowsTheGatewayInterfaceNotTheSandbox() {
    noClasses()
        .that()
        .resideInAPackage("..checkout..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("..gateway.sandbox..")
        .check(CLASSES);
    noClasses()
        .that()
        .resideInAPackage("..gateway..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("..checkout..", "..webhook..", "..session..")
        .check(CLASSES);
  }

  /**
   * Statuses move only through the state machine: the store methods that write an order's or an
   * attempt's status ({@code @WritesStatus}) have no other caller.
   */
  @Test
  void onlyTheStateMachineWritesStatuses() {
    DescribedPredicate<JavaMethodCall> statusWrite =
        DescribedPredicate.describe(
            "a @WritesStatus store method",
            call ->
                call.getTarget()
                    .resolveMember()
                    .map(method -> method.isAnnotatedWith(WRITES_STATUS))
                    .orElse(false));
    noClasses()
        .that()
        .doNotHaveFullyQualifiedName("dev.paysession.order.PaymentStateMachine")
        .should()
        .callMethodWhere(statusWrite)
        .check(CLASSES);
    assertThat(
            CLASSES.stream()
                .flatMap(javaClass -> javaClass.getMethods().stream())
                .filter(method -> method.isAnnotatedWith(WRITES_STATUS))
                .map(method -> method.getOwner().getSimpleName() + "." + method.getName()))
        .as("the status writers the rule guards")
        .contains("AttemptStore.insert", "AttemptStore.recordOutcome", "OrderStore.follow");
  }

  @Test
  void ordersAndMerchantsDoNotKnowAboutSessions() {
    noClasses()
        .that()
        .resideInAnyPackage("..order..", "..merchant..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("..session..")
        .check(CLASSES);
  }

  @Test
  void rulesArePlainJava() {
    noClasses()
        .that()
        .resideInAnyPackage("..rules..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("jakarta..", "io.quarkus..", "io.vertx..", "java.sql..")
        .check(CLASSES);
  }

  @Test
  void sessionRulesNeedNoFramework() {
    noClasses()
        .that()
        .haveSimpleNameEndingWith("Rules")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("jakarta..", "io.quarkus..", "io.vertx..", "java.sql..")
        .check(CLASSES);
  }
}
