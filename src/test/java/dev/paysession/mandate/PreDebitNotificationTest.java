package dev.paysession.mandate;

import static dev.paysession.mandate.DebitFixtures.txns;
import static org.assertj.core.api.Assertions.assertThat;

import dev.paysession.MovableClock;
import dev.paysession.TestMerchants;
import dev.paysession.TestMerchants.Merchant;
import dev.paysession.mandate.DebitFixtures.Spec;
import dev.paysession.order.OrderDetails.Frequency;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The decoupled pre-debit notification ({@code POST /mandates/{id}} with {@code
 * command=pre_debit_notify}) and a debit that names it.
 */
@QuarkusTest
class PreDebitNotificationTest {

  private static final String CUSTOMER = "cust-pdn-1";

  @Inject MovableClock clock;
  @Inject DebitFixtures fixtures;
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

  /** {@code POST /mandates/{id}}, {@code command=pre_debit_notify}, as a form. */
  private static Response notifyCall(Merchant merchant, MandateRecord m, Map<String, String> f) {
    RequestSpecification request =
        MandateFixtures.server(merchant)
            .contentType(ContentType.URLENC.withCharset("UTF-8"))
            .formParam("command", "pre_debit_notify");
    for (Map.Entry<String, String> field : f.entrySet()) {
      request = request.formParam(field.getKey(), field.getValue());
    }
    return request.post("/mandates/" + m.mandateId());
  }

  private static JsonPath notifyOk(Merchant merchant, MandateRecord m, Map<String, String> f) {
    Response response = notifyCall(merchant, m, f);
    assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
    return response.jsonPath();
  }

  private static void refusedField(Response response, String field) {
    assertThat(response.statusCode()).as(response.asString()).isEqualTo(400);
    assertThat(response.jsonPath().getList("error_info.fields.field_name", String.class))
        .contains(field);
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
    JsonPath sent = notifyOk(merchant, m, notice("ref001", "250.00", txnDate));
    assertThat(sent.getString("status")).isEqualTo("SUCCESS");
    assertThat(sent.getString("object")).isEqualTo("notification");
    assertThat(sent.getString("object_reference_id")).isEqualTo("ref001");
    assertThat(sent.getString("source_object")).isEqualTo("MANDATE");
    assertThat(sent.getString("mandate.mandate_id")).isEqualTo(m.mandateId());
    String sentId = sent.getString("id");

    Response read = DebitFixtures.call(merchant).get("/notifications/" + sentId);
    assertThat(read.statusCode()).as(read.asString()).isEqualTo(200);
    assertThat(read.jsonPath().getString("status")).isEqualTo("SUCCESS");
    assertThat(read.jsonPath().getString("description")).isEqualTo("Monthly plan");
    assertThat(read.jsonPath().getString("source_info.txn_date"))
        .isEqualTo(Long.toString(txnDate.getEpochSecond()));
    assertThat(DebitFixtures.events(merchant, m.orderId())).contains("NOTIFICATION_SUCCEEDED");

    // Too soon after it; another amount; then the debit it announces, once.
    refused(
        debit(merchant, m, "250.00", now().plus(Duration.ofHours(23)), sentId), "Pre-debit notice");
    refused(debit(merchant, m, "250.01", txnDate, sentId), "order.amount must be the notified");
    Response ok = debit(merchant, m, "250.00", txnDate, sentId);
    assertThat(ok.statusCode()).as(ok.asString()).isEqualTo(200);
    refused(debit(merchant, m, "250.00", txnDate, sentId), "announces another debit");
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
    JsonPath failed = notifyOk(merchant, m, notice("ref002", "99.52", txnDate));
    assertThat(failed.getString("status")).isEqualTo("FAILURE");
    assertThat(failed.getString("response_code")).isEqualTo("JP_852");
    assertThat(DebitFixtures.events(merchant, m.orderId())).contains("NOTIFICATION_FAILED");
    refused(debit(merchant, m, "99.52", txnDate, failed.getString("id")), "failed");
  }

  @Test
  void itsFieldsAreChecked() throws Exception {
    Merchant merchant = TestMerchants.create();
    MandateRecord m =
        fixtures.active(merchant, CUSTOMER, Spec.upi(Frequency.ASPRESENTED), now(), now());
    Instant txnDate = now().plus(Duration.ofHours(30));
    refusedField(notifyCall(merchant, m, notice("ref-003", "10", txnDate)), "object_reference_id");
    refusedField(
        notifyCall(merchant, m, Map.of("object_reference_id", "ref004", "source_info", "not json")),
        "source_info");
    refused(notifyCall(merchant, m, notice("ref005", "20000.01", txnDate)), "amount_rule VARIABLE");
    MandateRecord enach =
        fixtures.active(
            merchant, CUSTOMER, Spec.upi(Frequency.ASPRESENTED).method("NB"), now(), now());
    refused(notifyCall(merchant, enach, notice("ref006", "10", txnDate)), "eNACH");
    DebitFixtures.revoke(merchant, m);
    refused(notifyCall(merchant, m, notice("ref007", "10", txnDate)), "is REVOKED");
  }
}
