package dev.paysession.checkout;

import static dev.paysession.checkout.Shopper.assertReturnedWith;
import static dev.paysession.checkout.Shopper.isAttemptPage;
import static dev.paysession.checkout.Shopper.orderStatus;
import static dev.paysession.checkout.Shopper.post;
import static dev.paysession.checkout.Shopper.seeOther;
import static org.assertj.core.api.Assertions.assertThat;

import dev.paysession.TestMerchants;
import dev.paysession.checkout.Shopper.Session;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Payments the bank confirms later (pending@upi, card 4000 0000 0000 0028): the customer waits on a
 * waiting page that checks with the gateway on each load until the payment settles.
 */
@QuarkusTest
@TestProfile(PendingPaymentTest.ShortSettlement.class)
class PendingPaymentTest {

  private static final Duration SETTLES_AFTER = Duration.ofSeconds(4);

  /** Settles pending payments in seconds instead of the default ten, for this class only. */
  public static class ShortSettlement implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("paysession.sandbox.pending-settles-after", SETTLES_AFTER.getSeconds() + "S");
    }
  }

  @Test
  void aPendingUpiPaymentWaitsThenSettlesAsCharged() throws InterruptedException {
    Session session = Shopper.open(TestMerchants.create(), "pending-upi-1");
    Instant started = Instant.now();
    String attempt = seeOther(post(session.pagePath() + "/upi", "vpa", "pending@upi"));
    assertThat(isAttemptPage(session, attempt)).as(attempt).isTrue();

    JsonPath pending = orderStatus(session);
    assertThat(pending.getString("status")).isEqualTo("AUTHORIZING");
    assertThat(pending.getInt("status_id")).isEqualTo(28);

    String redirect = waitOnPendingPage(attempt);
    assertThat(Duration.between(started, Instant.now())).isGreaterThanOrEqualTo(SETTLES_AFTER);
    assertReturnedWith(session, redirect, "CHARGED", 21);
    JsonPath charged = orderStatus(session);
    assertThat(charged.getString("status")).isEqualTo("CHARGED");
    assertThat(charged.getString("txn_id")).endsWith("-pending-upi-1-1");
    assertThat(charged.getString("upi.payer_vpa")).isEqualTo("pending@upi");
    // Coming back to the attempt later gives the same answer.
    assertThat(seeOther(Shopper.get(Shopper.path(attempt)))).isEqualTo(redirect);
  }

  @Test
  void aPendingCardWaitsAfter3dsThenSettlesAsCharged() throws InterruptedException {
    Session session = Shopper.open(TestMerchants.create(), "pending-card-1");
    String challenge = Shopper.cardChallenge(session, Shopper.PENDING_CARD, false);
    String attempt = seeOther(post(challenge, "code", Shopper.OTP));
    assertThat(isAttemptPage(session, attempt)).as(attempt).isTrue();
    assertThat(orderStatus(session).getString("status")).isEqualTo("AUTHORIZING");

    String redirect = waitOnPendingPage(attempt);
    assertReturnedWith(session, redirect, "CHARGED", 21);
    assertThat(orderStatus(session).getString("card.last_four_digits")).isEqualTo("0028");
  }

  /**
   * Reloads the attempt page as its script does until it redirects; the first load must be the
   * waiting page.
   */
  private static String waitOnPendingPage(String attempt) throws InterruptedException {
    String path = Shopper.path(attempt);
    Instant deadline = Instant.now().plus(SETTLES_AFTER.multipliedBy(10));
    int waitingPages = 0;
    while (Instant.now().isBefore(deadline)) {
      Response page = Shopper.get(path);
      if (page.statusCode() == 303) {
        assertThat(waitingPages).as("waiting pages shown before the redirect").isPositive();
        return page.header("Location");
      }
      assertThat(page.statusCode()).as(page.asString()).isEqualTo(200);
      assertThat(page.header("Cache-Control")).isEqualTo("no-store");
      assertThat(page.asString())
          .doesNotContain("http-equiv=\"refresh\"")
          .contains("<script src=\"/checkout.js\" defer></script>")
          .contains("Waiting for your bank");
      waitingPages++;
      Thread.sleep(500);
    }
    throw new AssertionError("the pending payment did not settle within " + deadline);
  }
}
