package dev.paysession.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paysession.TestMerchants;
import dev.paysession.TestMerchants.Merchant;
import dev.paysession.db.EmbeddedPostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The operator's side: webhook settings, their validation, and signing-secret rotation. */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresTestResource.class)
class WebhookSettingsApiTest {

  @RegisterExtension final Receivers receivers = new Receivers();

  @Test
  void aNewMerchantGetsAWebhookSecretOnce() {
    Merchant merchant = TestMerchants.create();
    assertThat(merchant.webhookSecret()).matches("whsec_[A-Za-z0-9+/]{43}=");
    String read = TestMerchants.admin().get("/admin/merchants/" + merchant.merchantId()).asString();
    assertThat(read).doesNotContain(merchant.webhookSecret()).doesNotContain("webhook_secret");
  }

  @Test
  void settingsAreShownWithoutTheirSecrets() {
    Merchant merchant = TestMerchants.create();
    Webhooks.configure(merchant, "https://hooks.shop.example.com/juspay?k=1");
    Response read =
        TestMerchants.admin().get("/admin/merchants/" + merchant.merchantId() + "/webhook");
    assertThat(read.statusCode()).isEqualTo(200);
    JsonPath json = read.jsonPath();
    assertThat(json.getString("url")).isEqualTo("https://hooks.shop.example.com/juspay?k=1");
    assertThat(json.getString("username")).isEqualTo("shopHooks");
    assertThat(json.getBoolean("password_set")).isTrue();
    assertThat(json.getList("custom_header_names")).containsExactly("X-Shop-Token");
    assertThat(read.asString()).doesNotContain("s3cret").doesNotContain("shop-token-1");
  }

  @Test
  void badSettingsAreRefusedFieldByField() {
    Merchant merchant = TestMerchants.create();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("url", "ftp://hooks.shop.example.com/x");
    body.put("username", "shop@hooks");
    body.put("custom_headers", Map.of("Authorization", "Bearer x", "X-Ok", "line\nbreak"));
    body.put("colour", "blue");
    Response response =
        TestMerchants.admin()
            .contentType(ContentType.JSON)
            .body(body)
            .put("/admin/merchants/" + merchant.merchantId() + "/webhook");
    assertThat(response.statusCode()).as(response.asString()).isEqualTo(400);
    List<String> fields = response.jsonPath().getList("error_info.fields.field_name");
    assertThat(fields)
        .contains(
            "url", "username", "custom_headers.Authorization", "custom_headers.X-Ok", "colour");

    Response alone =
        TestMerchants.admin()
            .contentType(ContentType.JSON)
            .body(Map.of("url", "https://hooks.shop.example.com/x", "username", "shop"))
            .put("/admin/merchants/" + merchant.merchantId() + "/webhook");
    assertThat(alone.statusCode()).isEqualTo(400);
    assertThat(alone.asString()).contains("password");
  }

  @Test
  void aProductionMerchantCannotUseLocalhostOrHttp() {
    Merchant merchant = TestMerchants.create(Map.of("environment", "production"));
    for (String url : List.of("http://localhost:9000/hooks", "http://hooks.shop.example.com/x")) {
      Response response =
          TestMerchants.admin()
              .contentType(ContentType.JSON)
              .body(Map.of("url", url))
              .put("/admin/merchants/" + merchant.merchantId() + "/webhook");
      assertThat(response.statusCode()).as(url).isEqualTo(400);
    }
  }

  @Test
  void aRotatedSecretSignsBesideTheOldOneUntilTheOverlapEnds() {
    WebhookReceiver receiver = receivers.start();
    Merchant merchant = Webhooks.merchantSendingTo(receiver);
    String oldSecret = merchant.webhookSecret();

    Response rotated =
        TestMerchants.admin()
            .contentType(ContentType.JSON)
            .body(Map.of("overlap_seconds", 3600))
            .post("/admin/merchants/" + merchant.merchantId() + "/webhook-secret");
    assertThat(rotated.statusCode()).as(rotated.asString()).isEqualTo(200);
    assertThat(rotated.header("Cache-Control")).isEqualTo("no-store");
    String newSecret = rotated.jsonPath().getString("webhook_secret");
    assertThat(newSecret).startsWith("whsec_").isNotEqualTo(oldSecret);

    WebhookReceiver.Delivery during = deliverOne(receiver, merchant);
    assertThat(during.headers().get("webhook-signature").split(" ")).hasSize(2);
    assertThat(verify(newSecret, during)).isTrue();
    assertThat(verify(oldSecret, during)).isTrue();

    // A rotation without overlap: only the newest secret signs.
    String newest =
        TestMerchants.admin()
            .contentType(ContentType.JSON)
            .body(Map.of("overlap_seconds", 0))
            .post("/admin/merchants/" + merchant.merchantId() + "/webhook-secret")
            .jsonPath()
            .getString("webhook_secret");
    WebhookReceiver.Delivery after = deliverOne(receiver, merchant);
    assertThat(after.headers().get("webhook-signature").split(" ")).hasSize(1);
    assertThat(verify(newest, after)).isTrue();
    assertThat(verify(newSecret, after)).isFalse();
    assertThat(verify(oldSecret, after)).isFalse();
  }

  @Test
  void idsThatCannotExistAreNotFoundNotAnError() {
    Merchant merchant = TestMerchants.create();
    for (String path :
        List.of(
            "/admin/merchants/" + merchant.merchantId() + "/orders/bad%00id/webhooks",
            "/admin/merchants/bad%00id/orders/o1/webhooks",
            "/admin/merchants/" + merchant.merchantId() + "/webhooks/evt_V2_x%00/redeliver",
            "/admin/merchants/bad%00id/webhooks/redeliver-failed",
            "/admin/merchants/" + merchant.merchantId() + "/orders/o%E2%80%AE1/webhooks",
            "/admin/merchants/b%C3%A4d/webhooks/redeliver-failed")) {
      Response response =
          path.endsWith("webhooks")
              ? TestMerchants.admin().urlEncodingEnabled(false).get(path)
              : TestMerchants.admin().urlEncodingEnabled(false).post(path);
      // A NUL is refused at the door (400); any other id that is not a plain token is a 404.
      assertThat(response.statusCode()).as(path).isIn(400, 404);
      assertThat(response.jsonPath().getString("error_code")).as(path).isNotBlank();
    }
  }

  @Test
  void aBadOverlapIsRefused() {
    Merchant merchant = TestMerchants.create();
    for (Object overlap : List.of(-1, 8 * 24 * 3600, "1h", 1.5)) {
      TestMerchants.admin()
          .contentType(ContentType.JSON)
          .body(Map.of("overlap_seconds", overlap))
          .post("/admin/merchants/" + merchant.merchantId() + "/webhook-secret")
          .then()
          .statusCode(400);
    }
  }

  /** Pays a new order and returns its first webhook. */
  private static WebhookReceiver.Delivery deliverOne(WebhookReceiver receiver, Merchant merchant) {
    int before = receiver.deliveries().size();
    Webhooks.payByUpi(merchant, "success@upi");
    Webhooks.await(
        "3 more events", Duration.ofSeconds(30), () -> receiver.deliveries().size() >= before + 3);
    return receiver.deliveries().get(before);
  }

  private static boolean verify(String secret, WebhookReceiver.Delivery delivery) {
    return StandardWebhooksVerifier.verify(
        secret,
        delivery.headers(),
        Arrays.copyOf(delivery.body(), delivery.body().length),
        Instant.now());
  }
}
