package dev.paysession.webhook;

import static dev.paysession.checkout.Shopper.post;
import static dev.paysession.checkout.Shopper.seeOther;
import static org.assertj.core.api.Assertions.assertThat;

import dev.paysession.TestMerchants;
import dev.paysession.TestMerchants.Merchant;
import dev.paysession.checkout.Shopper;
import dev.paysession.checkout.Shopper.Session;
import dev.paysession.db.EmbeddedPostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Webhooks as a merchant's server receives them: Juspay's payload and Basic auth, our signature,
 * every event once and in order per order, also after the endpoint was down for a while. The test
 * profile compresses the retry schedule (300 ms … 2 s).
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresTestResource.class)
class WebhookDeliveryTest {

  private static final Duration PATIENCE = Duration.ofSeconds(30);

  @RegisterExtension final Receivers receivers = new Receivers();

  @Test
  void aReceiverThatWasDownGetsEveryEventOnceInOrderPerOrder() {
    WebhookReceiver receiver = receivers.start();
    Merchant merchant = TestMerchants.create();
    Webhooks.configure(merchant, receiver.url("/juspay/hooks"));
    receiver.down();

    // Three orders: failed then paid; paid at once; failed.
    Session retried = Webhooks.payByUpi(merchant, "failure@upi");
    seeOther(post(retried.pagePath() + "/upi", "vpa", "success@upi"));
    Session paid = Webhooks.payByUpi(merchant, "success@upi");
    Session failed = Webhooks.payByUpi(merchant, "decline@upi");

    // Down for a while: attempts fail with connection refused and are retried.
    Webhooks.await(
        "failed attempts recorded",
        PATIENCE,
        () ->
            Webhooks.eventsJson(merchant, retried.orderId()).getList("events[0].attempts").size()
                >= 2);
    JsonPath whileDown = Webhooks.eventsJson(merchant, retried.orderId());
    assertThat(whileDown.getString("events[0].status")).isEqualTo("PENDING");
    assertThat(whileDown.getString("events[0].attempts[0].error")).isNotBlank();
    assertThat(whileDown.getBoolean("events[0].attempts[0].delivered")).isFalse();
    assertThat(receiver.deliveries()).isEmpty();

    receiver.up();
    Map<Session, List<String>> expected = new LinkedHashMap<>();
    expected.put(
        retried,
        List.of(
            "TXN_CREATED",
            "TXN_FAILED",
            "ORDER_FAILED",
            "TXN_CREATED",
            "TXN_CHARGED",
            "ORDER_SUCCEEDED"));
    expected.put(paid, List.of("TXN_CREATED", "TXN_CHARGED", "ORDER_SUCCEEDED"));
    expected.put(failed, List.of("TXN_CREATED", "TXN_FAILED", "ORDER_FAILED"));
    int total = expected.values().stream().mapToInt(List::size).sum();
    Webhooks.await(
        "all " + total + " events delivered",
        PATIENCE,
        () -> receiver.deliveries().size() >= total);

    List<WebhookReceiver.Delivery> deliveries = receiver.deliveries();
    // Once each.
    assertThat(deliveries.stream().map(WebhookReceiver.Delivery::id).distinct().count())
        .isEqualTo(deliveries.size());
    assertThat(deliveries).hasSize(total);
    // In order per order, matching the outbox's order.
    for (Map.Entry<Session, List<String>> order : expected.entrySet()) {
      String orderId = order.getKey().orderId();
      List<WebhookReceiver.Delivery> ofOrder =
          receiver.deliveries(delivery -> delivery.orderId().equals(orderId));
      assertThat(ofOrder.stream().map(WebhookReceiver.Delivery::eventName))
          .as(orderId)
          .containsExactlyElementsOf(order.getValue());
      List<Map<String, Object>> listed = Webhooks.events(merchant, orderId);
      assertThat(ofOrder.stream().map(WebhookReceiver.Delivery::id))
          .containsExactlyElementsOf(listed.stream().map(e -> (String) e.get("id")).toList());
      assertThat(listed).allSatisfy(e -> assertThat(e.get("status")).isEqualTo("DELIVERED"));
    }
    // What the admin API shows of an event that needed retries.
    JsonPath listed = Webhooks.eventsJson(merchant, retried.orderId());
    List<Map<String, Object>> attempts = listed.getList("events[0].attempts");
    assertThat(attempts.size()).isGreaterThanOrEqualTo(2);
    Map<String, Object> last = attempts.get(attempts.size() - 1);
    assertThat(last).containsEntry("http_status", 200).containsEntry("delivered", true);
    assertThat((Integer) last.get("latency_ms")).isNotNull().isGreaterThanOrEqualTo(0);
    assertThat(last.get("url")).isEqualTo(receiver.url("/juspay/hooks"));
  }

