package dev.paysession.mandate;

import static dev.paysession.mandate.DebitFixtures.txns;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.paysession.MovableClock;
import dev.paysession.TestMerchants;
import dev.paysession.TestMerchants.Merchant;
import dev.paysession.api.ApiException;
import dev.paysession.mandate.DebitFixtures.Spec;
import dev.paysession.order.OrderDetails.Frequency;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The decoupled pre-debit notification ({@code pre_debit_notify}) and a debit that names it. The
 * command's HTTP route ({@code POST /mandates/{id}}) is another part of issue 14: until it lands,
 * the notifier bean is called as that route will call it.
 */
@QuarkusTest
class PreDebitNotificationTest {

  private static final String CUSTOMER = "cust-pdn-1";

  @Inject MovableClock clock;
  @Inject DebitFixtures fixtures;
  @Inject PreDebitNotifications notifier;
  @Inject DebitJob debitJob;

  @AfterEach
  void resetClock() {
    clock.reset();
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.SECONDS);
  }

  private static Map<String, String> notice(String reference, String amount, Instant txnDate) {
    return Map.of(
        "object_reference_id",
        reference,
        "description",
        "Monthly plan",
        "source_info",
        "{\"amount\":\"" + amount + "\",\"txn_date\":\"" + txnDate.getEpochSecond() + "\"}");
  }

  private static Response debit(
      Merchant merchant, MandateRecord m, String amount, Instant execution, String notification) {
    return txns(
        merchant,
        "order.order_id",
        TestMerchants.uniqueId("pdn"),
        "order.amount",
        amount,
        "order.customer_id",
        CUSTOMER,
        "mandate_id",
        m.mandateId(),
        "mandate.execution_date",
        Long.toString(execution.getEpochSecond()),
        "mandate.notification_id",
        notification);
  }

  private static void refused(Response response, String rule) {
    assertThat(response.statusCode()).as(response.asString()).isEqualTo(400);
    assertThat(response.jsonPath().getString("error_message")).contains(rule);
  }

  @Test
  void aNotificationSentAheadAnnouncesOneDebitAtLeastADayLater() throws Exception {
    Merchant merchant = TestMerchants.create();
    MandateRecord m =
        fixtures.active(merchant, CUSTOMER, Spec.upi(Frequency.ASPRESENTED), now(), now());
    Instant txnDate = now().plus(Duration.ofHours(30));
    NotificationView sent = notifier.notify(m, notice("ref001", "250.00", txnDate), now());
    assertThat(sent.status()).isEqualTo("SUCCESS");
    assertThat(sent.object()).isEqualTo("notification");
    assertThat(sent.objectReferenceId()).isEqualTo("ref001");
    assertThat(sent.sourceObject()).isEqualTo("MANDATE");
    assertThat(sent.mandate().mandateId()).isEqualTo(m.mandateId());

    Response read = DebitFixtures.call(merchant).get("/notifications/" + sent.id());
    assertThat(read.statusCode()).as(read.asString()).isEqualTo(200);
    assertThat(read.jsonPath().getString("status")).isEqualTo("SUCCESS");
    assertThat(read.jsonPath().getString("description")).isEqualTo("Monthly plan");
    assertThat(read.jsonPath().getString("source_info.txn_date"))
        .isEqualTo(Long.toString(txnDate.getEpochSecond()));
    assertThat(DebitFixtures.events(merchant, m.orderId())).contains("NOTIFICATION_SUCCEEDED");

    // Too soon after it; another amount; then the debit it announces, once.
    refused(
        debit(merchant, m, "250.00", now().plus(Duration.ofHours(23)), sent.id()),
        "Pre-debit notice");
    refused(debit(merchant, m, "250.01", txnDate, sent.id()), "order.amount must be the notified");
    Response ok = debit(merchant, m, "250.00", txnDate, sent.id());
    assertThat(ok.statusCode()).as(ok.asString()).isEqualTo(200);
    refused(debit(merchant, m, "250.00", txnDate, sent.id()), "announces another debit");
    // No second notice was sent for it.
    assertThat(
            DebitFixtures.events(merchant, m.orderId()).stream()
                .filter("NOTIFICATION_SUCCEEDED"::equals))
        .hasSize(1);
    clock.advance(Duration.between(clock.instant(), txnDate));
    assertThat(debitJob.runDue(Optional.of(merchant.merchantId()), clock.instant())).isEqualTo(1);
    // An unknown or another mandate's notification is refused.
    refused(
        debit(merchant, m, "250.00", txnDate.plus(Duration.ofDays(1)), "NOSUCH"),
        "is not a notification");
  }

  @Test
  void aFailedNotificationCannotBeUsed() throws Exception {
    Merchant merchant = TestMerchants.create();
    MandateRecord m =
        fixtures.active(merchant, CUSTOMER, Spec.upi(Frequency.ASPRESENTED), now(), now());
    Instant txnDate = now().plus(Duration.ofHours(30));
    NotificationView failed = notifier.notify(m, notice("ref002", "99.52", txnDate), now());
    assertThat(failed.status()).isEqualTo("FAILURE");
    assertThat(failed.responseCode()).isEqualTo("JP_852");
    assertThat(DebitFixtures.events(merchant, m.orderId())).contains("NOTIFICATION_FAILED");
    refused(debit(merchant, m, "99.52", txnDate, failed.id()), "failed");
  }

  @Test
  void itsFieldsAreChecked() throws Exception {
    Merchant merchant = TestMerchants.create();
    MandateRecord m =
        fixtures.active(merchant, CUSTOMER, Spec.upi(Frequency.ASPRESENTED), now(), now());
    Instant txnDate = now().plus(Duration.ofHours(30));
    assertThatThrownBy(() -> notifier.notify(m, notice("ref-003", "10", txnDate), now()))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> assertThat(e.fields()).anyMatch(f -> f.field().equals("object_reference_id")));
    assertThatThrownBy(
            () ->
                notifier.notify(
                    m, Map.of("object_reference_id", "ref004", "source_info", "not json"), now()))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> assertThat(e.fields()).anyMatch(f -> f.field().equals("source_info")));
    assertThatThrownBy(() -> notifier.notify(m, notice("ref005", "20000.01", txnDate), now()))
        .isInstanceOf(ApiException.class)
        .hasMessageContaining("amount_rule VARIABLE");
    MandateRecord enach =
        fixtures.active(
            merchant, CUSTOMER, Spec.upi(Frequency.ASPRESENTED).method("NB"), now(), now());
    assertThatThrownBy(() -> notifier.notify(enach, notice("ref006", "10", txnDate), now()))
        .isInstanceOf(ApiException.class)
        .hasMessageContaining("eNACH");
    fixtures.revoke(m, now());
    MandateRecord revoked =
        new MandateRecord(
            m.merchantId(),
            m.mandateId(),
            m.mandateToken(),
            m.orderId(),
            m.registrationTxnId(),
            m.customerId(),
            MandateStatus.REVOKED,
            m.mandateType(),
            m.paymentMethodType(),
            m.paymentMethod(),
            m.payerVpa(),
            m.authType(),
            m.bankDetails(),
            m.maxAmount(),
            m.currency(),
            m.amountRule(),
            m.frequency(),
            m.ruleType(),
            m.ruleValue(),
            m.startDate(),
            m.endDate(),
            m.revokableByCustomer(),
            m.blockFund(),
            m.debitToken(),
            m.pauseStartDate(),
            m.pauseEndDate(),
            m.activatedAt(),
            m.lastActivatedAt(),
            m.createdAt(),
            m.updatedAt());
    assertThatThrownBy(() -> notifier.notify(revoked, notice("ref007", "10", txnDate), now()))
        .isInstanceOfSatisfying(
            ApiException.class, e -> assertThat(e.getMessage()).contains("is REVOKED"));
  }
}
