package dev.paysession.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.paysession.SeedRequests;
import dev.paysession.TestMerchants;
import dev.paysession.TestMerchants.Merchant;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The seed's three sample requests (default, v1, enach), sent as documented with the merchant's own
 * client id, get the documented response shape.
 */
@QuarkusTest
class SessionSeedSamplesTest {

  private static final String ISO_UTC_SECONDS = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z";

  private static JsonPath ok(Merchant merchant, Map<String, Object> body) {
    Response response = merchant.session().body(body).post("/session");
    assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
    assertThat(response.contentType()).startsWith("application/json");
    assertThat(response.header("x-request-id")).isNotBlank();
    return response.jsonPath();
  }

  /** Everything the three samples' responses share. */
  private static Map<String, Object> assertDocumentedShape(
      JsonPath json, Merchant merchant, Instant sentAt) {
    assertThat(json.getString("status")).isEqualTo("NEW");
    String id = json.getString("id");
    assertThat(id).matches("ordeh_[0-9a-f]{32}");
    assertThat(json.getString("order_id")).isEqualTo("testing-order-one");
    assertThat(json.getString("payment_links.web"))
        .startsWith("http")
        .endsWith("/orders/" + id + "/payment-page");
    assertThat(json.getString("sdk_payload.requestId")).matches("[0-9a-f]{32}");

    Map<String, Object> payload = json.getMap("sdk_payload.payload");
    assertThat(payload)
        .containsEntry("clientId", merchant.clientId())
        .containsEntry("merchantId", merchant.merchantId())
        .containsEntry("amount", "1.0")
        .containsEntry("environment", "sandbox")
        .containsEntry("currency", "INR")
        .containsEntry("orderId", "testing-order-one")
        .containsEntry("customerId", "testing-customer-one")
        .containsEntry("customerEmail", "test@mail.com")
        .containsEntry("customerPhone", "9876543210")
        .containsEntry("action", "paymentPage")
        .containsEntry("returnUrl", "https://shop.merchant.com")
        .containsEntry("description", "Complete your payment")
        .containsEntry("firstName", "John")
        .containsEntry("lastName", "wick")
        .doesNotContainKeys("payment_page_client_id", "order_id", "paymentPageClientId");
    assertThat((String) payload.get("clientAuthToken")).matches("tkn_[0-9a-f]{32}");
    String expiry = (String) payload.get("clientAuthTokenExpiry");
    assertThat(expiry).matches(ISO_UTC_SECONDS);
    assertThat(Duration.between(sentAt, Instant.parse(expiry)).toSeconds())
        .isCloseTo(Duration.ofMinutes(15).toSeconds(), within(30L));
    return payload;
  }

  @Test
  void defaultVersionSample() {
    Merchant merchant = TestMerchants.create();
    Instant sentAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    JsonPath json = ok(merchant, SeedRequests.defaultVersion(merchant.clientId()));

    Map<String, Object> payload = assertDocumentedShape(json, merchant, sentAt);
    assertThat(json.getString("sdk_payload.service")).isEqualTo("in.juspay.hyperpay");
    assertThat(payload).containsEntry("metadata.JUSPAY:gatewayReferenceId", "Merchant_test");
    // Without options.get_upi_deep_links there is no deep link. Without metadata.expiryInMins the
    // order still expires, after the default of 24 hours (issue 12: links expire by default).
    assertThat(json.getMap("payment_links")).containsOnlyKeys("web", "expiry");
    assertThat(Instant.parse(json.getString("order_expiry")))
        .isBetween(sentAt.plus(Duration.ofHours(24)), Instant.now().plus(Duration.ofHours(24)));
    assertThat(json.getString("payment_links.expiry")).isEqualTo(json.getString("order_expiry"));
  }

  @Test
  void productionMerchantReportsProductionEnvironment() {
    Merchant merchant = TestMerchants.create(Map.of("environment", "production"));
    JsonPath json = ok(merchant, SeedRequests.defaultVersion(merchant.clientId()));
    assertThat(json.getString("sdk_payload.payload.environment")).isEqualTo("production");
  }

  @Test
  void v1SampleWithUpiDeepLink() {
    Merchant merchant = TestMerchants.createWithUpi();
    Instant sentAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    JsonPath json = ok(merchant, SeedRequests.v1(merchant.clientId()));

    Map<String, Object> payload = assertDocumentedShape(json, merchant, sentAt);
    assertThat(json.getString("sdk_payload.service")).isEqualTo("in.juspay.hyperpay");
    assertThat(payload).containsEntry("options.getUpiDeepLinks", "true");

    String deepLink = json.getString("payment_links.deep_link");
    assertThat(deepLink).startsWith("upi://pay?");
    Map<String, String> query = query(deepLink);
    assertThat(query).containsKeys("pa", "pn", "tr", "am", "cu");
    assertThat(query)
        .containsEntry("pa", TestMerchants.UPI_VPA)
        .containsEntry("pn", TestMerchants.UPI_NAME)
        .containsEntry("tr", "testing-order-one")
        .containsEntry("cu", "INR");
    assertThat(Double.parseDouble(query.get("am"))).isEqualTo(1.0);
  }

