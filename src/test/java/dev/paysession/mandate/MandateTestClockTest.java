package dev.paysession.mandate;

import static dev.paysession.mandate.MandateFixtures.activeMandate;
import static dev.paysession.mandate.MandateFixtures.command;
import static dev.paysession.mandate.MandateFixtures.error;
import static dev.paysession.mandate.MandateFixtures.fields;
import static dev.paysession.mandate.MandateFixtures.mandateEventNames;
import static dev.paysession.mandate.MandateFixtures.mandateEvents;
import static dev.paysession.mandate.MandateFixtures.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.paysession.TestMerchants;
import dev.paysession.TestMerchants.Merchant;
import dev.paysession.mandate.MandateFixtures.Mandate;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Merchants' test clocks: a sandbox merchant moves its own time forward through the admin API and
 * its mandates change at their own times on the way; a production merchant's clock stays put.
 */
@QuarkusTest
class MandateTestClockTest {

  private static Response advance(String merchantId, Object body) {
    return TestMerchants.admin()
        .contentType(ContentType.JSON)
        .body(body)
        .post("/admin/merchants/" + merchantId + "/test-clock");
  }

  private static JsonPath clock(String merchantId) {
    return ok(TestMerchants.admin().get("/admin/merchants/" + merchantId + "/test-clock"));
  }

  private static Instant created(JsonPath event) {
    return Instant.parse(event.getString("date_created"));
  }

  @Test
  void advancingRunsEachChangeAtItsOwnTime() {
    Merchant merchant = TestMerchants.create();
    Instant realStart = Instant.now();
    Instant end = realStart.plus(Duration.ofDays(40));
    Mandate mandate =
        activeMandate(
            merchant,
            "cst_clock",
            "2000",
            "MONTHLY",
            fields("mandate.end_date", Long.toString(end.getEpochSecond())));
    Instant pauseEnd = realStart.plus(Duration.ofDays(10));
    ok(
        command(
            mandate,
            "command",
            "pause",
            "pause_end_date",
            Long.toString(pauseEnd.getEpochSecond())));
    // Another merchant's mandate lives on the installation's time.
    Mandate bystander =
        activeMandate(
            TestMerchants.create(),
            "cst_clock",
            "2000",
            "MONTHLY",
            fields("mandate.end_date", Long.toString(end.getEpochSecond())));

    assertThat(clock(merchant.merchantId()).getLong("offset_seconds")).isZero();
    JsonPath moved = ok(advance(merchant.merchantId(), Map.of("advance_seconds", 41 * 86400)));
    assertThat(moved.getLong("offset_seconds")).isBetween(41L * 86400 - 5, 41L * 86400 + 5);
    assertThat(moved.getInt("changes")).isEqualTo(2);
    assertThat(Instant.parse(moved.getString("merchant_time")))
        .isAfterOrEqualTo(realStart.plus(Duration.ofDays(41)).truncatedTo(ChronoUnit.SECONDS));

    assertThat(ok(command(mandate, "command", "check_status")).getString("status"))
        .isEqualTo("EXPIRED");
    assertThat(mandateEventNames(mandate))
        .containsExactly(
            "MANDATE_CREATED",
            "MANDATE_ACTIVATED",
            "MANDATE_PAUSED",
            "MANDATE_ACTIVATED",
            "MANDATE_EXPIRED");
    // Each change happened at its own time on the way, not at the end of the advance.
    var events = mandateEvents(mandate);
    assertThat(Duration.between(pauseEnd, created(events.get(3))).abs())
        .isLessThan(Duration.ofMinutes(1));
    assertThat(Duration.between(end, created(events.get(4))).abs())
        .isLessThan(Duration.ofMinutes(1));

    // Nobody else's time moved.
    assertThat(ok(command(bystander, "command", "check_status")).getString("status"))
        .isEqualTo("ACTIVE");
    assertThat(clock(merchant.merchantId()).getLong("offset_seconds"))
        .isEqualTo(moved.getLong("offset_seconds"));
    assertThat(clock(bystander.merchant().merchantId()).getLong("offset_seconds")).isZero();
  }

  @Test
  void theMerchantsCommandsReadItsMovedTime() {
    Merchant merchant = TestMerchants.create();
    Mandate mandate = activeMandate(merchant, "cst_clock_cmd");
    ok(advance(merchant.merchantId(), Map.of("advance_seconds", "864000")));
    // Five real days ahead is five days in the merchant's past: no pause can end then.
    long inFiveDays = Instant.now().plus(Duration.ofDays(5)).getEpochSecond();
    error(
        command(mandate, "command", "pause", "pause_end_date", Long.toString(inFiveDays)),
        400,
        "INVALID_REQUEST",
        "pause_end_date");
    JsonPath paused = ok(command(mandate, "command", "pause"));
    assertThat(Instant.parse(paused.getString("pause_start_date")))
        .isAfter(Instant.now().plus(Duration.ofDays(9)));
  }

  @Test
  void aProductionMerchantsClockCannotBeMoved() {
    Merchant production = TestMerchants.create(Map.of("environment", "production"));
    error(
        advance(production.merchantId(), Map.of("advance_seconds", 3600)),
        403,
        "FORBIDDEN",
        "production merchant");
    assertThat(clock(production.merchantId()).getLong("offset_seconds")).isZero();
  }

  @Test
  void anAdvanceMustBeAPositiveWholeNumberOfSeconds() {
    Merchant merchant = TestMerchants.create();
    for (Object bad : new Object[] {0, -5, "abc", 1.5, 400_000_000L}) {
      error(
          advance(merchant.merchantId(), Map.of("advance_seconds", bad)),
          400,
          "INVALID_REQUEST",
          "advance_seconds");
    }
    error(
        advance(merchant.merchantId(), Map.of("other", 1)),
        400,
        "Mandatory fields are missing",
        "advance_seconds");
    error(
        advance("m_nosuchmerchant", Map.of("advance_seconds", 60)),
        404,
        "RESOURCE_NOT_FOUND",
        null);
    assertThat(clock(merchant.merchantId()).getLong("offset_seconds")).isZero();
    // Not on the public port.
    assertThat(
            io.restassured.RestAssured.given()
                .header("Authorization", "Bearer " + TestMerchants.ADMIN_TOKEN)
                .get("/admin/merchants/" + merchant.merchantId() + "/test-clock")
                .statusCode())
        .isEqualTo(404);
  }
}
