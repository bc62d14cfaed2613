package dev.paysession.api;

import static dev.paysession.TestMerchants.admin;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.paysession.OpenApiContract;
import dev.paysession.TestMerchants;
import dev.paysession.TestMerchants.Merchant;
import dev.paysession.checkout.Shopper;
import dev.paysession.checkout.Shopper.Session;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code /q/openapi} documents every public operation's request and answers, errors included, and
 * the real answers match it. Every {@code @QuarkusTest} checks its answers through {@link
 * OpenApiContract}'s filter; this test walks each endpoint's success and error answers on purpose,
 * checks them explicitly, and shows that a wrong answer is caught.
 */
@QuarkusTest
class OpenApiDocumentTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Every operation of the public API, with its success status and request body, if any. */
  private static final List<Operation> OPERATIONS =
      List.of(
          new Operation("post", "/session", "200", "SessionRequest", "SessionResponse"),
          new Operation("get", "/orders/{order_id}", "200", null, "OrderStatus"),
          new Operation("get", "/orders/{order_id}/payment-methods", "200", null, "PaymentMethods"),
          new Operation(
              "post", "/admin/merchants", "201", "MerchantCreateRequest", "MerchantCreated"),
          new Operation("get", "/admin/merchants/{merchantId}", "200", null, "Merchant"),
          new Operation(
              "patch", "/admin/merchants/{merchantId}", "200", "MerchantUpdateRequest", "Merchant"),
          new Operation(
              "post", "/admin/merchants/{merchantId}/api-keys", "201", null, "ApiKeyIssued"),
          new Operation(
              "delete",
              "/admin/merchants/{merchantId}/api-keys/{keyId}",
              "200",
              null,
              "ApiKeyRevoked"),
          new Operation(
              "post",
              "/admin/merchants/{merchantId}/response-key",
              "200",
              null,
              "ResponseKeyRotated"),
          new Operation(
              "put",
              "/admin/merchants/{merchantId}/webhook",
              "200",
              "WebhookSettingsRequest",
              "WebhookSettings"),
          new Operation(
              "get", "/admin/merchants/{merchantId}/webhook", "200", null, "WebhookSettings"),
          new Operation(
              "post",
              "/admin/merchants/{merchantId}/webhook-secret",
              "200",
              "WebhookSecretRotateRequest",
              "WebhookSecretRotated"),
          new Operation(
              "get",
              "/admin/merchants/{merchantId}/orders/{orderId}/webhooks",
              "200",
              null,
              "WebhookDeliveryLog"),
          new Operation(
              "post",
              "/admin/merchants/{merchantId}/webhooks/{eventId}/redeliver",
              "202",
              null,
              "WebhookRedelivery"),
          new Operation(
              "post",
              "/admin/merchants/{merchantId}/webhooks/redeliver-failed",
              "202",
              null,
              "WebhookFailedRedelivery"));

  private record Operation(
      String method, String path, String success, String requestSchema, String responseSchema) {}

  private OpenApiContract contract;

  @BeforeEach
  void fetchTheDocument() {
    contract = OpenApiContract.of(RestAssured.baseURI + ":" + RestAssured.port);
  }

  @Test
  void everyPublicOperationDocumentsItsBodiesAndErrors() {
    JsonNode paths = contract.document().path("paths");
    for (Operation expected : OPERATIONS) {
      JsonNode operation = paths.path(expected.path()).path(expected.method());
      String name = expected.method() + " " + expected.path();
      assertThat(operation.isObject()).as(name).isTrue();
      assertThat(operation.path("operationId").asString()).as(name).isNotEmpty();
      assertThat(operation.path("tags").size()).as(name).isPositive();
      if (expected.requestSchema() != null) {
        assertThat(operation.at("/requestBody/content").propertyNames())
            .as(name)
            .containsExactly("application/json");
        assertThat(operation.at("/requestBody/content/application~1json/schema/$ref").asString())
            .as(name)
            .isEqualTo("#/components/schemas/" + expected.requestSchema());
      } else {
        assertThat(operation.has("requestBody")).as(name).isFalse();
      }
      JsonNode responses = operation.path("responses");
      assertThat(
              responses
                  .at("/" + expected.success() + "/content/application~1json/schema/$ref")
                  .asString())
          .as(name)
          .isEqualTo("#/components/schemas/" + expected.responseSchema());
      for (String status : List.of("400", "401", "404", "500", "503")) {
        assertThat(responses.path(status).path("$ref").asString())
            .as(name + " " + status)
            .startsWith("#/components/responses/");
      }
      for (String status : responses.propertyNames()) {
        if (status.startsWith("4") || status.startsWith("5")) {
          JsonNode response = responses.path(status);
          if (response.has("$ref")) {
            response = contract.document().at(response.path("$ref").asString().substring(1));
          }
          assertThat(response.at("/content/application~1json/schema/$ref").asString())
              .as(name + " " + status)
              .isEqualTo("#/components/schemas/ErrorEnvelope");
        }
      }
    }
    // No body is left undescribed.
    assertThat(contract.document().toString()).doesNotContain("application/octet-stream");
  }

  @Test
  void eachEndpointsAnswersMatchTheDocument() {
    List<String> breaches = new ArrayList<>();
    Merchant merchant = TestMerchants.createWithUpi();
    String base = "/admin/merchants/" + merchant.merchantId();

    Session session = Shopper.open(merchant, "oas-1");
    check(
        breaches,
        "post",
        "/session",
        merchant.session().body(merchant.body("oas-1")).post("/session"));
    check(
        breaches,
        "post",
        "/session",
        merchant.session().body(Map.of("amount", "x")).post("/session"));
    check(
        breaches,
        "post",
        "/session",
        given().contentType(ContentType.JSON).body("{}").post("/session"));
    check(
        breaches,
        "post",
        "/session",
        merchant.session().contentType(ContentType.URLENC).body("a=b").post("/session"));

    String status = "/orders/" + session.orderId();
    check(breaches, "get", status, Shopper.merchantGet(merchant, status));
    Shopper.payByCardWithCode(session, Shopper.VISA, Shopper.OTP);
    check(breaches, "get", status, Shopper.merchantGet(merchant, status));
    check(breaches, "get", "/orders/nope", Shopper.merchantGet(merchant, "/orders/nope"));
    check(breaches, "get", status, given().get(status));
    check(
        breaches,
        "get",
        status + "/payment-methods",
        Shopper.merchantGet(merchant, status + "/payment-methods"));
    check(
        breaches,
        "get",
        "/orders/nope/payment-methods",
        Shopper.merchantGet(merchant, "/orders/nope/payment-methods"));

    check(breaches, "get", base, admin().get(base));
    check(breaches, "get", "/admin/merchants/nope", admin().get("/admin/merchants/nope"));
    check(breaches, "get", base, given().get(base));
    check(
        breaches,
        "patch",
        base,
        admin().contentType(ContentType.JSON).body(Map.of("name", "Renamed")).patch(base));
    check(
        breaches,
        "patch",
        base,
        admin().contentType(ContentType.JSON).body(Map.of("environment", "moon")).patch(base));
    check(
        breaches,
        "post",
        "/admin/merchants",
        admin()
            .contentType(ContentType.JSON)
            .body(
                Map.of(
                    "merchant_id",
                    merchant.merchantId(),
                    "name",
                    "Again",
                    "environment",
                    "sandbox",
                    "payment_page_client_ids",
                    List.of("c1")))
            .post("/admin/merchants"));
    Response issued = admin().post(base + "/api-keys");
    check(breaches, "post", base + "/api-keys", issued);
    String keyId = issued.jsonPath().getString("key_id");
    check(
        breaches,
        "delete",
        base + "/api-keys/" + keyId,
        admin().delete(base + "/api-keys/" + keyId));
    check(
        breaches,
        "delete",
        base + "/api-keys/" + keyId,
        admin().delete(base + "/api-keys/" + keyId));
    check(breaches, "post", base + "/response-key", admin().post(base + "/response-key"));

    check(
        breaches,
        "put",
        base + "/webhook",
        admin()
            .contentType(ContentType.JSON)
            .body(Map.of("url", "https://example.test/hooks", "custom_headers", Map.of("x-a", "1")))
            .put(base + "/webhook"));
    check(
        breaches,
        "put",
        base + "/webhook",
        admin().contentType(ContentType.JSON).body(Map.of("colour", "red")).put(base + "/webhook"));
    check(breaches, "get", base + "/webhook", admin().get(base + "/webhook"));
    check(breaches, "post", base + "/webhook-secret", admin().post(base + "/webhook-secret"));
    check(
        breaches,
        "post",
        base + "/webhook-secret",
        admin()
            .contentType(ContentType.JSON)
            .body("{\"overlap_seconds\":-1}")
            .post(base + "/webhook-secret"));

    String log = base + "/orders/" + session.orderId() + "/webhooks";
    Response events = admin().get(log);
    check(breaches, "get", log, events);
    assertThat(events.jsonPath().getList("events")).isNotEmpty();
    String eventId = events.jsonPath().getString("events[0].id");
    String redeliver = base + "/webhooks/" + eventId + "/redeliver";
    check(breaches, "post", redeliver, admin().post(redeliver));
    check(
        breaches,
        "post",
        base + "/webhooks/evt_V2_" + "0".repeat(32) + "/redeliver",
        admin().post(base + "/webhooks/evt_V2_" + "0".repeat(32) + "/redeliver"));
    check(
        breaches,
        "post",
        base + "/webhooks/redeliver-failed",
        admin().post(base + "/webhooks/redeliver-failed"));

    check(breaches, "get", "/no/such/endpoint", given().get("/no/such/endpoint"));
    check(breaches, "get", "/session", given().get("/session"));
    assertThat(breaches).isEmpty();
  }

  @Test
  void aWrongAnswerIsCaught() {
    Merchant merchant = TestMerchants.create();
    Shopper.open(merchant, "oas-wrong");
    String answer = Shopper.merchantGet(merchant, "/orders/oas-wrong").asString();
    String schema =
        "#/paths/~1orders~1{order_id}/get/responses/200/content/application~1json/schema";
    assertThat(contract.validate(schema, answer)).isEmpty();

    ObjectNode missing = (ObjectNode) JSON.readTree(answer);
    missing.remove("status_id");
    assertThat(contract.validate(schema, missing.toString())).isNotEmpty();

    ObjectNode extra = (ObjectNode) JSON.readTree(answer);
    extra.put("surprise", 1);
    assertThat(contract.validate(schema, extra.toString())).isNotEmpty();

    ObjectNode wrongType = (ObjectNode) JSON.readTree(answer);
    wrongType.put("amount", "1.00");
    assertThat(contract.validate(schema, wrongType.toString())).isNotEmpty();

    ObjectNode unexpectedNull = (ObjectNode) JSON.readTree(answer);
    unexpectedNull.putNull("order_id");
    assertThat(contract.validate(schema, unexpectedNull.toString())).isNotEmpty();

    String envelope = given().get("/no/such/endpoint").asString();
    assertThat(contract.check("get", "/orders/x", 418, "application/json", envelope))
        .singleElement()
        .asString()
        .contains("status 418 is not documented");
    assertThat(contract.check("get", "/nowhere", 200, "application/json", "{}"))
        .singleElement()
        .asString()
        .contains("no operation");
    assertThat(contract.check("get", "/orders/x", 404, "application/json", answer)).isNotEmpty();
  }

  @Test
  void swaggerUiIsServed() {
    Response ui = TestMerchants.management().get("/q/swagger-ui/");
    assertThat(ui.statusCode()).isEqualTo(200);
    assertThat(ui.contentType()).startsWith("text/html");
  }

  private void check(List<String> breaches, String method, String path, Response response) {
    List<String> found =
        contract.check(
            method, path, response.statusCode(), response.contentType(), response.asString());
    found.forEach(
        breach -> breaches.add(method + " " + path + " " + response.statusCode() + ": " + breach));
  }
}
