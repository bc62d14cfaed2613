package dev.paysession.checkout;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.paysession.TestMerchants;
import dev.paysession.TestMerchants.Merchant;
import dev.paysession.checkout.Shopper.Session;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

/** {@code GET /orders/{order_id}/payment-methods}: the merchant id headers, as elsewhere. */
@QuarkusTest
class PaymentMethodsApiTest {

  @Test
  void theMerchantReadsMethodsWithEitherMerchantIdHeader() {
    Merchant merchant = TestMerchants.create();
    Shopper.open(merchant, "methods-header-1");
    for (String header : new String[] {"x-merchantid", "x-merchant-id"}) {
      Response response =
          given()
              .header("Authorization", TestMerchants.basicWithColon(merchant.apiKey()))
              .header(header, merchant.merchantId())
              .get("/orders/methods-header-1/payment-methods");
      assertThat(response.statusCode()).as(header + ": " + response.asString()).isEqualTo(200);
      assertThat(response.jsonPath().getString("order_id")).isEqualTo("methods-header-1");
      assertThat(response.jsonPath().getList("payment_methods")).isNotEmpty();
    }
  }

  @Test
  void aTokenSentWithAnotherMerchantsIdInEitherHeaderOpensNothing() {
    Merchant merchant = TestMerchants.create();
    Merchant other = TestMerchants.create();
    Session session = Shopper.open(merchant, "methods-token-1");
    for (String header : new String[] {"x-merchantid", "x-merchant-id"}) {
      Response response =
          given()
              .header("x-client-auth-token", session.clientAuthToken())
              .header(header, other.merchantId())
              .get("/orders/methods-token-1/payment-methods");
      assertThat(response.statusCode()).as(header + ": " + response.asString()).isEqualTo(401);
    }
    Response own =
        given()
            .header("x-client-auth-token", session.clientAuthToken())
            .header("x-merchant-id", merchant.merchantId())
            .get("/orders/methods-token-1/payment-methods");
    assertThat(own.statusCode()).as(own.asString()).isEqualTo(200);
  }
}
