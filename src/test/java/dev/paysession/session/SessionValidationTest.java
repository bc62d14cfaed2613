package dev.paysession.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paysession.TestMerchants;
import dev.paysession.TestMerchants.Merchant;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Field validation of {@code POST /session} as seen over HTTP: Juspay's 400 bodies. */
@QuarkusTest
class SessionValidationTest {

  private Merchant merchant;

  @BeforeEach
  void newMerchant() {
    merchant = TestMerchants.create();
  }

  private Response post(Map<String, Object> body) {
    return merchant.session().body(body).post("/session");
  }

  private static JsonPath badRequest(Response response) {
    assertThat(response.statusCode()).as(response.asString()).isEqualTo(400);
    assertThat(response.contentType()).startsWith("application/json");
    assertThat(response.header("x-request-id")).isNotBlank();
    JsonPath json = response.jsonPath();
    assertThat(json.getString("error_message")).isNotBlank();
    assertThat(json.getString("error_info.code")).isEqualTo("INVALID_INPUT");
    assertThat(json.getString("error_info.user_message")).isNotBlank();
    assertThat(json.getString("error_info.developer_message")).isNotBlank();
    return json;
  }

  @Test
  void aCompleteBodyIsAccepted() {
    post(merchant.body("valid-1")).then().statusCode(200);
  }

  @Test
  void aMissingFieldIsMandatoryFieldsAreMissing() {
    Map<String, Object> body = merchant.body("missing-1");
    body.remove("order_id");
    JsonPath json = badRequest(post(body));
    assertThat(json.getString("status")).isEqualTo("Bad Request");
    assertThat(json.getString("error_code")).isEqualTo("Mandatory fields are missing");
    assertThat(json.getList("error_info.fields.field_name")).containsExactly("order_id");
    assertThat(json.getList("error_info.fields.reason"))
        .containsExactly("Mandatory fields are missing");
  }

  @Test
  void nullAndEmptyCountAsMissing() {
    Map<String, Object> body = merchant.body("missing-2");
    body.put("amount", "");
    body.put("payment_page_client_id", null);
    JsonPath json = badRequest(post(body));
    assertThat(json.getString("error_code")).isEqualTo("Mandatory fields are missing");
    assertThat(json.getList("error_info.fields.field_name"))
        .containsExactlyInAnyOrder("amount", "payment_page_client_id");
  }

  @Test
  void everyMissingFieldIsListedAtOnce() {
    Map<String, Object> body = merchant.body("missing-3");
    body.remove("order_id");
    body.remove("amount");
    body.remove("customer_id");
    body.remove("payment_page_client_id");
    body.remove("action");
    body.remove("return_url");
    JsonPath json = badRequest(post(body));
    assertThat(json.getString("error_code")).isEqualTo("Mandatory fields are missing");
    assertThat(json.getList("error_info.fields.field_name"))
        .containsExactlyInAnyOrder(
            // customer_id (a guest) and action (paymentPage) may be left out: issue 11
            "order_id", "amount", "payment_page_client_id", "return_url");
  }

  @Test
  void anInvalidValueIsInvalidRequest() {
    Map<String, Object> body = merchant.body("invalid-1");
    body.put("amount", "100.1532");
    JsonPath json = badRequest(post(body));
    assertThat(json.getString("error_code")).isEqualTo("INVALID_REQUEST");
    assertThat(json.getInt("status_id")).isEqualTo(-1);
    assertThat(json.getList("error_info.fields.field_name")).containsExactly("amount");
  }

  @Test
  void everyInvalidFieldIsListedAtOnce() {
    Map<String, Object> body = merchant.body("x");
    body.put("order_id", "this-order-id-is-too-long-for-juspay");
    body.put("amount", "0.50");
    body.put("customer_email", "not an email");
    body.put("customer_phone", "call me");
    body.put("action", "buyNow");
    body.put("return_url", "http://shop.merchant.com/return?x=1");
    body.put("currency", "inr");
    body.put("first_name", "<script>");
    body.put("udf1", "bidi\u202Eoverride");
    JsonPath json = badRequest(post(body));
    assertThat(json.getString("error_code")).isEqualTo("INVALID_REQUEST");
    assertThat(json.getList("error_info.fields.field_name"))
        .containsExactlyInAnyOrder(
            "order_id",
            "amount",
            "customer_email",
            "customer_phone",
            "action",
            "return_url",
            "currency",
            "first_name",
            "udf1");
    assertThat(json.getList("error_info.fields.reason", String.class))
        .allSatisfy(reason -> assertThat(reason).isNotBlank());
  }

  @Test
  void missingAndInvalidTogetherAreAllListed() {
    Map<String, Object> body = merchant.body("mixed-1");
    body.remove("order_id");
    body.put("amount", "abc");
    JsonPath json = badRequest(post(body));
    assertThat(json.getString("error_code")).isEqualTo("Mandatory fields are missing");
    assertThat(json.getList("error_info.fields.field_name"))
        .containsExactlyInAnyOrder("order_id", "amount");
  }

  @Test
  void anotherMerchantsClientIdIsInvalid() {
    Merchant other = TestMerchants.create();
    Map<String, Object> body = merchant.body("client-1");
    body.put("payment_page_client_id", other.clientId());
    JsonPath json = badRequest(post(body));
    assertThat(json.getString("error_code")).isEqualTo("INVALID_REQUEST");
    assertThat(json.getList("error_info.fields.field_name"))
        .containsExactly("payment_page_client_id");
  }

  @Test
  void aGuestHasAnEmptyCustomerId() {
    Map<String, Object> body = merchant.body("guest-1");
    body.put("customer_id", "");
    post(body).then().statusCode(200);
  }

  @Test
  void amountMustBeAtLeastOne() {
    Map<String, Object> body = merchant.body("amount-1");
    body.put("amount", "1");
    post(body).then().statusCode(200);
    body.put("order_id", "amount-2");
    body.put("amount", "0.99");
    JsonPath json = badRequest(post(body));
    assertThat(json.getList("error_info.fields.field_name")).containsExactly("amount");
  }

  @Test
  void aFieldOfTheWrongJsonTypeIsInvalid() {
    Map<String, Object> body = merchant.body("type-1");
    body.put("description", Map.of("text", "nested"));
    JsonPath json = badRequest(post(body));
    assertThat(json.getString("error_code")).isEqualTo("INVALID_REQUEST");
    assertThat(json.getList("error_info.fields.field_name")).containsExactly("description");
  }
}
