package dev.paysession.session;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SessionSmokeTest {

  @Test
  void createsAnOrderForTheSeedSample() {
    JsonPath merchant =
        given()
            .header("Authorization", "Bearer test-admin-token")
            .contentType("application/json")
            .body(
                """
                {"merchant_id":"smoke_merchant","name":"Smoke","environment":"sandbox",
                 "payment_page_client_ids":["smoke_client"]}
                """)
            .post("/admin/merchants")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath();
    given()
        .auth()
        .preemptive()
        .basic(merchant.getString("api_key"), "")
        .header("x-merchantid", "smoke_merchant")
        .contentType("application/json")
        .body(
            """
            {"order_id":"smoke-1","amount":"1.0","customer_id":"c1",
             "payment_page_client_id":"smoke_client","action":"paymentPage",
             "return_url":"https://shop.merchant.com"}
            """)
        .post("/session")
        .then()
        .statusCode(200)
        .header("x-request-id", matchesPattern(".+"))
        .body("status", equalTo("NEW"))
        .body("id", matchesPattern("ordeh_[0-9a-f]{32}"))
        .body("sdk_payload.payload.clientAuthToken", matchesPattern("tkn_[0-9a-f]{32}"));
  }
}
