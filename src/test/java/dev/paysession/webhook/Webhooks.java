package dev.paysession.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paysession.TestMerchants;
import dev.paysession.TestMerchants.Merchant;
import dev.paysession.checkout.Shopper;
import dev.paysession.checkout.Shopper.Session;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** Test helpers around the webhook admin API. */
final class Webhooks {

  private Webhooks() {}

  /** Points the merchant's webhooks at {@code url}, with Basic auth and one custom header. */
  static void configure(Merchant merchant, String url) {
    Response response =
        TestMerchants.admin()
            .contentType(ContentType.JSON)
            .body(
                Map.of(
                    "url",
                    url,
                    "username",
                    "shopHooks",
                    "password",
                    "s3cret pass",
                    "custom_headers",
                    Map.of("X-Shop-Token", "shop-token-1")))
            .put("/admin/merchants/" + merchant.merchantId() + "/webhook");
    assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
  }

  /** A new sandbox merchant whose webhooks go to {@code receiver}'s {@code /hooks}. */
  static Merchant merchantSendingTo(WebhookReceiver receiver) {
    Merchant merchant = TestMerchants.create();
    configure(merchant, receiver.url("/hooks"));
    return merchant;
  }

  /** A new order of the merchant, paid on the hosted page with the sandbox UPI ID {@code vpa}. */
  static Session payByUpi(Merchant merchant, String vpa) {
    Session session = Shopper.open(merchant, TestMerchants.uniqueId("wh"));
    Shopper.seeOther(Shopper.post(session.pagePath() + "/upi", "vpa", vpa));
    return session;
  }

  /** The admin API's list of an order's events with their attempts. */
  static List<Map<String, Object>> events(Merchant merchant, String orderId) {
    Response response =
        TestMerchants.admin()
            .get("/admin/merchants/" + merchant.merchantId() + "/orders/" + orderId + "/webhooks");
    assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
    return response.jsonPath().getList("events");
  }

  static JsonPath eventsJson(Merchant merchant, String orderId) {
    return TestMerchants.admin()
        .get("/admin/merchants/" + merchant.merchantId() + "/orders/" + orderId + "/webhooks")
        .jsonPath();
  }

  /** Polls until {@code condition} holds; fails the test after {@code limit}. */
  static void await(String what, Duration limit, BooleanSupplier condition) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Not within " + limit.toSeconds() + " s: " + what);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
