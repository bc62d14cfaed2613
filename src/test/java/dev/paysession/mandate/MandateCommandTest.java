package dev.paysession.mandate;

import static dev.paysession.mandate.MandateFixtures.activeMandate;
import static dev.paysession.mandate.MandateFixtures.command;
import static dev.paysession.mandate.MandateFixtures.error;
import static dev.paysession.mandate.MandateFixtures.mandateEventNames;
import static dev.paysession.mandate.MandateFixtures.mandateEvents;
import static dev.paysession.mandate.MandateFixtures.ok;
import static dev.paysession.mandate.MandateFixtures.server;
import static org.assertj.core.api.Assertions.assertThat;

import dev.paysession.MovableClock;
import dev.paysession.TestMerchants;
import dev.paysession.TestMerchants.Merchant;
import dev.paysession.checkout.Shopper;
import dev.paysession.mandate.MandateFixtures.Mandate;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code POST /mandates/{mandate_id}}: each command passing and failing, over HTTP. */
@QuarkusTest
class MandateCommandTest {

  private static final String EPOCH = "[0-9]{9,11}";

  @Inject MovableClock clock;
  @Inject DueWorkRunner runner;

  @AfterEach
  void putTheClockBack() {
    clock.reset();
  }

  @Test
  void checkStatusAnswersTheStandaloneMandateAndTheOrderShowsItsBlock() {
    Mandate mandate = activeMandate(TestMerchants.create(), "cst_status");
    JsonPath m = ok(command(mandate, "command", "check_status"));
    assertThat(m.getString("mandate_id")).isEqualTo(mandate.mandateId());
    assertThat(m.getString("status")).isEqualTo("ACTIVE");
    assertThat(m.getString("mandate_status")).isNull();
    assertThat(m.getString("order_id")).isEqualTo(mandate.orderId());
    assertThat(m.getString("customer_id")).isEqualTo("cst_status");
    assertThat(m.getString("mandate_debit_token")).startsWith("tkn_");
    assertThat(m.getString("mandate_type")).isEqualTo("EMANDATE");
    assertThat(m.getString("frequency")).isEqualTo("MONTHLY");
    assertThat(m.getString("amount_rule")).isEqualTo("VARIABLE");
    assertThat(m.getDouble("max_amount")).isEqualTo(5000.0);
    assertThat(m.getString("start_date")).matches(EPOCH);
    assertThat(m.getString("end_date")).matches(EPOCH);
    assertThat(m.getString("payment_info.payment_method_type")).isEqualTo("UPI");
    assertThat(m.getString("payment_info.upi.payer_vpa")).isEqualTo(MandateFixtures.PAYER_VPA);

    // JSON works as well as the form.
    JsonPath json =
        ok(
            server(mandate.merchant())
                .contentType(ContentType.JSON)
                .body(Map.of("command", "check_status"))
                .post("/mandates/" + mandate.mandateId()));
    assertThat(json.getString("status")).isEqualTo("ACTIVE");

    // The order that registered it: its own status, and the mandate block with mandate_status.
    JsonPath order =
        Shopper.orderStatus(
            new Shopper.Session(mandate.merchant(), mandate.orderId(), null, null, null));
    assertThat(order.getString("status")).isEqualTo("CHARGED");
    assertThat(order.getString("mandate.mandate_id")).isEqualTo(mandate.mandateId());
    assertThat(order.getString("mandate.mandate_status")).isEqualTo("ACTIVE");
    assertThat(order.getString("mandate.status")).isNull();
    assertThat(order.getString("mandate.start_date")).matches(EPOCH);
    assertThat(order.getString("mandate.end_date")).isEqualTo(m.getString("end_date"));
  }

  @Test
  void anotherMerchantsOrAnUnknownMandateIsNotFound() {
    Mandate mandate = activeMandate(TestMerchants.create(), "cst_iso");
    Merchant other = TestMerchants.create();
    Mandate theirs = new Mandate(other, mandate.orderId(), mandate.mandateId(), "cst_iso");
    error(command(theirs, "command", "check_status"), 404, "RESOURCE_NOT_FOUND", null);
    error(command(theirs, "command", "revoke"), 404, "RESOURCE_NOT_FOUND", null);
    Mandate unknown = new Mandate(mandate.merchant(), mandate.orderId(), "nosuchmandate", "c");
    error(command(unknown, "command", "check_status"), 404, "RESOURCE_NOT_FOUND", "nosuchmandate");
    // Nothing changed for its owner.
    assertThat(ok(command(mandate, "command", "check_status")).getString("status"))
        .isEqualTo("ACTIVE");
    // Without credentials: 401.
    assertThat(
            io.restassured.RestAssured.given()
                .header("x-merchantid", mandate.merchant().merchantId())
                .contentType(ContentType.URLENC)
                .formParam("command", "check_status")
                .post("/mandates/" + mandate.mandateId())
                .statusCode())
        .isEqualTo(401);
  }

