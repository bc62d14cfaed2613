package dev.paysession.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paysession.TestMerchants;
import dev.paysession.TestMerchants.Merchant;
import dev.paysession.checkout.Shopper.Session;
import dev.paysession.db.EmbeddedPostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What happens when the merchant's endpoint misbehaves: non-2xx answers and slow answers are
 * retried on the (test-compressed) schedule, an event whose retries run out is FAILED, and the
 * operator can send it again.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresTestResource.class)
class WebhookRetryTest {

  private static final Duration PATIENCE = Duration.ofSeconds(40);

  @RegisterExtension final Receivers receivers = new Receivers();

  @Test
  void anEventWhoseRetriesRunOutIsFailedAndCanBeSentAgain() {
    double failedBefore = metric("paysession_webhooks_failed_total");
    double retriedBefore = metric("paysession_webhooks_retried_total");
    double deliveredBefore = metric("paysession_webhooks_delivered_total");
    WebhookReceiver receiver = receivers.start();
    receiver.answer(new WebhookReceiver.Answer(503, Duration.ZERO));
    Merchant merchant = Webhooks.merchantSendingTo(receiver);
    Session session = Webhooks.payByUpi(merchant, "success@upi");

    // The test schedule has 8 retries: 9 attempts, then FAILED.
    Webhooks.await(
        "every event failed",
        PATIENCE,
        () ->
            Webhooks.events(merchant, session.orderId()).stream()
                .allMatch(e -> "FAILED".equals(e.get("status"))));
    JsonPath failed = Webhooks.eventsJson(merchant, session.orderId());
    assertThat(failed.getList("events[0].attempts")).hasSize(9);
    assertThat(failed.getInt("events[0].attempts[0].http_status")).isEqualTo(503);
    assertThat(failed.getString("events[0].attempts[0].error")).isNull();
    assertThat(failed.getInt("events[0].failures")).isEqualTo(9);
    assertThat(receiver.deliveries()).isEmpty();
    // Other tests' webhooks may count too, so at least this test's: 3 failed, 3 x 8 retried.
    assertThat(metric("paysession_webhooks_failed_total") - failedBefore).isGreaterThanOrEqualTo(3);
    assertThat(metric("paysession_webhooks_retried_total") - retriedBefore)
        .isGreaterThanOrEqualTo(24);

    receiver.answer(WebhookReceiver.Answer.ok());
    Map<String, Object> redelivered =
        TestMerchants.admin()
            .post("/admin/merchants/" + merchant.merchantId() + "/webhooks/redeliver-failed")
            .then()
            .statusCode(202)
            .extract()
            .jsonPath()
            .getMap("");
    assertThat(redelivered).containsEntry("redelivered", 3);
    Webhooks.await("3 events delivered", PATIENCE, () -> receiver.deliveries().size() >= 3);
    assertThat(receiver.deliveries().stream().map(WebhookReceiver.Delivery::eventName))
        .containsExactly("TXN_CREATED", "TXN_CHARGED", "ORDER_SUCCEEDED");
    assertThat(metric("paysession_webhooks_delivered_total") - deliveredBefore)
        .isGreaterThanOrEqualTo(3);
    assertThat(metric("paysession_webhooks_lag_seconds_count")).isPositive();
  }

  @Test
  void aSlowAnswerIsATimeoutAndIsRetried() {
    WebhookReceiver receiver = receivers.start();
    // The test profile's timeout is 2 s.
    receiver.answer(new WebhookReceiver.Answer(200, Duration.ofSeconds(4)));
    Merchant merchant = Webhooks.merchantSendingTo(receiver);
    Session session = Webhooks.payByUpi(merchant, "success@upi");

    Webhooks.await(
        "a timed-out attempt",
        PATIENCE,
        () ->
            !Webhooks.eventsJson(merchant, session.orderId())
                .getList("events[0].attempts")
                .isEmpty());
    JsonPath listed = Webhooks.eventsJson(merchant, session.orderId());
    assertThat(listed.getString("events[0].attempts[0].error")).startsWith("no answer within");
    assertThat(listed.getBoolean("events[0].attempts[0].delivered")).isFalse();

    receiver.answer(WebhookReceiver.Answer.ok());
    Webhooks.await(
        "delivered after the endpoint sped up",
        PATIENCE,
        () ->
            Webhooks.events(merchant, session.orderId()).stream()
                .allMatch(e -> "DELIVERED".equals(e.get("status"))));
  }

  @Test
  void oneEventCanBeSentAgainOnRequest() {
    WebhookReceiver receiver = receivers.start();
    Merchant merchant = Webhooks.merchantSendingTo(receiver);
    Session session = Webhooks.payByUpi(merchant, "failure@upi");
    Webhooks.await("3 events", PATIENCE, () -> receiver.deliveries().size() >= 3);

    List<Map<String, Object>> events = Webhooks.events(merchant, session.orderId());
    String orderFailed = (String) events.get(2).get("id");
    TestMerchants.admin()
        .post(
            "/admin/merchants/" + merchant.merchantId() + "/webhooks/" + orderFailed + "/redeliver")
        .then()
        .statusCode(202);
    Webhooks.await("sent again", PATIENCE, () -> receiver.deliveries().size() >= 4);
    assertThat(receiver.deliveries().get(3).id()).isEqualTo(orderFailed);
    TestMerchants.admin()
        .post(
            "/admin/merchants/"
                + merchant.merchantId()
                + "/webhooks/evt_V2_00000000000000000000000000000000/redeliver")
        .then()
        .statusCode(404);
  }

  @Test
  void aMerchantWithASlowEndpointDoesNotHoldUpTheOthers() {
    // Every attempt to the slow endpoint takes the full 2 s timeout; it has 40 orders waiting, so
    // with all 8 senders on it the other merchant's events would wait 10 s for their turn.
    WebhookReceiver slow = receivers.start();
    slow.answer(new WebhookReceiver.Answer(200, Duration.ofSeconds(30)));
    Merchant slowMerchant = Webhooks.merchantSendingTo(slow);
    Session firstSlow = Webhooks.payByUpi(slowMerchant, "success@upi");
    for (int i = 1; i < 40; i++) {
      Webhooks.payByUpi(slowMerchant, "success@upi");
    }
    // Its first attempts time out: from then on it counts as failing and gets only its share.
    Webhooks.await(
        "the slow endpoint failed once",
        PATIENCE,
        () ->
            !Webhooks.eventsJson(slowMerchant, firstSlow.orderId())
                .getList("events[0].attempts")
                .isEmpty());

    WebhookReceiver fast = receivers.start();
    Merchant fastMerchant = Webhooks.merchantSendingTo(fast);
    long paid = System.nanoTime();
    Webhooks.payByUpi(fastMerchant, "success@upi");
    Webhooks.await("3 events", PATIENCE, () -> fast.deliveries().size() >= 3);
    Duration took = Duration.ofNanos(System.nanoTime() - paid);
    // A failing endpoint gets a quarter of the 8 senders: the other merchant's three events go
    // through at once instead of waiting behind 40 timeouts of 2 s on all 8 senders.
    assertThat(took).isLessThan(Duration.ofSeconds(3));
  }

  /** A counter from /q/metrics, summed over its tags. */
  static double metric(String name) {
    String text = TestMerchants.management().get("/q/metrics").asString();
    return text.lines()
        .filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{"))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .sum();
  }
}
