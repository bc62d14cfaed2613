package dev.paysession.jwe;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paysession.LogCapture;
import dev.paysession.TestMerchants;
import dev.paysession.checkout.Shopper;
import dev.paysession.checkout.Shopper.Session;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Juspay's JWE calls on {@code /v4} over HTTP, made as its Node SDK makes them ({@link SdkJwe}):
 * each route runs what its plain endpoint runs and answers it signed and encrypted; everything that
 * is not a valid call of the key's own merchant is a 401 in the plain envelope.
 */
@QuarkusTest
class EncryptedCallsTest {

  @RegisterExtension final LogCapture log = new LogCapture();

  private static Session paidOrder(JweMerchant jwe, String amount) {
    Map<String, Object> body = jwe.merchant().body(TestMerchants.uniqueId("jw"));
    body.put("amount", amount);
    Session session = Shopper.open(jwe.merchant(), body);
    Shopper.payByCardWithCode(session, Shopper.VISA, Shopper.OTP);
    assertThat(Shopper.orderStatus(session).getString("status")).isEqualTo("CHARGED");
    return session;
  }

  @Test
  void v4SessionCreatesTheOrderAsSessionDoes() {
    JweMerchant jwe = JweMerchant.create();
    String orderId = TestMerchants.uniqueId("js");
    JsonNode session = jwe.open(jwe.post("/v4/session", jwe.merchant().body(orderId)));
    assertThat(session.get("status").asText()).isEqualTo("NEW");
    assertThat(session.get("order_id").asText()).isEqualTo(orderId);
    assertThat(session.get("id").asText()).matches("ordeh_[0-9a-f]{32}");
    assertThat(session.at("/payment_links/web").asText()).startsWith("http");
    assertThat(session.at("/sdk_payload/payload/clientAuthToken").asText()).isNotBlank();
    // The same order the plain API sees, under the key's merchant.
    Response plain = Shopper.merchantGet(jwe.merchant(), "/orders/" + orderId);
    assertThat(plain.statusCode()).as(plain.asString()).isEqualTo(200);
    assertThat(plain.jsonPath().getString("status")).isEqualTo("NEW");
    assertThat(plain.jsonPath().getString("id")).isEqualTo(session.get("id").asText());
    // The body's own errors are the plain endpoint's, unencrypted.
    Map<String, Object> noAmount = jwe.merchant().body(TestMerchants.uniqueId("js"));
    noAmount.remove("amount");
    Response invalid = jwe.post("/v4/session", noAmount);
    assertThat(invalid.statusCode()).as(invalid.asString()).isEqualTo(400);
    assertThat(invalid.jsonPath().getString("error_info.fields[0].field_name")).isEqualTo("amount");
  }

  @Test
  void v4OrderStatusAnswersTheOrderStatusObject() {
    JweMerchant jwe = JweMerchant.create();
    Session session = paidOrder(jwe, "25.50");
    JsonNode status = jwe.open(jwe.post("/v4/order-status", Map.of("order_id", session.orderId())));
    assertThat(status.get("order_id").asText()).isEqualTo(session.orderId());
    assertThat(status.get("status").asText()).isEqualTo("CHARGED");
    assertThat(status.get("status_id").asInt()).isEqualTo(21);
    assertThat(status.get("amount").decimalValue()).isEqualByComparingTo("25.50");
    assertThat(status.get("merchant_id").asText()).isEqualTo(jwe.merchant().merchantId());
    assertThat(status.get("txn_id").asText()).isNotBlank();
    // Field for field what GET /orders/{order_id} answers.
    JsonNode plain =
        SdkJweJson.read(Shopper.merchantGet(jwe.merchant(), "/orders/" + session.orderId()));
    assertThat(status).isEqualTo(plain);

    JweMerchant.refused(
        jwe.post("/v4/order-status", Map.of("order_id", "no_such_order_1")),
        404,
        "RESOURCE_NOT_FOUND",
        null);
    Response missing = jwe.post("/v4/order-status", Map.of("amount", "1"));
    assertThat(missing.statusCode()).isEqualTo(400);
    assertThat(missing.jsonPath().getString("error_info.fields[0].field_name"))
        .isEqualTo("order_id");
  }

