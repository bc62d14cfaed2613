package dev.paysession.txns;

import static dev.paysession.checkout.Shopper.orderStatus;
import static org.assertj.core.api.Assertions.assertThat;

import dev.paysession.LogCapture;
import dev.paysession.TestMerchants;
import dev.paysession.TestMerchants.Merchant;
import dev.paysession.checkout.Shopper;
import dev.paysession.checkout.Shopper.Session;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code POST /txns} refuses what cannot be paid with Juspay's 400 naming the field or the rule,
 * before anything is charged, and never echoes or logs card data.
 */
@QuarkusTest
class TxnsValidationTest {

  @RegisterExtension final LogCapture log = new LogCapture();

  @Inject AgroalDataSource dataSource;

  private static JsonPath refused(Session session, Map<String, String> fields) {
    Map<String, String> body = new java.util.LinkedHashMap<>(fields);
    body.put("format", "json");
    Response response = TxnsCalls.post(session, body);
    assertThat(response.statusCode()).as(response.asString()).isEqualTo(400);
    assertThat(response.jsonPath().getString("status")).isIn("Bad Request", "ERROR");
    return response.jsonPath();
  }

  private static List<String> fieldNames(JsonPath error) {
    return error.getList("error_info.fields.field_name");
  }

  @Test
  void badCardDataIsRefusedByFieldAndNeverEchoedOrLogged() {
    Session session = Shopper.open(TestMerchants.create(), "txv-card-1");
    String badNumber = "4111111111111112"; // fails the Luhn check
    Map<String, String> luhn = TxnsCalls.card(badNumber);
    luhn.put("card_security_code", "987");
    JsonPath error = refused(session, luhn);
    assertThat(fieldNames(error)).containsExactly("card_number");
    assertThat(error.prettify()).doesNotContain(badNumber).doesNotContain("987");

    Map<String, String> expired = TxnsCalls.card(Shopper.VISA);
    expired.put("card_exp_month", "01");
    expired.put("card_exp_year", "20");
    assertThat(fieldNames(refused(session, expired))).containsExactly("card_exp_year");

    Map<String, String> missing = TxnsCalls.card(Shopper.VISA);
    missing.remove("card_security_code");
    JsonPath missingCvv = refused(session, missing);
    assertThat(missingCvv.getString("error_code")).isEqualTo("Mandatory fields are missing");
    assertThat(fieldNames(missingCvv)).containsExactly("card_security_code");

    // A card that pays, with a distinctive CVV: neither it nor the number reaches the log.
    Map<String, String> good = TxnsCalls.card(Shopper.MASTERCARD);
    good.put("card_security_code", "987");
    String url = TxnsCalls.json(session, good).getString("payment.authentication.url");
    Shopper.seeOther(
        Shopper.post(Shopper.challengeAction(TxnsCalls.attemptPage(url)), "code", Shopper.OTP));
    assertThat(orderStatus(session).getString("status")).isEqualTo("CHARGED");
    assertThat(log.lines())
        .allSatisfy(
            line ->
                assertThat(line)
                    .doesNotContain(badNumber)
                    .doesNotContain(Shopper.MASTERCARD)
                    .doesNotContain("5555 5555 5555 4444")
                    .doesNotContain("=987")
                    .doesNotContain("\"987\""));
  }

  @Test
  void upiNetBankingAndTheMethodTypeNameTheirFields() {
    Session session = Shopper.open(TestMerchants.create(), "txv-m-1");
    JsonPath noVpa =
        refused(session, TxnsCalls.fields("payment_method_type", "UPI", "txn_type", "UPI_COLLECT"));
    assertThat(fieldNames(noVpa)).containsExactly("upi_vpa");
    assertThat(
            fieldNames(
                refused(
                    session,
                    TxnsCalls.fields("payment_method_type", "NB", "payment_method", "NB_MOON"))))
        .containsExactly("payment_method");
    assertThat(
            fieldNames(
                refused(
                    session,
                    TxnsCalls.fields(
                        "payment_method_type", "WALLET", "payment_method", "GOLDCOIN"))))
        .containsExactly("payment_method");
    assertThat(fieldNames(refused(session, TxnsCalls.fields("payment_method", "NB_HDFC"))))
        .containsExactly("payment_method_type");
    // Nothing was attempted.
    assertThat(orderStatus(session).getString("status")).isEqualTo("NEW");
  }

