package dev.paysession.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.paysession.TestMerchants;
import dev.paysession.checkout.Shopper;
import dev.paysession.checkout.Shopper.Session;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A merchant's web page may call the customer-side routes (order status and payment methods, with
 * the client auth token) from its own origin; nothing that takes a secret key is opened to pages.
 */
@QuarkusTest
class CustomerCorsTest {

  private static final String ORIGIN = "https://shop.merchant.com";

  private static Response preflight(String path, String method) {
    return given()
        .header("Origin", ORIGIN)
        .header("Access-Control-Request-Method", method)
        .header("Access-Control-Request-Headers", "x-client-auth-token")
        .options(path);
  }

  private static List<String> listed(Response response, String header) {
    String value = response.header(header);
    assertThat(value).as(header).isNotNull();
    return Arrays.stream(value.split(",")).map(String::trim).map(String::toLowerCase).toList();
  }

  @Test
  void thePreflightOfTheCustomerRoutesAllowsAnyOriginWithTheToken() {
    for (String path : List.of("/orders/cors-1", "/orders/cors-1/payment-methods")) {
      Response response = preflight(path, "GET");
      assertThat(response.statusCode()).as(path).isEqualTo(204);
      assertThat(response.header("Access-Control-Allow-Origin")).as(path).isEqualTo("*");
      assertThat(listed(response, "Access-Control-Allow-Methods")).as(path).containsExactly("get");
      assertThat(listed(response, "Access-Control-Allow-Headers"))
          .as(path)
          .containsExactlyInAnyOrder(
              "x-client-auth-token", "x-merchantid", "x-merchant-id", "content-type");
      assertThat(response.header("Access-Control-Allow-Credentials")).as(path).isNull();
    }
  }

  @Test
  void theCustomerRoutesAnswerAPageWithTheAllowOriginHeader() {
    Session session = Shopper.open(TestMerchants.create(), "cors-get-1");
    for (String path : List.of("/orders/cors-get-1", "/orders/cors-get-1/payment-methods")) {
      Response response =
          given()
              .header("Origin", ORIGIN)
              .header("x-client-auth-token", session.clientAuthToken())
              .get(path);
      assertThat(response.statusCode()).as(path + ": " + response.asString()).isEqualTo(200);
      assertThat(response.header("Access-Control-Allow-Origin")).as(path).isEqualTo("*");
      assertThat(response.header("Access-Control-Allow-Credentials")).as(path).isNull();
    }
    // An error is readable by the page too (an expired or wrong token, say).
    Response refused =
        given()
            .header("Origin", ORIGIN)
            .header("x-client-auth-token", "tkn_" + "0".repeat(32))
            .get("/orders/cors-get-1");
    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(refused.header("Access-Control-Allow-Origin")).isEqualTo("*");
  }

  @Test
  void routesTakingSecretKeysAreNotOpenedToPages() {
    for (String path : List.of("/session", "/admin/merchants", "/admin/merchants/m1")) {
      Response response = preflight(path, "POST");
      assertThat(response.header("Access-Control-Allow-Origin")).as(path).isNull();
      assertThat(response.header("Access-Control-Allow-Methods")).as(path).isNull();
      assertThat(response.header("Access-Control-Allow-Headers")).as(path).isNull();
    }
    Response session =
        given().header("Origin", ORIGIN).contentType(ContentType.JSON).body("{}").post("/session");
    assertThat(session.statusCode()).isEqualTo(400);
    assertThat(session.header("Access-Control-Allow-Origin")).isNull();
    // The hosted page is a top-level page, not an API for other origins.
    Session order = Shopper.open(TestMerchants.create(), "cors-page-1");
    Response page = given().header("Origin", ORIGIN).get(order.pagePath());
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.header("Access-Control-Allow-Origin")).isNull();
    assertThat(preflight(order.pagePath(), "GET").header("Access-Control-Allow-Origin")).isNull();
  }
}
