package dev.paysession.order;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.paysession.TestMerchants;
import dev.paysession.TestMerchants.Merchant;
import dev.paysession.checkout.Shopper;
import dev.paysession.checkout.Shopper.Session;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code GET /orders/{order_id}}: Juspay's Order Status API, for merchants and customers. */
@QuarkusTest
class OrderStatusApiTest {

  @Inject AgroalDataSource dataSource;

  @Inject OrderAccess access;

  private static Response merchantGet(Merchant merchant, String path) {
    return Shopper.merchantGet(merchant, path);
  }

  private static Response withToken(String orderId, String token) {
    return given().header("x-client-auth-token", token).get("/orders/" + orderId);
  }

  private static void assertEnvelope(Response response, int status, String errorInfoCode) {
    assertThat(response.statusCode()).as(response.asString()).isEqualTo(status);
    assertThat(response.contentType()).startsWith("application/json");
    assertThat(response.header("x-request-id")).isNotBlank();
    JsonPath json = response.jsonPath();
    assertThat(json.getString("error_info.code")).isEqualTo(errorInfoCode);
    assertThat(json.getString("error_info.request_id")).isNotBlank();
    assertThat(json.getString("error_message")).isNotBlank();
  }

  @Test
  void theMerchantReadsANewOrder() {
    Merchant merchant = TestMerchants.create();
    Session session = Shopper.open(merchant, "status-new-1");
    Response response = merchantGet(merchant, "/orders/status-new-1");
    assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
    JsonPath json = response.jsonPath();
    assertThat(json.getString("order_id")).isEqualTo("status-new-1");
    assertThat(json.getString("id")).isEqualTo(session.id());
    assertThat(json.getString("merchant_id")).isEqualTo(merchant.merchantId());
    assertThat(json.getString("status")).isEqualTo("NEW");
    assertThat(json.getInt("status_id")).isEqualTo(10);
    assertThat(json.getDouble("amount")).isEqualTo(1.0);
    assertThat(json.getString("currency")).isEqualTo("INR");
    assertThat(json.getString("customer_id")).isEqualTo("testing-customer-one");
    assertThat(json.getString("payment_links.web")).endsWith(session.pagePath());
    assertThat(json.getString("gateway_reference_id")).isEqualTo("Merchant_test");
    assertThat(json.getString("txn_id")).isNull();

    // Juspay's Java and Node SDKs send the key without the colon.
    assertThat(
            given()
                .header("Authorization", TestMerchants.basicWithoutColon(merchant.apiKey()))
                .header("x-merchantid", merchant.merchantId())
                .get("/orders/status-new-1")
                .statusCode())
        .isEqualTo(200);
  }

  /** Juspay's payment_links: iframe and web are the page, mobile adds ?mobile=true. */
  @Test
  void paymentLinksOfferThePageAsIframeWebAndMobile() {
    Merchant merchant = TestMerchants.create();
    Session session = Shopper.open(merchant, "status-links-1");
    JsonPath json = Shopper.orderStatus(session);
    String web = json.getString("payment_links.web");
    assertThat(web).endsWith(session.pagePath());
    assertThat(json.getString("payment_links.iframe")).isEqualTo(web);
    assertThat(json.getString("payment_links.mobile")).isEqualTo(web + "?mobile=true");

    // The page takes the mobile link's parameter and ignores it.
    Response mobile = Shopper.get(session.pagePath() + "?mobile=true");
    assertThat(mobile.statusCode()).as(mobile.asString()).isEqualTo(200);
    assertThat(mobile.contentType()).startsWith("text/html");
  }

