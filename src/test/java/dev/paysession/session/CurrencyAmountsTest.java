package dev.paysession.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paysession.TestMerchants;
import dev.paysession.TestMerchants.Merchant;
import dev.paysession.checkout.Shopper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An amount takes its currency's decimals, from the request to the row and back. */
@QuarkusTest
class CurrencyAmountsTest {

  @Inject AgroalDataSource dataSource;

  private static Merchant merchantWith(String... currencies) {
    return TestMerchants.create(Map.of("supported_currencies", List.of(currencies)));
  }

  private static Response session(Merchant merchant, String orderId, String amount, String cur) {
    Map<String, Object> body = merchant.body(orderId);
    body.put("amount", amount);
    body.put("currency", cur);
    return merchant.session().body(body).post("/session");
  }

  @Test
  void aThreeDecimalAmountIsStoredAndEchoedExactly() throws Exception {
    Merchant merchant = merchantWith("INR", "KWD");
    Response created = session(merchant, "kwd-1", "12.345", "KWD");
    assertThat(created.statusCode()).as(created.asString()).isEqualTo(200);
    assertThat(created.jsonPath().getString("sdk_payload.payload.amount")).isEqualTo("12.345");
    assertThat(created.jsonPath().getString("sdk_payload.payload.currency")).isEqualTo("KWD");

    assertThat(storedAmount(merchant, "kwd-1")).isEqualTo(new BigDecimal("12.345"));

    Response status = Shopper.merchantGet(merchant, "/orders/kwd-1");
    assertThat(status.statusCode()).as(status.asString()).isEqualTo(200);
    assertThat(status.jsonPath().getString("amount")).isEqualTo("12.345");
    assertThat(status.jsonPath().getString("currency")).isEqualTo("KWD");
    assertThat(status.asString()).contains("\"amount\":12.345");
  }

  @Test
  void aZeroDecimalCurrencyTakesWholeNumbersOnly() throws Exception {
    Merchant merchant = merchantWith("JPY");
    Response created = session(merchant, "jpy-1", "1500", "JPY");
    assertThat(created.statusCode()).as(created.asString()).isEqualTo(200);
    assertThat(storedAmount(merchant, "jpy-1")).isEqualTo(new BigDecimal("1500"));
    assertThat(Shopper.merchantGet(merchant, "/orders/jpy-1").asString())
        .contains("\"amount\":1500,");

    JsonPath refused =
        session(merchant, "jpy-2", "1500.5", "JPY").then().statusCode(400).extract().jsonPath();
    assertThat(refused.getList("error_info.fields.field_name")).containsExactly("amount");
    assertThat(refused.getList("error_info.fields.reason"))
        .containsExactly("must be a whole number, like \"100\"");
  }

  @Test
  void eachCurrencyRefusesMoreDecimalsThanItHas() {
    Merchant merchant = merchantWith("INR", "KWD");
    JsonPath kwd =
        session(merchant, "kwd-2", "1.2345", "KWD").then().statusCode(400).extract().jsonPath();
    assertThat(kwd.getList("error_info.fields.reason"))
        .containsExactly(
            "must be a number with at most three decimal places, like \"100\" or \"100.125\"");
    JsonPath inr =
        session(merchant, "inr-1", "1.234", "INR").then().statusCode(400).extract().jsonPath();
    assertThat(inr.getList("error_info.fields.reason"))
        .containsExactly(
            "must be a number with at most two decimal places, like \"100\" or \"100.15\"");
  }

  private BigDecimal storedAmount(Merchant merchant, String orderId) throws Exception {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement query =
            connection.prepareStatement(
                "SELECT amount FROM orders WHERE merchant_id = ? AND order_id = ?")) {
      query.setString(1, merchant.merchantId());
      query.setString(2, orderId);
      try (ResultSet row = query.executeQuery()) {
        assertThat(row.next()).isTrue();
        return row.getBigDecimal(1);
      }
    }
  }
}
