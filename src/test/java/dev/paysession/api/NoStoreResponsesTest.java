package dev.paysession.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paysession.TestMerchants;
import dev.paysession.TestMerchants.Merchant;
import dev.paysession.checkout.Shopper;
import dev.paysession.checkout.Shopper.Session;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Answers that carry a secret or a customer's personal data must never be stored by a cache. */
@QuarkusTest
class NoStoreResponsesTest {

  @Test
  void everyAnswerCarryingSecretsOrPersonalDataSaysNoStore() {
    Merchant merchant = TestMerchants.create();
    String orderId = TestMerchants.uniqueId("ns");
    Response session = merchant.session().body(merchant.body(orderId)).post("/session");
    assertThat(session.statusCode()).as(session.asString()).isEqualTo(200);
    Session opened =
        new Session(
            merchant,
            orderId,
            session.jsonPath().getString("id"),
            java.net.URI.create(session.jsonPath().getString("payment_links.web")).getPath(),
            session.jsonPath().getString("sdk_payload.payload.clientAuthToken"));

    Map<String, Response> answers = new LinkedHashMap<>();
    answers.put("POST /session", session);
    answers.put(
        "GET /orders/{id}",
        Shopper.browser()
            .header("x-client-auth-token", opened.clientAuthToken())
            .get("/orders/" + orderId));
    answers.put(
        "GET /orders/{id}/payment-methods",
        Shopper.browser()
            .header("x-client-auth-token", opened.clientAuthToken())
            .get("/orders/" + orderId + "/payment-methods"));
    answers.put(
        "POST /admin/merchants/{id}/api-keys",
        TestMerchants.admin().post("/admin/merchants/" + merchant.merchantId() + "/api-keys"));
    answers.put("GET payment page", Shopper.get(opened.pagePath()));
    answers.put(
        "401 on /orders/{id}",
        Shopper.browser()
            .header("x-client-auth-token", "tkn_" + "0".repeat(32))
            .get("/orders/" + orderId));

    answers.forEach(
        (what, response) -> {
          assertThat(response.statusCode()).as(what + ": " + response.asString()).isLessThan(500);
          assertThat(response.header("Cache-Control")).as(what).isEqualTo("no-store");
        });
    assertThat(answers.get("POST /admin/merchants/{id}/api-keys").statusCode()).isEqualTo(201);
  }
}