  @Test
  void v1SampleIsRefusedWhenTheMerchantHasNoUpiPayee() {
    Merchant merchant = TestMerchants.create();
    Response response =
        merchant.session().body(SeedRequests.v1(merchant.clientId())).post("/session");
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.jsonPath().getString("error_code")).isEqualTo("INVALID_REQUEST");
    assertThat(response.jsonPath().getList("error_info.fields.field_name"))
        .containsExactly("options.get_upi_deep_links");
  }

  @Test
  void enachVersionSample() {
    Merchant merchant = TestMerchants.create();
    Instant sentAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    JsonPath json = ok(merchant, SeedRequests.enach(merchant.clientId()));

    Map<String, Object> payload = assertDocumentedShape(json, merchant, sentAt);
    // The sample's action is paymentPage, so the hyperpay service answers it.
    assertThat(json.getString("sdk_payload.service")).isEqualTo("in.juspay.hyperpay");
    assertThat(payload).containsEntry("metadata.JUSPAY:gatewayReferenceId", "payu_test");
  }

  @Test
  void enachActionUsesTheEcService() {
    Merchant merchant = TestMerchants.create();
    Map<String, Object> body = SeedRequests.enach(merchant.clientId());
    body.put("action", "enach");
    body.put("service", "in.juspay.ec");
    body.put("options.create_mandate", "REQUIRED");
    body.put("mandate.max_amount", "1000.0");
    body.put("mandate.frequency", "ASPRESENTED");
    JsonPath json = ok(merchant, body);

    assertThat(json.getString("status")).isEqualTo("NEW");
    assertThat(json.getString("sdk_payload.service")).isEqualTo("in.juspay.ec");
    assertThat(json.getMap("sdk_payload.payload"))
        .containsEntry("action", "enach")
        .containsEntry("options.createMandate", "REQUIRED")
        .containsEntry("mandate.maxAmount", "1000.0");
  }

  /** Issue 11: the eNACH action implies options.create_mandate; its maximum is still needed. */
  @Test
  void enachActionWithoutAMandateIsRefused() {
    Merchant merchant = TestMerchants.create();
    Map<String, Object> body = SeedRequests.enach(merchant.clientId());
    body.put("action", "enach");
    Response response = merchant.session().body(body).post("/session");
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.jsonPath().getString("error_code"))
        .isEqualTo("Mandatory fields are missing");
    assertThat(response.jsonPath().getList("error_info.fields.field_name"))
        .contains("mandate.max_amount")
        .doesNotContain("options.create_mandate");
  }

  @Test
  void ecServiceWithPaymentPageActionIsRefused() {
    Merchant merchant = TestMerchants.create();
    Map<String, Object> body = SeedRequests.enach(merchant.clientId());
    body.put("service", "in.juspay.ec");
    Response response = merchant.session().body(body).post("/session");
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.jsonPath().getString("error_code")).isEqualTo("INVALID_REQUEST");
    assertThat(response.jsonPath().getList("error_info.fields.field_name"))
        .containsExactly("service");
  }

  @Test
  void expiryInMinsAddsLinkAndOrderExpiry() {
    Merchant merchant = TestMerchants.create();
    Map<String, Object> body = SeedRequests.defaultVersion(merchant.clientId());
    body.put("metadata.expiryInMins", "60");
    Instant sentAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    JsonPath json = ok(merchant, body);

    String linkExpiry = json.getString("payment_links.expiry");
    String orderExpiry = json.getString("order_expiry");
    assertThat(linkExpiry).matches(ISO_UTC_SECONDS).isEqualTo(orderExpiry);
    assertThat(json.getString("sdk_payload.expiry")).isEqualTo(orderExpiry);
    assertThat(Duration.between(sentAt, Instant.parse(orderExpiry)).toSeconds())
        .isCloseTo(Duration.ofMinutes(60).toSeconds(), within(30L));
    assertThat(json.getMap("sdk_payload.payload")).containsEntry("metadata.expiryInMins", "60");
  }

  @Test
  void expiryInMinsMustBeAPositiveWholeNumber() {
    Merchant merchant = TestMerchants.create();
    for (Object bad : new Object[] {"0", "abc", "1.5", -5}) {
      Map<String, Object> body = SeedRequests.defaultVersion(merchant.clientId());
      body.put("metadata.expiryInMins", bad);
      Response response = merchant.session().body(body).post("/session");
      assertThat(response.statusCode()).as("expiryInMins %s", bad).isEqualTo(400);
      assertThat(response.jsonPath().getList("error_info.fields.field_name"))
          .as("expiryInMins %s", bad)
          .containsExactly("metadata.expiryInMins");
    }
  }

  private static Map<String, String> query(String link) {
    Map<String, String> params = new LinkedHashMap<>();
    for (String pair : link.substring(link.indexOf('?') + 1).split("&")) {
      int eq = pair.indexOf('=');
      params.put(
          pair.substring(0, eq),
          URLDecoder.decode(pair.substring(eq + 1).replace("+", "%2B"), StandardCharsets.UTF_8));
    }
    return params;
  }
}