  @Test
  void anOrderAlreadyPaidOrExpiredIsRefusedWithTheReason() throws SQLException {
    Merchant merchant = TestMerchants.create();
    Session paid = Shopper.open(merchant, "txv-paid-1");
    Map<String, String> upi =
        TxnsCalls.fields(
            "payment_method_type", "UPI", "txn_type", "UPI_COLLECT", "upi_vpa", "success@upi");
    assertThat(TxnsCalls.json(paid, upi).getString("status")).isEqualTo("CHARGED");
    JsonPath again = refused(paid, upi);
    assertThat(again.getString("error_message"))
        .isEqualTo("Order txv-paid-1 is already paid (CHARGED)");
    assertThat(again.getString("error_info.code")).isEqualTo("INVALID_ACTION");

    Session expired = Shopper.open(merchant, "txv-exp-1");
    Shopper.expire(dataSource, expired);
    assertThat(refused(expired, upi).getString("error_message"))
        .isEqualTo("Order txv-exp-1 has expired");
  }

  @Test
  void anAmountThatIsNotTheOrdersIsRefusedAndAMissingOrderIsNamed() {
    Session session = Shopper.open(TestMerchants.create(), "txv-amt-1");
    Map<String, String> wrong =
        TxnsCalls.fields(
            "payment_method_type", "NB", "payment_method", "NB_AXIS", "amount", "2.00");
    JsonPath mismatch = refused(session, wrong);
    assertThat(fieldNames(mismatch)).containsExactly("amount");
    assertThat(mismatch.getString("error_message")).contains("1.00 INR");
    assertThat(orderStatus(session).getString("status")).isEqualTo("NEW");

    Map<String, String> same =
        TxnsCalls.fields(
            "payment_method_type", "NB", "payment_method", "NB_AXIS", "amount", "1.00");
    assertThat(TxnsCalls.json(session, same).getString("status")).isEqualTo("PENDING_VBV");

    Response unknown =
        TxnsCalls.post(
            session.merchant(),
            TxnsCalls.fields(
                "order_id",
                "txv-nobody",
                "payment_method_type",
                "NB",
                "payment_method",
                "NB_AXIS",
                "format",
                "json"));
    assertThat(unknown.statusCode()).isEqualTo(404);
    Response noOrder =
        TxnsCalls.post(
            session.merchant(),
            TxnsCalls.fields("payment_method_type", "NB", "payment_method", "NB_AXIS"));
    assertThat(noOrder.statusCode()).isEqualTo(400);
    assertThat(noOrder.jsonPath().getList("error_info.fields.field_name"))
        .containsExactly("order_id");
  }

  @Test
  void aJsonBodyPaysAsAFormDoes() {
    Session session = Shopper.open(TestMerchants.create(), "txv-json-1");
    Response response =
        io.restassured.RestAssured.given()
            .header("Authorization", TestMerchants.basicWithColon(session.merchant().apiKey()))
            .header("x-merchantid", session.merchant().merchantId())
            .contentType(io.restassured.http.ContentType.JSON)
            .body(
                "{\"order_id\":\"txv-json-1\",\"payment_method_type\":\"UPI\","
                    + "\"txn_type\":\"UPI_COLLECT\",\"upi_vpa\":\"success@upi\",\"format\":\"json\","
                    + "\"redirect_after_payment\":true}")
            .post("/txns");
    assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
    assertThat(response.jsonPath().getString("status")).isEqualTo("CHARGED");
    assertThat(orderStatus(session).getString("status")).isEqualTo("CHARGED");
  }
}
