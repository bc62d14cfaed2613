package dev.paysession.session;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.paysession.TestMerchants;
import dev.paysession.TestMerchants.Merchant;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /orders<order_id>}: where Juspay's Node SDK sends {@code order.update} ({@code
 * '/orders' + orderId}). It is {@code POST /orders/{order_id}}, with its auth, rules and answer.
 */
@QuarkusTest
class OrderUpdateWithoutSlashTest {

  private static RequestSpecification call(Merchant merchant) {
    return given()
        .header("Authorization", TestMerchants.basicWithoutColon(merchant.apiKey()))
        .header("x-merchantid", merchant.merchantId())
        .header("version", "2024-06-01");
  }

  private static String createOrder(Merchant merchant) {
    String orderId = TestMerchants.uniqueId("sdk");
    Response created =
        call(merchant)
            .contentType("application/x-www-form-urlencoded")
            .formParam("order_id", orderId)
            .formParam("amount", "10.00")
            .formParam("customer_id", "cust-1")
            .formParam("return_url", "https://shop.merchant.com")
            .post("/orders");
    assertThat(created.statusCode()).as(created.asString()).isEqualTo(200);
    return orderId;
  }

  private static Response update(Merchant merchant, String path, String amount) {
    return call(merchant)
        .contentType("application/x-www-form-urlencoded")
        .formParam("amount", amount)
        .formParam("udf1", "changed")
        .post(path);
  }

  @Test
  void theSdksPathUpdatesTheOrderAsTheSlashedOneDoes() {
    Merchant merchant = TestMerchants.create();
    String orderId = createOrder(merchant);

    Response updated = update(merchant, "/orders" + orderId, "12.50");
    assertThat(updated.statusCode()).as(updated.asString()).isEqualTo(200);
    JsonPath answer = updated.jsonPath();
    assertThat(answer.getString("order_id")).isEqualTo(orderId);
    assertThat(answer.getDouble("amount")).isEqualTo(12.5);
    assertThat(answer.getString("udf1")).isEqualTo("changed");

    JsonPath status = call(merchant).get("/orders/" + orderId).jsonPath();
    assertThat(status.getDouble("amount")).isEqualTo(12.5);
    Response slashed = update(merchant, "/orders/" + orderId, "12.50");
    assertThat(slashed.jsonPath().getMap("$")).isEqualTo(answer.getMap("$"));
  }

  @Test
  void itKeepsTheUpdatesRefusals() {
    Merchant merchant = TestMerchants.create();
    String orderId = createOrder(merchant);

    Response badAmount = update(merchant, "/orders" + orderId, "0.5");
    assertThat(badAmount.statusCode()).as(badAmount.asString()).isEqualTo(400);
    assertThat(badAmount.jsonPath().getList("error_info.fields.field_name"))
        .containsExactly("amount");

    Response elsewhere = update(TestMerchants.create(), "/orders" + orderId, "11.00");
    assertThat(elsewhere.statusCode()).as(elsewhere.asString()).isEqualTo(404);
    assertThat(elsewhere.jsonPath().getInt("status_id")).isEqualTo(40);

    Response stranger =
        given()
            .header("Authorization", TestMerchants.basicWithColon("not-the-key"))
            .header("x-merchantid", merchant.merchantId())
            .contentType("application/x-www-form-urlencoded")
            .formParam("amount", "11.00")
            .post("/orders" + orderId);
    assertThat(stranger.statusCode()).as(stranger.asString()).isEqualTo(401);
    assertThat(call(merchant).get("/orders/" + orderId).jsonPath().getDouble("amount"))
        .isEqualTo(10.0);
  }

  @Test
  void onlyAPathThatCanEndInAnOrderIdIsServed() {
    Merchant merchant = TestMerchants.create();
    // No order id begins with '-': this is no order's path, and no route's.
    Response notARoute = update(merchant, "/orders-abc", "11.00");
    assertThat(notARoute.statusCode()).as(notARoute.asString()).isEqualTo(404);
    assertThat(notARoute.jsonPath().getString("error_code")).isEqualTo("RESOURCE_NOT_FOUND");
    assertThat(notARoute.jsonPath().getMap("$")).doesNotContainKey("status_id");
    // POST /orders still creates.
    createOrder(merchant);
  }
}
