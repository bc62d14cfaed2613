package dev.paysession;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Dependencies point inward: features use the shared packages, never the other way round. */
class ArchitectureTest {

  private static final String WRITES_STATUS = "dev.paysession.order.WritesStatus";

  /** The state machines, each the only writer of its own package's statuses. */
  private static final Set<String> STATE_MACHINES =
      Set.of(
          "dev.paysession.order.PaymentStateMachine",
          "dev.paysession.refund.RefundStateMachine",
          "dev.paysession.mandate.MandateStateMachine");

  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.paysession");

  @Test
  void sharedPackagesDoNotDependOnFeatures() {
    noClasses()
        .that()
        .resideInAnyPackage("..api..", "..rules..", "..upi..", "..db..", "..reconcile..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "..session..",
            "..order..",
            "..merchant..",
            "..checkout..",
            "..webhook..",
            "..gateway..")
        .check(CLASSES);
  }

  /** The payment page takes orders as stored; how a session was asked for is not its business. */
  @Test
  void checkoutDoesNotKnowSessions() {
    noClasses()
        .that()
        .resideInAPackage("..checkout..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("..session..")
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

  /**
   * Mandates plug in beside orders and checkout, as refunds do: the order and checkout learn of
   * them only through interfaces in {@code order} (OrderMandates, MandateRegistrations).
   */
  @Test
  void nothingBelowMandatesKnowsThem() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "..order..",
            "..checkout..",
            "..session..",
            "..webhook..",
            "..gateway..",
            "..merchant..",
            "..refund..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("..mandate..")
        .check(CLASSES);
  }

  /**
   * {@code POST /txns} payments sit on top of checkout and mandates: nothing below knows them
   * (checkout reaches a {@code /txns} landing only through its own {@code AttemptLanding}).
   */
  @Test
  void nothingBelowTxnsKnowsIt() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "..order..",
            "..checkout..",
            "..session..",
            "..webhook..",
            "..gateway..",
            "..merchant..",
            "..refund..",
            "..mandate..",
            "..upi..",
            "..rules..",
            "..api..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("..txns..")
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
   * Statuses move only through the state machines: the store methods that write an order's, an
   * attempt's or a refund's status ({@code @WritesStatus}) have no caller but the state machine of
   * their own package.
   */
  @Test
  void onlyTheStateMachineWritesStatuses() {
    DescribedPredicate<JavaMethodCall> statusWriteFromElsewhere =
        DescribedPredicate.describe(
            "a @WritesStatus store method, called from outside its package's state machine",
            call ->
                call.getTarget()
                        .resolveMember()
                        .map(method -> method.isAnnotatedWith(WRITES_STATUS))
                        .orElse(false)
                    && !(STATE_MACHINES.contains(call.getOriginOwner().getName())
                        && call.getOriginOwner()
                            .getPackageName()
                            .equals(call.getTargetOwner().getPackageName())));
    noClasses().should().callMethodWhere(statusWriteFromElsewhere).check(CLASSES);
    assertThat(
            CLASSES.stream()
                .flatMap(javaClass -> javaClass.getMethods().stream())
                .filter(method -> method.isAnnotatedWith(WRITES_STATUS))
                .map(method -> method.getOwner().getSimpleName() + "." + method.getName()))
        .as("the status writers the rule guards")
        .contains(
            "AttemptStore.insert",
            "AttemptStore.recordOutcome",
            "OrderStore.follow",
            "RefundStore.insert",
            "RefundStore.record");
  }

  /**
   * Who owns each table: only the owner names it in SQL, so no feature reads or writes another
   * feature's tables (it asks the owner's store instead). A path ending in {@code /} is a package
   * that owns the table as a whole; a file is a single store class.
   */
  private static final Map<String, String> TABLE_OWNERS =
      Map.ofEntries(
          Map.entry("installation_secret", "merchant/"),
          Map.entry("merchants", "merchant/"),
          Map.entry("merchant_client_ids", "merchant/"),
          Map.entry("merchant_api_keys", "merchant/"),
          Map.entry("orders", "order/"),
          Map.entry("client_auth_tokens", "order/"),
          Map.entry("transactions", "order/AttemptStore.java"),
          Map.entry("saved_cards", "checkout/SavedCardStore.java"),
          Map.entry("sandbox_card_vault", "gateway/sandbox/SandboxGateway.java"),
          Map.entry("sandbox_payments", "gateway/sandbox/SandboxGateway.java"),
          Map.entry("sandbox_refunds", "gateway/sandbox/SandboxRefunds.java"),
          Map.entry("refunds", "refund/RefundStore.java"),
          Map.entry("mandates", "mandate/MandateStore.java"),
          Map.entry("merchant_test_clocks", "mandate/TestClockStore.java"),
          Map.entry("mandate_debits", "mandate/DebitStore.java"),
          Map.entry("mandate_notifications", "mandate/NotificationStore.java"),
          Map.entry("webhook_events", "webhook/"),
          Map.entry("webhook_attempts", "webhook/"),
          // customers (issue 16)
          Map.entry("customers", "customer/CustomerStore.java"),
          Map.entry("customer_auth_tokens", "customer/CustomerStore.java"),
          // JWE keys (issue 16): re-sealed by merchant/MasterKeyRotation through SealedElsewhere.
          Map.entry("jwe_keys", "jwe/JweKeyStore.java"),
          // POST /txns payments (issue 16)
          Map.entry("txns_finish_landings", "txns/AttemptLandings.java"));

  @Test
  void noFeatureReadsAnotherFeaturesTables() throws IOException {
    Path migrations = Path.of("src/main/resources/db/migration");
    Set<String> tables = new TreeSet<>();
    try (Stream<Path> files = Files.list(migrations)) {
      for (Path file : files.toList()) {
        Matcher created = Pattern.compile("CREATE TABLE (\\w+)").matcher(Files.readString(file));
        while (created.find()) {
          tables.add(created.group(1));
        }
      }
    }
    assertThat(TABLE_OWNERS.keySet()).as("every table has an owner").isEqualTo(tables);

    Path sources = Path.of("src/main/java/dev/paysession");
    List<String> strays = new ArrayList<>();
    try (Stream<Path> files = Files.walk(sources)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        String source = Files.readString(file);
        String relative = sources.relativize(file).toString().replace('\\', '/');
        for (Map.Entry<String, String> owned : TABLE_OWNERS.entrySet()) {
          boolean named =
              Pattern.compile("\\b(FROM|JOIN|INTO|UPDATE|TABLE)\\s+" + owned.getKey() + "\\b")
                  .matcher(source)
                  .find();
          if (named && !relative.startsWith(owned.getValue())) {
            strays.add(
                relative + " names " + owned.getKey() + " (owner: " + owned.getValue() + ")");
          }
        }
      }
    }
    assertThat(strays).as("SQL naming another feature's table").isEmpty();
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
