package dev.paysession.session;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.paysession.TestMerchants;
import dev.paysession.TestMerchants.Merchant;
import dev.paysession.checkout.Shopper;
import dev.paysession.checkout.Shopper.Session;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 11: requests Juspay accepts (its real traffic and its own samples) get 200 here too, and
 * their invalid neighbours keep their precise 400.
 */
@QuarkusTest
class JuspayAcceptsTest {

  private Merchant merchant;

  @BeforeEach
  void newMerchant() {
    merchant = TestMerchants.create();
  }

  private Response post(Map<String, Object> body) {
    return merchant.session().body(body).post("/session");
  }

  private static JsonPath ok(Response response) {
    assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
    return response.jsonPath();
  }

  /** The 400's offending fields, each checked to be of the expected kind. */
  private static List<String> badFields(Response response, String errorCode) {
    assertThat(response.statusCode()).as(response.asString()).isEqualTo(400);
    assertThat(response.jsonPath().getString("error_code")).isEqualTo(errorCode);
    return response.jsonPath().getList("error_info.fields.field_name");
  }

  /** The body of Juspay's recorded request: no customer field at all. */
  private Map<String, Object> recordedBody(String orderId) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("amount", "10.00");
    body.put("order_id", orderId);
    body.put("payment_page_client_id", merchant.clientId());
    body.put("action", "paymentPage");
    body.put("return_url", "https://shop.merchant.com");
    return body;
  }

  private Response paymentMethods(String orderId, String clientAuthToken) {
    return given()
        .header("x-client-auth-token", clientAuthToken)
        .header("x-merchantid", merchant.merchantId())
        .get("/orders/" + orderId + "/payment-methods");
  }

  private void saveACard(String customerId, String number) {
    Map<String, Object> body = merchant.body(TestMerchants.uniqueId("s"));
    body.put("customer_id", customerId);
    Session session = Shopper.open(merchant, body);
    String challenge = Shopper.cardChallenge(session, number, true);
    Shopper.assertReturnedWith(
        session, Shopper.seeOther(Shopper.post(challenge, "code", Shopper.OTP)), "CHARGED", 21);
  }

  @Test
  void aSessionWithoutAnyCustomerFieldIsAGuestWhoSeesNoSavedCards() {
    saveACard("cust_a", Shopper.VISA);
    Session guest = Shopper.open(merchant, recordedBody("guest-1"));
    JsonPath status = Shopper.orderStatus(guest);
    assertThat(status.getString("customer_id")).isNull();
    assertThat(status.getString("customer_email")).isNull();

    String page = Shopper.get(guest.pagePath()).asString();
    assertThat(page)
        .contains("name=\"card_number\"")
        .doesNotContain("name=\"save_card\"")
        .doesNotContain("id=\"method-saved\"")
        .doesNotContain("ending 1111");
    Response methods = paymentMethods("guest-1", guest.clientAuthToken());
    assertThat(methods.statusCode()).as(methods.asString()).isEqualTo(200);
    assertThat(methods.jsonPath().getList("saved_cards")).isEmpty();

    Map<String, Object> tooLong = recordedBody("guest-2");
    tooLong.put("customer_id", "c".repeat(129));
    assertThat(badFields(post(tooLong), "INVALID_REQUEST")).containsExactly("customer_id");
  }

  @Test
  void theSdkPayloadOfAGuestHasNoCustomerId() {
    JsonPath json = ok(post(recordedBody("guest-3")));
    assertThat(json.getMap("sdk_payload.payload"))
        .doesNotContainKey("customerId")
        .containsEntry("amount", "10.0")
        .containsEntry("action", "paymentPage");
  }

  @Test
  void udfsWithOrdinaryPunctuation() {
    Map<String, Object> body = merchant.body("udf-1");
    String[] values = {"udf1-dummy", "order_7", "a.b", "x/y", "a@b", "two words, one comma"};
    for (int i = 0; i < values.length; i++) {
      body.put("udf" + (i + 1), values[i]);
    }
    Session session = Shopper.open(merchant, body);
    JsonPath status = Shopper.orderStatus(session);
    for (int i = 0; i < values.length; i++) {
      assertThat(status.getString("udf" + (i + 1))).isEqualTo(values[i]);
    }

    Map<String, Object> bad = merchant.body("udf-2");
    bad.put("udf1", "ok-value");
    bad.put("udf2", "paid\u202Etxt.exe");
    bad.put("udf3", "bell\u0007");
    bad.put("udf4", "u".repeat(256));
    bad.put("udf7", "zero\u200Bwidth");
    assertThat(badFields(post(bad), "INVALID_REQUEST"))
        .containsExactlyInAnyOrder("udf2", "udf3", "udf4", "udf7");
  }

  @Test
  void mutualFundDetailsInJuspaysCamelCase() {
    Map<String, Object> body = merchant.body("mf-1");
    body.put("amount", "2.0");
    body.put(
        "mutual_fund_details",
        "[{\"memberId\": \"ABCDE\", \"userId\": \"ABCDEFGHIJ\", \"mfPartner\": \"BSE\","
            + " \"orderNumber\": \"1727380577\", \"amount\": \"1\", \"investmentType\": \"SIP\","
            + " \"schemeCode\": \"LT\",\"folioNumber\": \"190983010\",\"amcCode\": \"UYTIUI\","
            + "\"panNumber\": \"TYLIO7823U\"}, {\"memberId\": \"ABCDE\", \"userId\": \"ABCDEFGHIJ\","
            + " \"mfPartner\": \"BSE\", \"orderNumber\": \"1727380577-1\", \"amount\": \"1\","
            + " \"investmentType\": \"SIP\", \"schemeCode\": \"LT\",\"folioNumber\": \"190983010\","
            + "\"amcCode\": \"UYTIUI\",\"panNumber\": \"TYLIO7823U\"}]");
    ok(post(body));

    Map<String, Object> both = merchant.body("mf-2");
    both.put(
        "mutual_fund_details",
        "[{\"MemberId\": \"ABCDE\", \"memberId\": \"ABCDE\", \"UserId\": \"U\","
            + " \"MfPartner\": \"BSE\", \"OrderNumber\": \"O1\", \"Amount\": \"1\","
            + " \"InvestmentType\": \"SIP\"}]");
    assertThat(badFields(post(both), "INVALID_REQUEST"))
        .containsExactly("mutual_fund_details[0].MemberId");
  }

  @Test
  void paymentManagementWithOnlyACustomerManagesTheirSavedCards() {
    saveACard("cust_pm", Shopper.VISA);
    saveACard("cust_other", Shopper.MASTERCARD);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("customer_id", "cust_pm");
    body.put("payment_page_client_id", merchant.clientId());
    body.put("action", "paymentManagement");
    JsonPath json = ok(post(body));

    String id = json.getString("id");
    assertThat(id).matches("ordeh_[0-9a-f]{32}");
    assertThat(json.getString("status")).isEqualTo("NEW");
    assertThat(json.getString("order_id")).isEqualTo(id);
    assertThat(json.getString("payment_links.web")).endsWith("/orders/" + id + "/payment-page");
    Map<String, Object> payload = json.getMap("sdk_payload.payload");
    assertThat(payload)
        .containsEntry("action", "paymentManagement")
        .containsEntry("customerId", "cust_pm")
        .containsEntry("clientId", merchant.clientId())
        .containsKeys("clientAuthToken", "clientAuthTokenExpiry", "merchantId", "environment")
        .doesNotContainKeys("orderId", "amount", "returnUrl");
    assertThat(json.getString("payment_links.expiry"))
        .isEqualTo(payload.get("clientAuthTokenExpiry"));

    String page = Shopper.get("/orders/" + id + "/payment-page").asString();
    assertThat(page).contains("VISA ending 1111").doesNotContain("MASTERCARD ending 4444");
    assertThat(page.split("/delete\"", -1)).hasSize(2); // one card, one Delete button
    Response methods = paymentMethods(id, (String) payload.get("clientAuthToken"));
    assertThat(methods.statusCode()).as(methods.asString()).isEqualTo(200);
    assertThat(methods.jsonPath().getList("saved_cards.last_four_digits")).containsExactly("1111");
    // It pays nothing.
    Response pay = Shopper.post("/orders/" + id + "/payment-page/upi", "vpa", "success@upi");
    assertThat(pay.statusCode()).isEqualTo(404);

    body.remove("customer_id");
    assertThat(badFields(post(body), "Mandatory fields are missing"))
        .containsExactly("customer_id");
  }

  @Test
  void enachWithoutCreateMandateRegistersARequiredMandate() {
    Map<String, Object> body = merchant.body("enach-1");
    body.put("action", "enach");
    body.put("service", "in.juspay.ec");
    body.put("mandate.max_amount", "5000.00");
    JsonPath json = ok(post(body));
    assertThat(json.getString("sdk_payload.service")).isEqualTo("in.juspay.ec");
    assertThat(json.getMap("sdk_payload.payload")).containsEntry("action", "enach");

    body.put("order_id", "enach-2");
    body.remove("mandate.max_amount");
    assertThat(badFields(post(body), "Mandatory fields are missing"))
        .containsExactly("mandate.max_amount");
  }

  @Test
  void aSessionWithoutActionIsAPaymentPage() {
    Map<String, Object> body = merchant.body("no-action-1");
    body.remove("action");
    JsonPath json = ok(post(body));
    assertThat(json.getString("sdk_payload.service")).isEqualTo("in.juspay.hyperpay");
    assertThat(json.getMap("sdk_payload.payload")).containsEntry("action", "paymentPage");
    assertThat(Shopper.get(Shopper.path(json.getString("payment_links.web"))).asString())
        .contains("name=\"card_number\"");

    body.put("order_id", "no-action-2");
    body.put("action", "buyNow");
    assertThat(badFields(post(body), "INVALID_REQUEST")).containsExactly("action");
  }

  @Test
  void responseDetailsAsJuspayAnswers() {
    Map<String, Object> body = merchant.body("details-1");
    body.put("send_mail", true);
    body.put("gateway_id", 12);
    JsonPath json = ok(post(body));
    Map<String, Object> payload = json.getMap("sdk_payload.payload");
    // Every order now expires (issue 12: 24 hours by default), so the link carries the order's
    // expiry, as in Juspay's answers with an expiry; never null or "null".
    assertThat(json.getString("payment_links.expiry"))
        .isEqualTo(json.getString("order_expiry"))
        .isEqualTo(json.getString("sdk_payload.expiry"))
        .matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
    // Echoed values keep their JSON type.
    assertThat(payload.get("sendMail")).isEqualTo(Boolean.TRUE);
    assertThat(payload.get("gatewayId")).isEqualTo(12);
    assertThat(payload.get("amount")).isEqualTo("1.0");

    Map<String, Object> expiring = merchant.body("details-2");
    expiring.put("metadata.expiryInMins", "30");
    JsonPath withExpiry = ok(post(expiring));
    String orderExpiry = withExpiry.getString("order_expiry");
    assertThat(withExpiry.getString("payment_links.expiry")).isEqualTo(orderExpiry);
    assertThat(withExpiry.getString("sdk_payload.expiry")).isEqualTo(orderExpiry);
  }

  @Test
  void theVersionHeaderOrQueryParameterIsAcceptedAndIgnored() {
    ok(
        merchant
            .session()
            .header("version", "2023-06-30")
            .body(merchant.body("v-1"))
            .post("/session"));
    ok(
        merchant
            .session()
            .queryParam("version", "2024-02-01")
            .body(merchant.body("v-2"))
            .post("/session"));
    ok(
        merchant
            .session()
            .header("version", "<current date>")
            .body(merchant.body("v-3"))
            .post("/session"));

    Map<String, Object> bad = merchant.body("v-4");
    bad.put("amount", "0.5");
    Response refused =
        merchant
            .session()
            .header("version", "2023-06-30")
            .queryParam("version", "2023-06-30")
            .body(bad)
            .post("/session");
    assertThat(badFields(refused, "INVALID_REQUEST")).containsExactly("amount");
  }
}