  @Test
  void revokeTakesJuspaysSmartQuotedCommandAndOnlyOnce() {
    Mandate mandate = activeMandate(TestMerchants.create(), "cst_revoke");
    JsonPath revoked = ok(command(mandate, "command", " ”revoke” "));
    assertThat(revoked.getString("mandate_status")).isEqualTo("REVOKED");
    assertThat(revoked.getString("mandate_id")).isEqualTo(mandate.mandateId());
    error(command(mandate, "command", "revoke"), 400, "INVALID_ACTION", "Mandate is REVOKED");
    error(command(mandate, "command", "pause"), 400, "INVALID_ACTION", "Mandate is REVOKED");
    error(command(mandate, "command", "resume"), 400, "INVALID_ACTION", "Mandate is REVOKED");
    assertThat(ok(command(mandate, "command", "check_status")).getString("status"))
        .isEqualTo("REVOKED");
    assertThat(mandateEventNames(mandate))
        .containsExactly("MANDATE_CREATED", "MANDATE_ACTIVATED", "MANDATE_REVOKED");
    JsonPath event = mandateEvents(mandate).get(2);
    assertThat(event.getString("content.mandate.status")).isEqualTo("REVOKED");
    assertThat(event.getString("content.mandate.mandate_id")).isEqualTo(mandate.mandateId());
    assertThat(event.getString("content.mandate.start_date")).matches(EPOCH);
  }

  @Test
  void anUnknownOrMissingCommandIsRefused() {
    Mandate mandate = activeMandate(TestMerchants.create(), "cst_cmd");
    error(command(mandate, "command", "cancel"), 400, "INVALID_REQUEST", "command");
    error(command(mandate, "other", "x"), 400, "Mandatory fields are missing", "command");
  }

  @Test
  void pauseNowUntilTheMandatesEndThenResume() {
    Mandate mandate = activeMandate(TestMerchants.create(), "cst_pause");
    String end = ok(command(mandate, "command", "check_status")).getString("end_date");
    JsonPath paused = ok(command(mandate, "command", "pause"));
    assertThat(paused.getString("mandate_status")).isEqualTo("PAUSED");
    assertThat(paused.getString("response_message")).isEqualTo("Mandate is Paused.");
    assertThat(paused.getString("mandate_id")).isEqualTo(mandate.mandateId());
    assertThat(Instant.parse(paused.getString("pause_end_date")).getEpochSecond())
        .isEqualTo(Long.parseLong(end));
    assertThat(paused.getString("pause_start_date")).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
    error(command(mandate, "command", "pause"), 400, "INVALID_ACTION", "Mandate is PAUSED");

    JsonPath resumed = ok(command(mandate, "command", "resume"));
    assertThat(resumed.getString("mandate_status")).isEqualTo("ACTIVE");
    assertThat(resumed.getString("response_message")).isEqualTo("Mandate is Resumed.");
    assertThat(resumed.getString("pause_end_date")).isEqualTo(paused.getString("pause_end_date"));
    error(command(mandate, "command", "resume"), 400, "INVALID_ACTION", "Mandate is ACTIVE");

    // Juspay has no MANDATE_RESUMED: a resumed mandate is ACTIVE again, MANDATE_ACTIVATED.
    assertThat(mandateEventNames(mandate))
        .containsExactly(
            "MANDATE_CREATED", "MANDATE_ACTIVATED", "MANDATE_PAUSED", "MANDATE_ACTIVATED");
    List<JsonPath> events = mandateEvents(mandate);
    assertThat(events.get(2).getString("content.mandate.status")).isEqualTo("PAUSED");
    assertThat(events.get(3).getString("content.mandate.status")).isEqualTo("ACTIVE");
  }