  @Test
  void v4RefundRefundsAPaidOrderOnceWhateverTheRetries() {
    JweMerchant jwe = JweMerchant.create();
    Session session = paidOrder(jwe, "100.00");
    String body = jwe.encrypt(Map.of("unique_request_id", "jwe_r1", "amount", "40.00"));
    String path = "/v4/orders/" + session.orderId() + "/refunds";
    JsonNode refunded = jwe.open(jwe.postRaw(path, body, jwe.merchant().merchantId()));
    assertThat(refunded.get("order_id").asText()).isEqualTo(session.orderId());
    assertThat(refunded.get("status").asText()).isEqualTo("CHARGED");
    assertThat(refunded.get("amount_refunded").decimalValue()).isEqualByComparingTo("40.00");
    assertThat(refunded.get("refunded").asBoolean()).isFalse();
    assertThat(refunded.at("/refunds/0/unique_request_id").asText()).isEqualTo("jwe_r1");
    assertThat(refunded.at("/refunds/0/status").asText()).isEqualTo("PENDING");
    assertThat(refunded.at("/refunds/0/amount").decimalValue()).isEqualByComparingTo("40.00");
    assertThat(refunded.get("refunds")).hasSize(1);

    // The very same encrypted body again (a replay): refused as the plain endpoint refuses a
    // repeated unique_request_id, in the plain envelope; still one refund.
    JweMerchant.refused(
        jwe.postRaw(path, body, jwe.merchant().merchantId()),
        400,
        "duplicate.call",
        "already completed with this unique_request_id");
    assertThat(Shopper.orderStatus(session).getDouble("amount_refunded")).isEqualTo(40.0);
    assertThat(Shopper.orderStatus(session).getList("refunds")).hasSize(1);

    // The plain endpoint's rules apply: no more than what is left.
    Response tooMuch = jwe.post(path, Map.of("unique_request_id", "jwe_r2", "amount", "60.01"));
    assertThat(tooMuch.statusCode()).as(tooMuch.asString()).isEqualTo(400);
    assertThat(Shopper.orderStatus(session).getDouble("amount_refunded")).isEqualTo(40.0);
  }

  @Test
  void v4TxnsAnswersWhatTxnsAnswers() {
    JweMerchant jwe = JweMerchant.create();
    Map<String, Object> body =
        Map.of(
            "order_id", TestMerchants.uniqueId("tx"),
            "mandate_id", "no_such_mandate",
            "order.amount", "10.00",
            "order.customer_id", "cust_1",
            "order.order_id", TestMerchants.uniqueId("tx"));
    Response encrypted = jwe.post("/v4/txns", body);
    Response plain =
        given()
            .header("Authorization", TestMerchants.basicWithColon(jwe.merchant().apiKey()))
            .header("x-merchantid", jwe.merchant().merchantId())
            .contentType(ContentType.JSON)
            .body(body)
            .post("/txns");
    assertThat(plain.statusCode()).isGreaterThanOrEqualTo(400);
    assertThat(encrypted.statusCode()).as(encrypted.asString()).isEqualTo(plain.statusCode());
    assertThat(encrypted.jsonPath().getString("error_code"))
        .isEqualTo(plain.jsonPath().getString("error_code"));
    assertThat(encrypted.jsonPath().getString("error_message"))
        .isEqualTo(plain.jsonPath().getString("error_message"));
  }

  @Test
  void anUnknownOrRetiredKidIsA401() {
    JweMerchant jwe = JweMerchant.create();
    Map<String, Object> query = Map.of("order_id", "any_order");
    String unknownKid =
        SdkJwe.jwtEncrypt(
                "{\"order_id\":\"any_order\"}",
                "key_00000000000000000000000000000000",
                jwe.serverKey(),
                jwe.keys().getPrivate())
            .toString();
    JweMerchant.refused(
        jwe.postRaw("/v4/order-status", unknownKid, jwe.merchant().merchantId()),
        401,
        "access_denied",
        "Unknown or retired JWE key");

    JweMerchant next = JweMerchant.register(jwe.merchant());
    TestMerchants.admin()
        .delete("/admin/merchants/" + jwe.merchant().merchantId() + "/jwe-keys/" + jwe.keyId())
        .then()
        .statusCode(200);
    JweMerchant.refused(
        jwe.post("/v4/order-status", query), 401, "access_denied", "Unknown or retired");
    // The new key goes on working through the rotation.
    JweMerchant.refused(next.post("/v4/order-status", query), 404, "RESOURCE_NOT_FOUND", null);
  }