  @Test
  void aCallerWithoutValidCredentialsIsRefused() {
    Merchant merchant = TestMerchants.create();
    Shopper.open(merchant, "status-auth-1");
    assertEnvelope(
        given().header("x-merchantid", merchant.merchantId()).get("/orders/status-auth-1"),
        401,
        "UNAUTHORIZED");
    assertEnvelope(
        given()
            .header("Authorization", TestMerchants.basicWithColon("0".repeat(32)))
            .header("x-merchantid", merchant.merchantId())
            .get("/orders/status-auth-1"),
        401,
        "UNAUTHORIZED");
    // Without x-merchantid the key is not enough: the header is mandatory, as for /session.
    Response noMerchantId =
        given()
            .header("Authorization", TestMerchants.basicWithColon(merchant.apiKey()))
            .get("/orders/status-auth-1");
    assertEnvelope(noMerchantId, 400, "INVALID_INPUT");
    assertThat(noMerchantId.jsonPath().getString("error_code"))
        .isEqualTo("Mandatory fields are missing");
    assertEnvelope(
        given().header("x-client-auth-token", "tkn_" + "0".repeat(32)).get("/orders/status-auth-1"),
        401,
        "UNAUTHORIZED");
    assertEnvelope(
        given().queryParam("client_auth_token", "not-a-token").get("/orders/status-auth-1"),
        401,
        "UNAUTHORIZED");
  }

  /**
   * Juspay answers {@code "status":"NOT_FOUND","status_id":40,"order_id":…} with {@code
   * error_info.code} RESOURCE_NOT_FOUND; our envelope's other fields stay (Decision 37).
   */
  @Test
  void anUnknownOrderIsNotFoundInJuspaysEnvelope() {
    Merchant merchant = TestMerchants.create();
    Response response = merchantGet(merchant, "/orders/never-created");
    assertEnvelope(response, 404, "RESOURCE_NOT_FOUND");
    JsonPath json = response.jsonPath();
    assertThat(json.getString("status")).isEqualTo("NOT_FOUND");
    assertThat(json.getInt("status_id")).isEqualTo(40);
    assertThat(json.getString("order_id")).isEqualTo("never-created");
    assertThat(json.getString("error_code")).isEqualTo("RESOURCE_NOT_FOUND");
    assertThat(json.getString("error_info.user_message")).isEqualTo("Order Not Found");
    assertThat(json.getString("error_info.category")).isEqualTo("USER_ERROR");

    // Other 404s keep the generic envelope: no order status to report.
    Response route = given().get("/no/such/route");
    assertThat(route.statusCode()).isEqualTo(404);
    assertThat(route.jsonPath().getString("status")).isEqualTo("error");
    assertThat(route.jsonPath().getString("status_id")).isNull();
    assertThat(route.jsonPath().getString("order_id")).isNull();
  }

  @Test
  void aMerchantReadsOnlyItsOwnOrders() {
    Merchant a = TestMerchants.create();
    Merchant b = TestMerchants.create();
    Map<String, Object> bodyA = a.body("shared-1");
    bodyA.put("amount", "10");
    Session orderOfA = Shopper.open(a, bodyA);
    Shopper.open(a, "only-a-1");
    Map<String, Object> bodyB = b.body("shared-1");
    bodyB.put("amount", "20");
    Session orderOfB = Shopper.open(b, bodyB);
    Shopper.payByCardWithCode(orderOfA, Shopper.VISA, Shopper.OTP);

    JsonPath seenByB = merchantGet(b, "/orders/shared-1").jsonPath();
    assertThat(seenByB.getString("id")).isEqualTo(orderOfB.id());
    assertThat(seenByB.getDouble("amount")).isEqualTo(20.0);
    assertThat(seenByB.getString("status")).isEqualTo("NEW");
    Response notB = merchantGet(b, "/orders/only-a-1");
    assertEnvelope(notB, 404, "RESOURCE_NOT_FOUND");
    assertThat(notB.jsonPath().getString("status")).isEqualTo("NOT_FOUND");

    JsonPath seenByA = merchantGet(a, "/orders/shared-1").jsonPath();
    assertThat(seenByA.getString("id")).isEqualTo(orderOfA.id());
    assertThat(seenByA.getString("status")).isEqualTo("CHARGED");

    // B's key with A's merchant id is not A.
    assertEnvelope(
        given()
            .header("Authorization", TestMerchants.basicWithColon(b.apiKey()))
            .header("x-merchantid", a.merchantId())
            .get("/orders/shared-1"),
        401,
        "UNAUTHORIZED");
    // A's customer token names A's order; presented as B's, it opens nothing.
    assertEnvelope(
        given()
            .header("x-client-auth-token", orderOfA.clientAuthToken())
            .header("x-merchantid", b.merchantId())
            .get("/orders/shared-1"),
        401,
        "UNAUTHORIZED");
    assertThat(withToken("shared-1", orderOfA.clientAuthToken()).jsonPath().getString("id"))
        .isEqualTo(orderOfA.id());
    assertThat(withToken("shared-1", orderOfB.clientAuthToken()).jsonPath().getString("id"))
        .isEqualTo(orderOfB.id());
  }