  @Test
  void pauseDatesMustMakeAPause() {
    Mandate mandate = activeMandate(TestMerchants.create(), "cst_dates");
    long now = Instant.now().getEpochSecond();
    // Juspay's own sample sends them the wrong way round: refused, not swapped.
    error(
        command(
            mandate,
            "command",
            "pause",
            "pause_start_date",
            Long.toString(now + 4 * 86400),
            "pause_end_date",
            Long.toString(now + 86400)),
        400,
        "INVALID_REQUEST",
        "pause_end_date");
    error(
        command(mandate, "command", "pause", "pause_end_date", Long.toString(now - 60)),
        400,
        "INVALID_REQUEST",
        "pause_end_date");
    error(
        command(mandate, "command", "pause", "pause_start_date", "tomorrow"),
        400,
        "INVALID_REQUEST",
        "pause_start_date");
    assertThat(ok(command(mandate, "command", "check_status")).getString("status"))
        .isEqualTo("ACTIVE");
  }

  @Test
  void aPauseFromLaterIsScheduledStartsAndEndsByItself() {
    Mandate mandate = activeMandate(TestMerchants.create(), "cst_later");
    String merchantId = mandate.merchant().merchantId();
    Instant now = Instant.now();
    Instant start = now.plus(Duration.ofDays(2));
    Instant end = now.plus(Duration.ofDays(5));
    JsonPath scheduled =
        ok(
            server(mandate.merchant())
                .contentType(ContentType.JSON)
                .body(
                    Map.of(
                        "command",
                        "pause",
                        "pause_start_date",
                        start.getEpochSecond(),
                        "pause_end_date",
                        Long.toString(end.getEpochSecond())))
                .post("/mandates/" + mandate.mandateId()));
    assertThat(scheduled.getString("mandate_status")).isEqualTo("ACTIVE");
    assertThat(scheduled.getString("response_message")).isEqualTo("Pause mandate is scheduled");

    // A day on: still ACTIVE.
    clock.advance(Duration.ofDays(1));
    runner.run(Optional.of(merchantId), clock.instant());
    assertThat(ok(command(mandate, "command", "check_status")).getString("status"))
        .isEqualTo("ACTIVE");
    // The pause starts at its date, and ends at its end.
    clock.advance(Duration.ofDays(1).plusMinutes(1));
    runner.run(Optional.empty(), clock.instant());
    assertThat(ok(command(mandate, "command", "check_status")).getString("status"))
        .isEqualTo("PAUSED");
    clock.advance(Duration.ofDays(3));
    runner.run(Optional.of(merchantId), clock.instant());
    JsonPath after = ok(command(mandate, "command", "check_status"));
    assertThat(after.getString("status")).isEqualTo("ACTIVE");
    // Not paused again by the past schedule.
    runner.run(Optional.of(merchantId), clock.instant());
    assertThat(mandateEventNames(mandate))
        .containsExactly(
            "MANDATE_CREATED", "MANDATE_ACTIVATED", "MANDATE_PAUSED", "MANDATE_ACTIVATED");
  }

  @Test
  void aResumeDateStillToComeKeepsThePauseUntilThen() {
    Mandate mandate = activeMandate(TestMerchants.create(), "cst_resume");
    ok(command(mandate, "command", "pause"));
    long in2Days = Instant.now().plus(Duration.ofDays(2)).getEpochSecond();
    JsonPath later = ok(command(mandate, "command", "resume", "resume_date", "'" + in2Days + "'"));
    assertThat(later.getString("mandate_status")).isEqualTo("PAUSED");
    assertThat(later.getString("response_message")).isEqualTo("Resume mandate is scheduled");
    assertThat(Instant.parse(later.getString("pause_end_date")).getEpochSecond())
        .isEqualTo(in2Days);
    clock.advance(Duration.ofDays(2).plusMinutes(1));
    runner.run(Optional.of(mandate.merchant().merchantId()), clock.instant());
    assertThat(ok(command(mandate, "command", "check_status")).getString("status"))
        .isEqualTo("ACTIVE");
  }

  @Test
  void preDebitNotifyOfAnotherMerchantsMandateIsNotFound() {
    Mandate mandate = activeMandate(TestMerchants.create(), "cst_pdn");
    Mandate theirs =
        new Mandate(TestMerchants.create(), mandate.orderId(), mandate.mandateId(), "c");
    error(command(theirs, "command", "pre_debit_notify"), 404, "RESOURCE_NOT_FOUND", null);
  }
}