  @Test
  void aBodyUnderAnotherMerchantIsA401() {
    JweMerchant alice = JweMerchant.create();
    JweMerchant bob = JweMerchant.create();
    Session alicesOrder = paidOrder(alice, "10.00");
    Map<String, Object> query = Map.of("order_id", alicesOrder.orderId());

    // Alice's own call, replayed as Bob's (his x-merchantid): her kid is not his.
    JweMerchant.refused(
        alice.postRaw("/v4/order-status", alice.encrypt(query), bob.merchant().merchantId()),
        401,
        "access_denied",
        "Unknown or retired JWE key");
    // Bob signs with his key but names Alice's kid and her server key: the signature fails.
    String forged =
        SdkJwe.jwtEncrypt(
                "{\"order_id\":\"" + alicesOrder.orderId() + "\"}",
                alice.keyId(),
                alice.serverKey(),
                bob.keys().getPrivate())
            .toString();
    JweMerchant.refused(
        bob.postRaw("/v4/order-status", forged, alice.merchant().merchantId()),
        401,
        "access_denied",
        "signature does not verify");
    // Bob's own valid call cannot see Alice's order.
    JweMerchant.refused(bob.post("/v4/order-status", query), 404, "RESOURCE_NOT_FOUND", null);
    // Alice's order was not refunded by any of it, and her own call still works.
    assertThat(alice.open(alice.post("/v4/order-status", query)).get("status").asText())
        .isEqualTo("CHARGED");
  }

  @Test
  void tamperedOrMalformedBodiesAre401sNeverA500() {
    JweMerchant jwe = JweMerchant.create();
    String good = jwe.encrypt(Map.of("order_id", "some_order"));
    String merchantId = jwe.merchant().merchantId();
    for (String field : new String[] {"header", "encryptedKey", "iv", "encryptedPayload", "tag"}) {
      com.fasterxml.jackson.databind.node.ObjectNode body = SdkJweJson.object(good);
      String value = body.get(field).asText();
      // Change one character in the middle (keeping base64url): a different value.
      int at = value.length() / 2;
      char changed = value.charAt(at) == 'A' ? 'B' : 'A';
      body.put(field, value.substring(0, at) + changed + value.substring(at + 1));
      Response response = jwe.postRaw("/v4/order-status", body.toString(), merchantId);
      assertThat(response.statusCode()).as(field + ": " + response.asString()).isEqualTo(401);
      assertThat(response.jsonPath().getString("error_code")).isEqualTo("access_denied");
    }
    for (String garbage :
        new String[] {"", "{}", "not a jwe", "a.b.c.d.e", "{\"header\":5}", "[]", "\"x\""}) {
      Response response = jwe.postRaw("/v4/session", garbage, merchantId);
      assertThat(response.statusCode())
          .as("'" + garbage + "': " + response.asString())
          .isEqualTo(401);
      assertThat(response.jsonPath().getString("status")).isEqualTo("error");
      assertThat(response.jsonPath().getString("error_info.code")).isEqualTo("UNAUTHORIZED");
    }
    // Without x-merchantid, as without it on the plain endpoints: a 400 naming it.
    Response noMerchant = jwe.postRaw("/v4/order-status", good, null);
    assertThat(noMerchant.statusCode()).isEqualTo(400);
    assertThat(noMerchant.jsonPath().getString("error_info.fields[0].field_name"))
        .isEqualTo("x-merchantid");
  }

  @Test
  void anApiKeyOrAClientAuthTokenCannotAuthoriseV4() {
    JweMerchant jwe = JweMerchant.create();
    Session session = paidOrder(jwe, "10.00");
    Response withKey =
        given()
            .header("Authorization", TestMerchants.basicWithColon(jwe.merchant().apiKey()))
            .header("x-merchantid", jwe.merchant().merchantId())
            .contentType(ContentType.JSON)
            .body(Map.of("order_id", session.orderId(), "unique_request_id", "k1"))
            .post("/v4/orders/" + session.orderId() + "/refunds");
    JweMerchant.refused(withKey, 401, "access_denied", null);
    Response withToken =
        given()
            .header("x-client-auth-token", session.clientAuthToken())
            .header("x-merchantid", jwe.merchant().merchantId())
            .contentType(ContentType.JSON)
            .body(Map.of("order_id", session.orderId()))
            .post("/v4/order-status");
    JweMerchant.refused(withToken, 401, "access_denied", null);
    assertThat(Shopper.orderStatus(session).getDouble("amount_refunded")).isEqualTo(0.0);
  }

  @Test
  void neitherThePlainBodyNorTheAnswerIsLogged() {
    JweMerchant jwe = JweMerchant.create();
    String secretish = "jwe-plaintext-sentinel-" + TestMerchants.uniqueId("s");
    Map<String, Object> body = jwe.merchant().body(TestMerchants.uniqueId("lg"));
    body.put("description", secretish);
    jwe.open(jwe.post("/v4/session", body));
    jwe.postRaw("/v4/session", "{\"header\":\"" + secretish + "\"}", jwe.merchant().merchantId());
    assertThat(log.lines()).noneMatch(line -> line.contains(secretish));
  }
}
