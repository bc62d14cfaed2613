package dev.paysession.session;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paysession.TestMerchants;
import dev.paysession.TestMerchants.Merchant;
import dev.paysession.checkout.Shopper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code POST /orders} and {@code POST /orders/{order_id}}, form and JSON, over HTTP. */
@QuarkusTest
class OrdersApiTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Inject AgroalDataSource dataSource;

  private static RequestSpecification merchantCall(Merchant merchant) {
    return given()
        .header("Authorization", TestMerchants.basicWithColon(merchant.apiKey()))
        .header("x-merchantid", merchant.merchantId());
  }

  /** Juspay's create-order sample, as a form. */
  private static RequestSpecification form(Merchant merchant, String orderId) {
    return merchantCall(merchant)
        .header("version", "2019-07-01")
        .contentType("application/x-www-form-urlencoded")
        .formParam("order_id", orderId)
        .formParam("amount", "1.00")
        .formParam("currency", "INR")
        .formParam("customer_id", "cust-1")
        .formParam("customer_email", "test@mail.com")
        .formParam("customer_phone", "9876543210")
        .formParam("product_id", "prod-1")
        .formParam("return_url", "https://shop.merchant.com")
        .formParam("description", "Order from the form")
        .formParam("udf1", "gold")
        .formParam("billing_address_city", "Pune")
        .formParam("shipping_address_postal_code", "411001")
        .formParam("metadata.JUSPAY:gateway_reference_id", "ref_1");
  }

  private static Map<String, Object> jsonBody(String orderId) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("order_id", orderId);
    body.put("amount", "10.00");
    body.put("customer_id", "cust-2");
    body.put("return_url", "https://shop.merchant.com");
    return body;
  }

  private static Response ok(Response response) {
    assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
    return response;
  }

  private static JsonPath status(Merchant merchant, String orderId) {
    return ok(merchantCall(merchant).get("/orders/" + orderId)).jsonPath();
  }

  private static Response update(Merchant merchant, String orderId, String... nameValues) {
    RequestSpecification request =
        merchantCall(merchant).contentType("application/x-www-form-urlencoded");
    for (int i = 0; i < nameValues.length; i += 2) {
      request = request.formParam(nameValues[i], nameValues[i + 1]);
    }
    return request.post("/orders/" + orderId);
  }

  @Test
  void aFormCreatesAnOrderThatAnswersCreatedAndReadsBackNew() throws Exception {
    Merchant merchant = TestMerchants.create();
    JsonPath created = ok(form(merchant, "ord-form-1").post("/orders")).jsonPath();

    assertThat(created.getString("status")).isEqualTo("CREATED");
    assertThat(created.getInt("status_id")).isEqualTo(1);
    assertThat(created.getString("id")).matches("ordeh_[0-9a-f]{32}");
    assertThat(created.getString("order_id")).isEqualTo("ord-form-1");
    assertThat(created.getString("payment_links.web"))
        .endsWith("/orders/" + created.getString("id") + "/payment-page");
    assertThat(created.getString("payment_links.iframe"))
        .isEqualTo(created.getString("payment_links.web"));
    assertThat(created.getString("payment_links.mobile")).endsWith("?mobile=true");
    assertThat(created.getMap("$")).doesNotContainKey("juspay");

    JsonPath order = status(merchant, "ord-form-1");
    assertThat(order.getString("status")).isEqualTo("NEW");
    assertThat(order.getInt("status_id")).isEqualTo(10);
    assertThat(order.getString("id")).isEqualTo(created.getString("id"));
    assertThat(order.getDouble("amount")).isEqualTo(1.0);
    assertThat(order.getString("customer_id")).isEqualTo("cust-1");
    assertThat(order.getString("udf1")).isEqualTo("gold");
    assertThat(order.getString("product_id")).isEqualTo("prod-1");
    assertThat(order.getString("description")).isEqualTo("Order from the form");
    assertThat(order.getString("gateway_reference_id")).isEqualTo("ref_1");
    JsonNode details = JSON.readTree(column(merchant, "ord-form-1", "details"));
    assertThat(details.path("billing_address_city").asText()).isEqualTo("Pune");
    assertThat(details.path("shipping_address_postal_code").asText()).isEqualTo("411001");
    assertThat(column(merchant, "ord-form-1", "payment_page_client_id"))
        .as("no session yet")
        .isNull();
  }

  @Test
  void jsonWithGetClientAuthTokenAnswersAToken() {
    Merchant merchant = TestMerchants.create();
    Map<String, Object> body = jsonBody("ord-json-1");
    body.put("options.get_client_auth_token", true);
    JsonPath created =
        ok(merchantCall(merchant)
                .contentType(ContentType.JSON)
                .queryParam("version", "2023-06-30")
                .body(body)
                .post("/orders"))
            .jsonPath();

    assertThat(created.getString("status")).isEqualTo("CREATED");
    String token = created.getString("juspay.client_auth_token");
    assertThat(token).matches("tkn_[0-9a-f]{32}");
    assertThat(created.getString("juspay.client_auth_token_expiry")).isNotBlank();
    Response byToken = given().header("x-client-auth-token", token).get("/orders/ord-json-1");
    assertThat(byToken.statusCode()).as(byToken.asString()).isEqualTo(200);
    assertThat(byToken.jsonPath().getString("status")).isEqualTo("NEW");
  }

  @Test
  void aNonBooleanGetClientAuthTokenIsRefused() {
    Merchant merchant = TestMerchants.create();
    Response response =
        form(merchant, "ord-opt-1")
            .formParam("options.get_client_auth_token", "yes")
            .post("/orders");
    assertThat(response.statusCode()).as(response.asString()).isEqualTo(400);
    assertThat(response.jsonPath().getList("error_info.fields.field_name"))
        .containsExactly("options.get_client_auth_token");
  }

  @Test
  void theSameOrderIdTwiceIsOneOrder() throws Exception {
    Merchant merchant = TestMerchants.create();
    String first = ok(form(merchant, "ord-twice-1").post("/orders")).jsonPath().getString("id");
    JsonPath again = ok(form(merchant, "ord-twice-1").post("/orders")).jsonPath();
    assertThat(again.getString("id")).isEqualTo(first);
    assertThat(again.getString("status")).isEqualTo("CREATED");
    assertThat(count(merchant, "ord-twice-1")).isEqualTo(1);
  }

  @Test
  void anOrderMadeByOrdersOpensASessionAndPaysOnThePage() {
    Merchant merchant = TestMerchants.create();
    String id = ok(form(merchant, "ord-pay-1").post("/orders")).jsonPath().getString("id");

    // As in Juspay's recorded traffic: /orders at 1, then /session at 10.00 on the same order.
    Map<String, Object> sessionBody = merchant.body("ord-pay-1");
    sessionBody.put("amount", "10.00");
    JsonPath session = ok(merchant.session().body(sessionBody).post("/session")).jsonPath();
    assertThat(session.getString("id")).isEqualTo(id);
    assertThat(session.getString("status")).isEqualTo("NEW");
    assertThat(session.getString("sdk_payload.payload.amount")).isEqualTo("10.0");
    assertThat(session.getString("sdk_payload.payload.clientId")).isEqualTo(merchant.clientId());
    assertThat(session.getString("sdk_payload.payload.action")).isEqualTo("paymentPage");

    Shopper.Session shopper =
        new Shopper.Session(
            merchant,
            "ord-pay-1",
            id,
            URI.create(session.getString("payment_links.web")).getPath(),
            session.getString("sdk_payload.payload.clientAuthToken"));
    String redirect = Shopper.payByCardWithCode(shopper, Shopper.VISA, Shopper.OTP);
    Shopper.assertReturnedWith(shopper, redirect, "CHARGED", 21);
    JsonPath paid = status(merchant, "ord-pay-1");
    assertThat(paid.getString("status")).isEqualTo("CHARGED");
    assertThat(paid.getDouble("amount")).isEqualTo(10.0);
    assertThat(paid.getDouble("txn_detail.txn_amount")).isEqualTo(10.0);
  }

  @Test
  void orderIdsFollowJuspaysRule() {
    Merchant merchant = TestMerchants.create();
    ok(form(merchant, "a.b(c){d}+~_-1").post("/orders"));
    ok(form(merchant, "0.43723000555926383").post("/orders"));

    for (String bad : new String[] {".starts-dot", "_under", "has space", "a#b", "a".repeat(22)}) {
      Response response = form(merchant, bad).post("/orders");
      assertThat(response.statusCode()).as(bad + ": " + response.asString()).isEqualTo(400);
      JsonPath error = response.jsonPath();
      assertThat(error.getString("status")).isEqualTo("ERROR");
      assertThat(error.getString("error_code")).isEqualTo("invalid_request");
      assertThat(error.getString("error_message"))
          .isEqualTo(
              "INVALID ORDERID: order_id must begin with an alphanumeric character and may"
                  + " include the special characters - _ ( } + ~ { . )");
      assertThat(error.getList("error_info.fields.field_name")).containsExactly("order_id");
    }
  }

  @Test
  void aMissingAmountIsAMissingField() {
    Merchant merchant = TestMerchants.create();
    Response response =
        merchantCall(merchant)
            .contentType("application/x-www-form-urlencoded")
            .formParam("order_id", "ord-noamt-1")
            .formParam("customer_id", "c")
            .formParam("return_url", "https://shop.merchant.com")
            .post("/orders");
    assertThat(response.statusCode()).as(response.asString()).isEqualTo(400);
    assertThat(response.jsonPath().getString("error_code"))
        .isEqualTo("Mandatory fields are missing");
    assertThat(response.jsonPath().getList("error_info.fields.field_name"))
        .containsExactly("amount");
  }

  @Test
  void aWrongKeyOrContentTypeIsRefused() {
    Merchant merchant = TestMerchants.create();
    Response wrongKey =
        given()
            .header("Authorization", TestMerchants.basicWithColon("not-a-key"))
            .header("x-merchantid", merchant.merchantId())
            .contentType("application/x-www-form-urlencoded")
            .formParam("order_id", "ord-auth-1")
            .formParam("amount", "1")
            .post("/orders");
    assertThat(wrongKey.statusCode()).as(wrongKey.asString()).isEqualTo(401);
    Response text =
        merchantCall(merchant).contentType("text/plain").body("order_id=x").post("/orders");
    assertThat(text.statusCode()).as(text.asString()).isEqualTo(415);
  }

  @Test
  void anUpdateChangesAmountUdfsAndAddressesAndAnswersTheOrder() throws Exception {
    Merchant merchant = TestMerchants.create();
    String id = ok(form(merchant, "ord-upd-1").post("/orders")).jsonPath().getString("id");

    JsonPath updated =
        ok(update(
                merchant,
                "ord-upd-1",
                "amount",
                "90.00",
                "udf2",
                "silver",
                "billing_address_city",
                "Delhi",
                "shipping_address_postal_code",
                ""))
            .jsonPath();
    assertThat(updated.getString("id")).isEqualTo(id);
    assertThat(updated.getString("status")).isEqualTo("NEW");
    assertThat(updated.getInt("status_id")).isEqualTo(10);
    assertThat(updated.getDouble("amount")).isEqualTo(90.0);
    assertThat(updated.getString("udf1")).as("not sent: kept").isEqualTo("gold");
    assertThat(updated.getString("udf2")).isEqualTo("silver");
    assertThat(status(merchant, "ord-upd-1").getDouble("amount")).isEqualTo(90.0);
    JsonNode details = JSON.readTree(column(merchant, "ord-upd-1", "details"));
    assertThat(details.path("billing_address_city").asText()).isEqualTo("Delhi");
    assertThat(details.path("shipping_address_postal_code").asText()).as("cleared").isEmpty();

    Map<String, Object> json = new LinkedHashMap<>();
    json.put("amount", 99.99);
    json.put("udf1", "");
    JsonPath byJson =
        ok(merchantCall(merchant)
                .contentType(ContentType.JSON)
                .header("version", "2023-06-30")
                .body(json)
                .post("/orders/ord-upd-1"))
            .jsonPath();
    assertThat(byJson.getDouble("amount")).isEqualTo(99.99);
    assertThat(byJson.getString("udf1")).isEmpty();
  }

  @Test
  void anUpdateWithAnInvalidValueChangesNothing() {
    Merchant merchant = TestMerchants.create();
    ok(form(merchant, "ord-upd-2").post("/orders"));
    Response response = update(merchant, "ord-upd-2", "amount", "0.5", "udf2", "silver");
    assertThat(response.statusCode()).as(response.asString()).isEqualTo(400);
    assertThat(response.jsonPath().getList("error_info.fields.field_name"))
        .containsExactly("amount");
    JsonPath order = status(merchant, "ord-upd-2");
    assertThat(order.getDouble("amount")).isEqualTo(1.0);
    assertThat(order.getString("udf2")).isEmpty();
  }

  @Test
  void anUpdateMustKeepTheAmountAboveTheSubvention() {
    Merchant merchant = TestMerchants.create();
    Map<String, Object> body = jsonBody("ord-upd-3");
    body.put("metadata.subvention_amount", "3.00");
    body.put("description", "with subvention");
    ok(merchantCall(merchant).contentType(ContentType.JSON).body(body).post("/orders"));

    Response below = update(merchant, "ord-upd-3", "amount", "2.00");
    assertThat(below.statusCode()).as(below.asString()).isEqualTo(400);
    assertThat(below.jsonPath().getList("error_info.fields.field_name")).containsExactly("amount");
    assertThat(below.jsonPath().getString("error_info.fields[0].reason"))
        .contains("subvention_amount");
    assertThat(ok(update(merchant, "ord-upd-3", "amount", "4")).jsonPath().getDouble("amount"))
        .isEqualTo(4.0);
    // Juspay's update changes only amount, udfs and addresses: other fields are ignored.
    Response ignored = update(merchant, "ord-upd-3", "description", "changed", "udf4", "x");
    assertThat(ignored.statusCode()).as(ignored.asString()).isEqualTo(200);
    assertThat(ignored.jsonPath().getString("description")).isEqualTo("with subvention");
    assertThat(ignored.jsonPath().getString("udf4")).isEqualTo("x");
  }

  @Test
  void anUpdateOfAnUnknownOrBadOrderId() {
    Merchant merchant = TestMerchants.create();
    Response unknown = update(merchant, "ord-nobody", "amount", "2");
    assertThat(unknown.statusCode()).as(unknown.asString()).isEqualTo(404);
    assertThat(unknown.jsonPath().getString("status")).isEqualTo("NOT_FOUND");
    assertThat(unknown.jsonPath().getInt("status_id")).isEqualTo(40);

    Response bad = update(merchant, "-bad", "amount", "2");
    assertThat(bad.statusCode()).as(bad.asString()).isEqualTo(400);
    assertThat(bad.jsonPath().getString("error_code")).isEqualTo("invalid_request");
    assertThat(bad.jsonPath().getString("error_message")).startsWith("INVALID ORDERID:");
  }

  @Test
  void anotherMerchantsOrderIsNotFound() {
    Merchant owner = TestMerchants.create();
    ok(form(owner, "ord-other-1").post("/orders"));
    Response response = update(TestMerchants.create(), "ord-other-1", "amount", "5");
    assertThat(response.statusCode()).as(response.asString()).isEqualTo(404);
  }

  @Test
  void afterAPaymentStartedNeitherUpdateNorSessionChangesTheAmount() {
    Merchant merchant = TestMerchants.create();
    ok(form(merchant, "ord-started-1").post("/orders"));
    Shopper.Session session = Shopper.open(merchant, sessionBody(merchant, "ord-started-1", "1"));
    Shopper.cardChallenge(session, Shopper.VISA, false); // an attempt now waits for 3-D Secure

    Response update = update(merchant, "ord-started-1", "amount", "2.00");
    assertThat(update.statusCode()).as(update.asString()).isEqualTo(400);
    assertThat(update.jsonPath().getString("error_code")).isEqualTo("INVALID_REQUEST");
    assertThat(update.jsonPath().getString("error_info.code")).isEqualTo("INVALID_ACTION");
    assertThat(update.jsonPath().getString("error_message")).contains("payment attempt");
    Response udfOnly = update(merchant, "ord-started-1", "udf3", "late");
    assertThat(udfOnly.statusCode()).as(udfOnly.asString()).isEqualTo(400);

    Response again =
        merchant.session().body(sessionBody(merchant, "ord-started-1", "2.00")).post("/session");
    assertThat(again.statusCode()).as(again.asString()).isEqualTo(400);
    assertThat(again.jsonPath().getList("error_info.fields.field_name")).containsExactly("amount");
    ok(merchant.session().body(sessionBody(merchant, "ord-started-1", "1.00")).post("/session"));
    assertThat(status(merchant, "ord-started-1").getDouble("amount")).isEqualTo(1.0);
  }

  private static Map<String, Object> sessionBody(Merchant merchant, String orderId, String amount) {
    Map<String, Object> body = merchant.body(orderId);
    body.put("amount", amount);
    return body;
  }

  private String column(Merchant merchant, String orderId, String column) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT " + column + " FROM orders WHERE merchant_id = ? AND order_id = ?")) {
      select.setString(1, merchant.merchantId());
      select.setString(2, orderId);
      try (ResultSet row = select.executeQuery()) {
        assertThat(row.next()).isTrue();
        return row.getString(1);
      }
    }
  }

  private long count(Merchant merchant, String orderId) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT count(*) FROM orders WHERE merchant_id = ? AND order_id = ?")) {
      select.setString(1, merchant.merchantId());
      select.setString(2, orderId);
      try (ResultSet row = select.executeQuery()) {
        row.next();
        return row.getLong(1);
      }
    }
  }
}
