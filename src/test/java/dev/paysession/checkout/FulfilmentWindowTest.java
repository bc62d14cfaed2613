package dev.paysession.checkout;

import static dev.paysession.checkout.Shopper.assertReturnedWith;
import static dev.paysession.checkout.Shopper.orderStatus;
import static dev.paysession.checkout.Shopper.post;
import static dev.paysession.checkout.Shopper.seeOther;
import static org.assertj.core.api.Assertions.assertThat;

import dev.paysession.MovableClock;
import dev.paysession.TestMerchants;
import dev.paysession.TestMerchants.Merchant;
import dev.paysession.checkout.Shopper.Session;
import dev.paysession.reconcile.Reconciler;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code order_fullfillment_threshold_in_mins}: a charge that comes after a failure still counts
 * inside the window (counted from the order's creation); after it, the order keeps its failure and
 * the charge is auto-refunded, with the refund in the order status and a webhook. The failure is
 * the sweeper giving up on a challenge left open for 15 minutes; the late success is the customer
 * answering that bank page anyway.
 */
@QuarkusTest
class FulfilmentWindowTest {

  @Inject MovableClock clock;
  @Inject Reconciler sweeper;

  @AfterEach
  void putTheClockBack() {
    clock.reset();
  }

  @Test
  void aLateCardChargeInsideTheWindowCounts() {
    Session session = open("window-in-1", "30");
    String challenge = Shopper.cardChallenge(session, Shopper.VISA, false);
    abandonForSixteenMinutes(session);

    String redirect = seeOther(post(challenge, "code", Shopper.OTP));

    assertReturnedWith(session, redirect, "CHARGED", 21);
    JsonPath order = orderStatus(session);
    assertThat(order.getString("status")).isEqualTo("CHARGED");
    assertThat(order.getList("refunds")).as("no refunds key").isNull();
  }

  @Test
  void aLateCardChargeAfterTheWindowIsAutoRefundedAndTheOrderStaysFailed() {
    Session session = open("window-out-1", "10");
    String challenge = Shopper.cardChallenge(session, Shopper.VISA, false);
    abandonForSixteenMinutes(session);

    String redirect = seeOther(post(challenge, "code", Shopper.OTP));

    assertReturnedWith(session, redirect, "AUTHENTICATION_FAILED", 26);
    JsonPath order = orderStatus(session);
    assertThat(order.getString("status")).isEqualTo("AUTHENTICATION_FAILED");
    assertThat(order.getString("txn_detail.status")).isEqualTo("AUTO_REFUNDED");
    assertThat(order.getList("refunds")).hasSize(1);
    assertThat(order.getString("refunds[0].initiated_by")).isEqualTo("AUTO_REFUNDED");
    assertThat(order.getString("refunds[0].status")).isEqualTo("PENDING");
    assertThat(order.getDouble("refunds[0].amount")).isEqualTo(order.getDouble("amount"));
    assertThat(order.getDouble("amount_refunded")).as("the order's own charge").isZero();

    // The refunds job sends it to the sandbox and settles it: the merchant hears of it once.
    for (int halfHour = 0; halfHour < 4; halfHour++) {
      sweeper.sweep();
      clock.advance(Duration.ofMinutes(30));
    }
    sweeper.sweep();
    assertThat(orderStatus(session).getString("refunds[0].status")).isEqualTo("SUCCESS");
    assertThat(orderStatus(session).getString("status")).isEqualTo("AUTHENTICATION_FAILED");
    assertThat(webhookEvents(session)).containsOnlyOnce("AUTO_REFUND_SUCCEEDED");
    assertThat(webhookEvents(session)).doesNotContain("ORDER_SUCCEEDED", "TXN_CHARGED");
  }

  @Test
  void aLateNetBankingApprovalAfterTheWindowIsAutoRefundedToo() {
    Session session = open("window-nb-1", "15");
    String attempt = seeOther(post(session.pagePath() + "/netbanking", "bank", "NB_HDFC"));
    String bankPage = Shopper.challengeAction(attempt);
    abandonForSixteenMinutes(session);

    String redirect = seeOther(post(bankPage, "decision", "approve"));

    assertReturnedWith(session, redirect, "AUTHENTICATION_FAILED", 26);
    JsonPath order = orderStatus(session);
    assertThat(order.getString("txn_detail.status")).isEqualTo("AUTO_REFUNDED");
    assertThat(order.getString("refunds[0].initiated_by")).isEqualTo("AUTO_REFUNDED");
  }

  @Test
  void withoutAWindowALateChargeCountsAsBefore() {
    Session session = open("window-none-1", null);
    String challenge = Shopper.cardChallenge(session, Shopper.VISA, false);
    clock.advance(Duration.ofDays(1).minusMinutes(5));
    sweeper.sweep();
    assertThat(orderStatus(session).getString("status")).isEqualTo("AUTHENTICATION_FAILED");

    String redirect = seeOther(post(challenge, "code", Shopper.OTP));

    assertReturnedWith(session, redirect, "CHARGED", 21);
    assertThat(orderStatus(session).getList("refunds")).as("no refunds key").isNull();
  }

  @Test
  void aWrongCodeAfterTheTimeoutChargesNothing() {
    Session session = open("window-wrong-1", "30");
    String challenge = Shopper.cardChallenge(session, Shopper.VISA, false);
    abandonForSixteenMinutes(session);

    String redirect = seeOther(post(challenge, "code", "000000"));

    assertReturnedWith(session, redirect, "AUTHENTICATION_FAILED", 26);
    assertThat(orderStatus(session).getString("txn_detail.status"))
        .isEqualTo("AUTHENTICATION_FAILED");
  }

  /** The customer leaves the bank's page open; the sweeper gives up on it after 15 minutes. */
  private void abandonForSixteenMinutes(Session session) {
    clock.advance(Duration.ofMinutes(16));
    sweeper.sweep();
    JsonPath order = orderStatus(session);
    assertThat(order.getString("status")).isEqualTo("AUTHENTICATION_FAILED");
    assertThat(order.getString("txn_detail.error_code")).isEqualTo("AUTHENTICATION_TIMEOUT");
  }

  private static Session open(String orderId, String thresholdMins) {
    Merchant merchant = TestMerchants.create();
    Map<String, Object> body = merchant.body(orderId);
    if (thresholdMins != null) {
      body.put("order_fullfillment_threshold_in_mins", thresholdMins);
    }
    return Shopper.open(merchant, body);
  }

  private static List<String> webhookEvents(Session session) {
    return TestMerchants.admin()
        .get(
            "/admin/merchants/"
                + session.merchant().merchantId()
                + "/orders/"
                + session.orderId()
                + "/webhooks")
        .jsonPath()
        .getList("events.event_name", String.class);
  }
}