  @Test
  void theOrderIdRepeatedInTheQueryMustAgree() {
    Merchant merchant = TestMerchants.create();
    Shopper.open(merchant, "status-query-1");
    Shopper.open(merchant, "status-query-2");
    Response same = merchantGet(merchant, "/orders/status-query-1?order_id=status-query-1");
    assertThat(same.statusCode()).isEqualTo(200);
    assertThat(same.jsonPath().getString("order_id")).isEqualTo("status-query-1");
    Response different = merchantGet(merchant, "/orders/status-query-1?order_id=status-query-2");
    assertEnvelope(different, 400, "INVALID_INPUT");
    assertThat(different.jsonPath().getString("error_code")).isEqualTo("INVALID_REQUEST");
  }

  @Test
  void theClientAuthTokenOpensItsOrderInTheHeaderOrTheQuery() {
    Merchant merchant = TestMerchants.create();
    Session session = Shopper.open(merchant, "status-token-1");
    Session other = Shopper.open(merchant, "status-token-2");
    Shopper.payByCardWithCode(session, Shopper.VISA, Shopper.OTP);

    Response header = withToken("status-token-1", session.clientAuthToken());
    assertThat(header.statusCode()).as(header.asString()).isEqualTo(200);
    assertThat(header.jsonPath().getString("status")).isEqualTo("CHARGED");
    assertThat(header.jsonPath().getString("card.last_four_digits")).isEqualTo("1111");
    Response query =
        given()
            .queryParam("client_auth_token", session.clientAuthToken())
            .get("/orders/status-token-1");
    assertThat(query.statusCode()).as(query.asString()).isEqualTo(200);
    assertThat(query.jsonPath().getString("id")).isEqualTo(session.id());
    // With the merchant id it was issued under, too.
    assertThat(
            given()
                .header("x-client-auth-token", session.clientAuthToken())
                .header("x-merchantid", merchant.merchantId())
                .get("/orders/status-token-1")
                .statusCode())
        .isEqualTo(200);

    assertEnvelope(withToken("status-token-1", other.clientAuthToken()), 401, "UNAUTHORIZED");
    assertEnvelope(withToken("status-token-2", session.clientAuthToken()), 401, "UNAUTHORIZED");
  }

  /** The merchant id sent beside a token is read as the API-key path reads it. */
  @Test
  void aBlankOrPaddedMerchantIdBesideATokenIsReadAsTheKeyPathReadsIt() throws Exception {
    Merchant merchant = TestMerchants.create();
    Session session = Shopper.open(merchant, "status-token-id-1");
    Response blank =
        given()
            .header("x-client-auth-token", session.clientAuthToken())
            .header("x-merchantid", "")
            .get("/orders/status-token-id-1");
    assertThat(blank.statusCode()).as(blank.asString()).isEqualTo(200);
    // HTTP strips a header's padding on the wire, so OrderAccess is asked directly: blank is
    // absent and the id is trimmed, as for the API key.
    for (String sent : new String[] {"  ", " " + merchant.merchantId() + " "}) {
      assertThat(
              access.merchantFor(
                  "status-token-id-1",
                  new OrderAccess.Credentials(null, sent, session.clientAuthToken())))
          .as("[" + sent + "]")
          .isEqualTo(merchant.merchantId());
    }
  }

