package dev.paysession.mandate;

import static dev.paysession.mandate.MandateFixtures.activeMandate;
import static dev.paysession.mandate.MandateFixtures.command;
import static dev.paysession.mandate.MandateFixtures.error;
import static dev.paysession.mandate.MandateFixtures.fields;
import static dev.paysession.mandate.MandateFixtures.mandateEventNames;
import static dev.paysession.mandate.MandateFixtures.mandateEvents;
import static dev.paysession.mandate.MandateFixtures.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.paysession.MovableClock;
import dev.paysession.TestMerchants;
import dev.paysession.checkout.Shopper;
import dev.paysession.mandate.MandateFixtures.Mandate;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Mandates change with time: they expire at their end date, pauses end at theirs. */
@QuarkusTest
class MandateLifecycleTest {

  @Inject MovableClock clock;
  @Inject DueWorkRunner runner;

  @AfterEach
  void putTheClockBack() {
    clock.reset();
  }

  private static Mandate endingIn(Duration validity, String customerId) {
    long end = Instant.now().plus(validity).getEpochSecond();
    return activeMandate(
        TestMerchants.create(),
        customerId,
        "2000",
        "MONTHLY",
        fields("mandate.end_date", Long.toString(end)));
  }

  private static String status(Mandate mandate) {
    return ok(command(mandate, "command", "check_status")).getString("status");
  }

  @Test
  void aMandateExpiresAtItsEndDateNotBefore() {
    Mandate mandate = endingIn(Duration.ofDays(40), "cst_expiry");
    clock.advance(Duration.ofDays(39));
    runner.run(Optional.empty(), clock.instant());
    assertThat(status(mandate)).isEqualTo("ACTIVE");

    clock.advance(Duration.ofDays(1).plusMinutes(1));
    runner.run(Optional.empty(), clock.instant());
    assertThat(status(mandate)).isEqualTo("EXPIRED");
    error(command(mandate, "command", "revoke"), 400, "INVALID_ACTION", "Mandate is EXPIRED");

    assertThat(mandateEventNames(mandate))
        .containsExactly("MANDATE_CREATED", "MANDATE_ACTIVATED", "MANDATE_EXPIRED");
    JsonPath expired = mandateEvents(mandate).get(2);
    assertThat(expired.getString("content.mandate.status")).isEqualTo("EXPIRED");
    assertThat(expired.getString("content.mandate.mandate_id")).isEqualTo(mandate.mandateId());
    // The order that registered it shows the mandate block with mandate_status.
    JsonPath order =
        Shopper.orderStatus(
            new Shopper.Session(mandate.merchant(), mandate.orderId(), null, null, null));
    assertThat(order.getString("mandate.mandate_status")).isEqualTo("EXPIRED");
    assertThat(order.getString("status")).isEqualTo("CHARGED");
  }

  @Test
  void aPausedMandateExpiresToo() {
    Mandate mandate = endingIn(Duration.ofDays(10), "cst_paused_end");
    ok(command(mandate, "command", "pause"));
    clock.advance(Duration.ofDays(10).plusMinutes(1));
    runner.run(Optional.empty(), clock.instant());
    assertThat(status(mandate)).isEqualTo("EXPIRED");
    assertThat(mandateEventNames(mandate))
        .containsExactly(
            "MANDATE_CREATED", "MANDATE_ACTIVATED", "MANDATE_PAUSED", "MANDATE_EXPIRED");
  }

  @Test
  void aPauseEndsAtItsEndDateNotBefore() {
    Mandate mandate = activeMandate(TestMerchants.create(), "cst_pause_end");
    long end = Instant.now().plus(Duration.ofDays(3)).getEpochSecond();
    ok(command(mandate, "command", "pause", "pause_end_date", Long.toString(end)));
    clock.advance(Duration.ofDays(2));
    runner.run(Optional.empty(), clock.instant());
    assertThat(status(mandate)).isEqualTo("PAUSED");

    clock.advance(Duration.ofDays(1).plusMinutes(1));
    runner.run(Optional.empty(), clock.instant());
    JsonPath active = ok(command(mandate, "command", "check_status"));
    assertThat(active.getString("status")).isEqualTo("ACTIVE");
    assertThat(active.getString("last_activated_at"))
        .isNotEqualTo(active.getString("activated_at"));
    JsonPath resumed = mandateEvents(mandate).get(3);
    assertThat(resumed.getString("event_name")).isEqualTo("MANDATE_ACTIVATED");
    assertThat(resumed.getString("content.mandate.status")).isEqualTo("ACTIVE");
  }

  @Test
  void nodesRacingOnOneMandateChangeItOnce() throws Exception {
    Mandate mandate = endingIn(Duration.ofDays(5), "cst_race");
    clock.advance(Duration.ofDays(5).plusMinutes(1));
    Instant now = clock.instant();
    CountDownLatch start = new CountDownLatch(1);
    List<CompletableFuture<Integer>> runs = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      runs.add(
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  start.await();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
                return runner.run(Optional.of(mandate.merchant().merchantId()), now);
              }));
    }
    start.countDown();
    int changed = 0;
    for (CompletableFuture<Integer> run : runs) {
      changed += run.get();
    }
    assertThat(changed).isEqualTo(1);
    assertThat(mandateEventNames(mandate))
        .containsExactly("MANDATE_CREATED", "MANDATE_ACTIVATED", "MANDATE_EXPIRED");
  }

  @Test
  void theScheduledSweepRunsEachMerchantAtItsOwnTime() {
    Mandate ahead = endingIn(Duration.ofDays(20), "cst_sweep_ahead");
    Mandate onTime = endingIn(Duration.ofDays(20), "cst_sweep_on_time");
    // The first merchant's clock is 15 days ahead; the installation moves 6 days.
    TestMerchants.admin()
        .contentType(io.restassured.http.ContentType.JSON)
        .body(java.util.Map.of("advance_seconds", 15 * 86400))
        .post("/admin/merchants/" + ahead.merchant().merchantId() + "/test-clock")
        .then()
        .statusCode(200);
    clock.advance(Duration.ofDays(6));
    runner.sweep();
    assertThat(status(ahead)).isEqualTo("EXPIRED");
    assertThat(status(onTime)).isEqualTo("ACTIVE");
    clock.advance(Duration.ofDays(15));
    runner.sweep();
    assertThat(status(onTime)).isEqualTo("EXPIRED");
  }
}