  @Test
  void aWebhookCarriesJuspaysPayloadAuthAndHeadersAndAVerifiableSignature() {
    WebhookReceiver receiver = receivers.start();
    Merchant merchant = Webhooks.merchantSendingTo(receiver);
    Session session = Webhooks.payByUpi(merchant, "success@upi");
    Webhooks.await("3 events", PATIENCE, () -> receiver.deliveries().size() >= 3);

    WebhookReceiver.Delivery succeeded = receiver.deliveries().get(2);
    JsonPath payload = succeeded.json();
    assertThat(payload.getString("id")).matches("evt_V2_[0-9a-f]{32}").isEqualTo(succeeded.id());
    assertThat(payload.getString("event_name")).isEqualTo("ORDER_SUCCEEDED");
    assertThat(payload.getString("date_created"))
        .matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
    // The order-status object, exactly as GET /orders/{id} shows the paid order.
    JsonPath status = Shopper.orderStatus(session);
    Map<String, Object> order = payload.getMap("content.order");
    assertThat(order).isEqualTo(status.getMap(""));
    assertThat(order).containsEntry("status", "CHARGED").containsEntry("status_id", 21);

    Map<String, String> headers = succeeded.headers();
    assertThat(headers.get("content-type")).startsWith("application/json");
    assertThat(headers.get("authorization"))
        .isEqualTo(
            "Basic "
                + Base64.getEncoder()
                    .encodeToString("shopHooks:s3cret pass".getBytes(StandardCharsets.UTF_8)));
    assertThat(headers.get("x-shop-token")).isEqualTo("shop-token-1");
    assertThat(Long.parseLong(headers.get("webhook-timestamp")))
        .isCloseTo(Instant.now().getEpochSecond(), org.assertj.core.data.Offset.offset(60L));

    // A verifier written from the Standard Webhooks scheme accepts it...
    assertThat(
            StandardWebhooksVerifier.verify(
                merchant.webhookSecret(), headers, succeeded.body(), Instant.now()))
        .isTrue();
    // ...and refuses a tampered body, or another merchant's secret.
    byte[] tampered =
        new String(succeeded.body(), StandardCharsets.UTF_8)
            .replace("\"CHARGED\"", "\"REFUNDED\"")
            .getBytes(StandardCharsets.UTF_8);
    assertThat(Arrays.equals(tampered, succeeded.body())).isFalse();
    assertThat(
            StandardWebhooksVerifier.verify(
                merchant.webhookSecret(), headers, tampered, Instant.now()))
        .isFalse();
    assertThat(
            StandardWebhooksVerifier.verify(
                TestMerchants.create().webhookSecret(), headers, succeeded.body(), Instant.now()))
        .isFalse();
  }

  @Test
  void anOrdersOwnWebhookUrlOnAnotherHostGetsTheSignatureButNotTheMerchantsCredentials() {
    WebhookReceiver receiver = receivers.start();
    WebhookReceiver elsewhere = receivers.start();
    Merchant merchant = Webhooks.merchantSendingTo(receiver);
    Session session = payOrderWithWebhookUrl(merchant, elsewhere.url("/this-order"));

    Webhooks.await(
        "3 events at the order's URL", PATIENCE, () -> elsewhere.deliveries().size() >= 3);
    assertThat(elsewhere.deliveries())
        .allSatisfy(d -> assertThat(d.orderId()).isEqualTo(session.orderId()));
    WebhookReceiver.Delivery first = elsewhere.deliveries().get(0);
    // Another host (here: another port) than the merchant configured: no Basic auth and no
    // custom headers, so a per-order URL cannot collect them; the signature still proves the body.
    assertThat(first.headers())
        .doesNotContainKey("authorization")
        .doesNotContainKey("x-shop-token");
    assertThat(
            StandardWebhooksVerifier.verify(
                merchant.webhookSecret(), first.headers(), first.body(), Instant.now()))
        .isTrue();
    assertThat(receiver.deliveries()).isEmpty();
  }

  @Test
  void anOrdersOwnWebhookUrlUnderTheMerchantsUrlGetsTheCredentialsToo() {
    WebhookReceiver receiver = receivers.start();
    Merchant merchant = Webhooks.merchantSendingTo(receiver);
    Session session = payOrderWithWebhookUrl(merchant, receiver.url("/hooks/orders/special"));

    Webhooks.await("3 events", PATIENCE, () -> receiver.deliveries().size() >= 3);
    assertThat(receiver.deliveries())
        .allSatisfy(
            d -> {
              assertThat(d.orderId()).isEqualTo(session.orderId());
              assertThat(d.path()).isEqualTo("/hooks/orders/special");
              assertThat(d.headers().get("authorization")).startsWith("Basic ");
              assertThat(d.headers().get("x-shop-token")).isEqualTo("shop-token-1");
            });
  }

  private static Session payOrderWithWebhookUrl(Merchant merchant, String webhookUrl) {
    Map<String, Object> body = merchant.body(TestMerchants.uniqueId("wh"));
    body.put("metadata.webhook_url", webhookUrl);
    Session session = Shopper.open(merchant, body);
    seeOther(post(session.pagePath() + "/upi", "vpa", "success@upi"));
    return session;
  }

  @Test
  void aMerchantWithoutAWebhookUrlGetsNothingAndTheEventsSaySo() {
    Merchant merchant = TestMerchants.create();
    Session session = Webhooks.payByUpi(merchant, "success@upi");
    Webhooks.await(
        "events settled",
        PATIENCE,
        () ->
            Webhooks.events(merchant, session.orderId()).stream()
                .allMatch(e -> "NO_ENDPOINT".equals(e.get("status"))));
    JsonPath listed = Webhooks.eventsJson(merchant, session.orderId());
    assertThat(listed.getList("events")).hasSize(3);
    assertThat(listed.getString("events[0].attempts[0].error"))
        .isEqualTo("no webhook URL configured");
  }

  @Test
  void oneMerchantCannotSeeAnothersEvents() {
    Merchant owner = TestMerchants.create();
    Merchant other = TestMerchants.create();
    Session session = Webhooks.payByUpi(owner, "success@upi");
    Webhooks.await(
        "events written", PATIENCE, () -> Webhooks.events(owner, session.orderId()).size() == 3);
    assertThat(Webhooks.events(other, session.orderId())).isEmpty();
    String eventId = (String) Webhooks.events(owner, session.orderId()).get(0).get("id");
    TestMerchants.admin()
        .post("/admin/merchants/" + other.merchantId() + "/webhooks/" + eventId + "/redeliver")
        .then()
        .statusCode(404);
  }
}