  @Test
  void anExpiredTokenIsRefusedAsExpiredAndANewSessionGivesOneThatWorks() throws Exception {
    Merchant merchant = TestMerchants.create();
    Session session = Shopper.open(merchant, "status-expired-1");
    try (Connection connection = dataSource.getConnection();
        PreparedStatement update =
            connection.prepareStatement(
                "UPDATE client_auth_tokens SET expires_at = now() - interval '1 second'"
                    + " WHERE merchant_id = ? AND token_hash = ?")) {
      update.setString(1, merchant.merchantId());
      update.setBytes(
          2,
          MessageDigest.getInstance("SHA-256")
              .digest(session.clientAuthToken().getBytes(StandardCharsets.UTF_8)));
      assertThat(update.executeUpdate()).isEqualTo(1);
    }

    Response expired = withToken("status-expired-1", session.clientAuthToken());
    assertEnvelope(expired, 401, "EXPIRED");
    Response expiredInQuery =
        given()
            .queryParam("client_auth_token", session.clientAuthToken())
            .get("/orders/status-expired-1");
    assertEnvelope(expiredInQuery, 401, "EXPIRED");

    Session again = Shopper.open(merchant, "status-expired-1");
    assertThat(again.id()).isEqualTo(session.id());
    assertThat(again.clientAuthToken()).isNotEqualTo(session.clientAuthToken());
    Response fresh = withToken("status-expired-1", again.clientAuthToken());
    assertThat(fresh.statusCode()).as(fresh.asString()).isEqualTo(200);
    assertThat(fresh.jsonPath().getString("status")).isEqualTo("NEW");
    // The old token stays expired.
    assertEnvelope(withToken("status-expired-1", session.clientAuthToken()), 401, "EXPIRED");
  }

  /** Juspay prints whole seconds ({@code 2021-09-10T09:07:10Z}), never fractions of one. */
  @Test
  void everyTimestampOfAPaidOrderIsInWholeSeconds() {
    Merchant merchant = TestMerchants.create();
    Map<String, Object> body = merchant.body("status-times-1");
    body.put("metadata.expiryInMins", "30");
    Session session = Shopper.open(merchant, body);
    Shopper.payByCardWithCode(session, Shopper.VISA, Shopper.OTP);

    JsonPath json = Shopper.orderStatus(session);
    assertThat(json.getString("status")).isEqualTo("CHARGED");
    String wholeSeconds = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z";
    for (String field :
        List.of(
            "date_created",
            "order_expiry",
            "payment_links.expiry",
            "txn_detail.created",
            "payment_gateway_response.created")) {
      assertThat(json.getString(field)).as(field).matches(wholeSeconds);
    }
  }

  @Test
  void aFailedAttemptIsReportedWithItsErrors() {
    Merchant merchant = TestMerchants.create();
    Session session = Shopper.open(merchant, "status-failed-1");
    Shopper.payByCardWithCode(session, Shopper.DECLINED_BY_BANK, Shopper.OTP);
    JsonPath json = Shopper.orderStatus(session);
    assertThat(json.getString("status")).isEqualTo("AUTHORIZATION_FAILED");
    assertThat(json.getInt("status_id")).isEqualTo(27);
    assertThat(json.getString("txn_detail.status")).isEqualTo("AUTHORIZATION_FAILED");
    assertThat(json.getString("txn_detail.error_message")).isNotBlank();
    assertThat(json.getString("bank_error_message")).isNotBlank();
    assertThat(json.getDouble("maximum_eligible_refund_amount")).isZero();
  }
}
