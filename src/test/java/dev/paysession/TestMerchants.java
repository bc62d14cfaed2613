package dev.paysession;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Creates merchants through the admin API, each with its own merchant id and client id, so no test
 * depends on another's data (the embedded database is shared by every {@code @QuarkusTest}).
 */
public final class TestMerchants {

  /** The test profile's admin token ({@code %test.paysession.admin-token}). */
  public static final String ADMIN_TOKEN = "test-admin-token-0123456789abcdef";

  public static final String UPI_VPA = "paysession.test@sandbox";
  public static final String UPI_NAME = "Paysession Test Store";

  private TestMerchants() {}

  /** What a merchant needs to call {@code POST /session}. */
  public record Merchant(
      String merchantId,
      String clientId,
      String apiKey,
      String apiKeyId,
      String responseKey,
      String webhookSecret) {

    /** {@code POST /session} headers as the seed documents them: Basic base64(key:) and id. */
    public RequestSpecification session() {
      return given()
          .header("Authorization", basicWithColon(apiKey))
          .header("x-merchantid", merchantId)
          .contentType(ContentType.JSON);
    }

    /** A seed sample body with this merchant's client id and the given order id. */
    public Map<String, Object> body(String orderId) {
      Map<String, Object> body = SeedRequests.defaultVersion(clientId);
      body.put("order_id", orderId);
      return body;
    }
  }

  /** A sandbox merchant accepting INR only, without UPI payee details. */
  public static Merchant create() {
    return create(Map.of());
  }

  /** A sandbox merchant with UPI payee address and name, so deep links can be built. */
  public static Merchant createWithUpi() {
    return create(Map.of("upi_payee_vpa", UPI_VPA, "upi_payee_name", UPI_NAME));
  }

  /**
   * @param settings extra or overriding admin-API fields (environment, supported_currencies, …)
   */
  public static Merchant create(Map<String, Object> settings) {
    String merchantId = uniqueId("m");
    String clientId = uniqueId("c");
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("merchant_id", merchantId);
    body.put("name", "Test merchant " + merchantId);
    body.put("environment", "sandbox");
    body.put("payment_page_client_ids", new String[] {clientId});
    body.putAll(settings);
    JsonPath created =
        admin()
            .contentType(ContentType.JSON)
            .body(body)
            .post("/admin/merchants")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath();
    return new Merchant(
        merchantId,
        clientId,
        created.getString("api_key"),
        created.getString("api_key_id"),
        created.getString("response_key"),
        created.getString("webhook_secret"));
  }

  /** Requests to the admin API (on the management port) with the test profile's bearer token. */
  public static RequestSpecification admin() {
    return management().header("Authorization", "Bearer " + ADMIN_TOKEN);
  }

  /** Requests to the management port (admin API, health, metrics, OpenAPI), without credentials. */
  public static RequestSpecification management() {
    return given().port(OpenApiContract.MANAGEMENT_PORT);
  }

  /** An identifier no other test uses: letters, digits and '_' only, at most 21 characters. */
  public static String uniqueId(String prefix) {
    return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
  }

  /** {@code Basic base64(key + ":")}: the form Juspay's docs show. */
  public static String basicWithColon(String apiKey) {
    return basic(apiKey + ":");
  }

  /** {@code Basic base64(key)}: the form Juspay's Node and Java SDKs send. */
  public static String basicWithoutColon(String apiKey) {
    return basic(apiKey);
  }

  public static String basic(String userInfo) {
    return "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
  }
}
