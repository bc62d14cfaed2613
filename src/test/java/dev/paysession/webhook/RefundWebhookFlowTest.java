package dev.paysession.webhook;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.paysession.TestMerchants;
import dev.paysession.TestMerchants.Merchant;
import dev.paysession.checkout.Shopper;
import dev.paysession.checkout.Shopper.Session;
import dev.paysession.reconcile.Reconciler;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole refund flow a merchant sees: pay on the hosted page, refund in part twice, the gateway
 * settles (time moved by sweeping "as at" later instants), and signed webhooks tell of each change
 * with the order's refunds[] as of that change.
 */
@QuarkusTest
class RefundWebhookFlowTest {

  private static final Duration PATIENCE = Duration.ofSeconds(30);

  @RegisterExtension final Receivers receivers = new Receivers();

  @Inject Reconciler sweeper;

  @Test
  void payRefundTwiceSettleAndHearOfItBySignedWebhooks() {
    WebhookReceiver receiver = receivers.start();
    Merchant merchant = Webhooks.merchantSendingTo(receiver);
    Map<String, Object> body = merchant.body(TestMerchants.uniqueId("rfw"));
    body.put("amount", "100.00");
    Session session = Shopper.open(merchant, body);
    Shopper.payByCardWithCode(session, Shopper.VISA, Shopper.OTP);
    assertThat(Shopper.orderStatus(session).getString("status")).isEqualTo("CHARGED");

    refund(session, "first", "30.00");
    refund(session, "second", "20.50");
    Instant now = Instant.now();
    sweeper.sweep(now.plus(Duration.ofMinutes(1)));
    sweeper.sweep(now.plus(Duration.ofMinutes(2)));
    sweeper.sweep(now.plus(Duration.ofMinutes(30)));

    JsonPath status = Shopper.orderStatus(session);
    assertThat(status.getList("refunds.status", String.class)).containsOnly("SUCCESS");
    assertThat(status.getDouble("amount_refunded")).isEqualTo(50.5);
    assertThat(status.getBoolean("refunded")).isFalse();
    assertThat(status.getString("status")).isEqualTo("CHARGED");

    Webhooks.await(
        "both refunds told as settled",
        PATIENCE,
        () -> refundEvents(receiver, "ORDER_REFUNDED").size() >= 2);
    List<WebhookReceiver.Delivery> initiated = refundEvents(receiver, "REFUND_INITIATED");
    assertThat(initiated).hasSize(2);
    // REFUND_INITIATED carries the order as it was then: the first one shows one PENDING refund.
    JsonPath firstInitiated = initiated.get(0).json();
    assertThat(firstInitiated.getList("content.order.refunds")).hasSize(1);
    assertThat(firstInitiated.getString("content.order.refunds[0].status")).isEqualTo("PENDING");
    assertThat(firstInitiated.getBoolean("content.order.refunds[0].sent_to_gateway")).isFalse();

    List<WebhookReceiver.Delivery> refunded = refundEvents(receiver, "ORDER_REFUNDED");
    WebhookReceiver.Delivery last = refunded.get(refunded.size() - 1);
    JsonPath payload = last.json();
    assertThat(payload.getString("content.order.status")).isEqualTo("CHARGED");
    assertThat(payload.getList("content.order.refunds.unique_request_id"))
        .containsExactly("second", "first");
    assertThat(payload.getList("content.order.refunds.status", String.class))
        .containsOnly("SUCCESS");
    assertThat(payload.getDouble("content.order.amount_refunded")).isEqualTo(50.5);
    assertThat(
            StandardWebhooksVerifier.verify(
                merchant.webhookSecret(), last.headers(), last.body(), Instant.now()))
        .isTrue();
    assertThat(
            StandardWebhooksVerifier.verify(
                TestMerchants.create().webhookSecret(), last.headers(), last.body(), Instant.now()))
        .isFalse();
    // The order's webhook log in the admin API lists the refund events too.
    assertThat(
            Webhooks.events(merchant, session.orderId()).stream()
                .map(event -> (String) event.get("event_name")))
        .contains("REFUND_INITIATED", "ORDER_REFUNDED");
  }

  private static void refund(Session session, String id, String amount) {
    Response response =
        given()
            .header("Authorization", TestMerchants.basicWithColon(session.merchant().apiKey()))
            .header("x-merchantid", session.merchant().merchantId())
            .contentType(ContentType.URLENC)
            .formParam("unique_request_id", id)
            .formParam("amount", amount)
            .post("/orders/" + session.orderId() + "/refunds");
    assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
  }

  private static List<WebhookReceiver.Delivery> refundEvents(
      WebhookReceiver receiver, String eventName) {
    return receiver.deliveries(delivery -> delivery.eventName().equals(eventName));
  }
}
