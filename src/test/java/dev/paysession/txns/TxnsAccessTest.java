package dev.paysession.txns;

import static dev.paysession.checkout.Shopper.orderStatus;
import static org.assertj.core.api.Assertions.assertThat;

import dev.paysession.MovableClock;
import dev.paysession.TestMerchants;
import dev.paysession.TestMerchants.Merchant;
import dev.paysession.checkout.Shopper;
import dev.paysession.checkout.Shopper.Session;
import dev.paysession.mandate.DebitFixtures;
import dev.paysession.mandate.MandateRecord;
import dev.paysession.order.OrderDetails.AmountRule;
import dev.paysession.order.OrderDetails.Frequency;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Who may call {@code POST /txns}: the merchant's key for its own orders, or an order's client auth
 * token for that order's payments only; mandate debits and order creation need the key. Also the
 * mandate debit's authentication URL, which is served.
 */
@QuarkusTest
class TxnsAccessTest {

  @Inject MovableClock clock;
  @Inject DebitFixtures fixtures;

  private static Map<String, String> netBanking(Session session) {
    return TxnsCalls.fields(
        "order_id", session.orderId(),
        "payment_method_type", "NB",
        "payment_method", "NB_ICICI",
        "format", "json");
  }

  @Test
  void theOrdersClientAuthTokenPaysThatOrder() {
    Session session = Shopper.open(TestMerchants.create(), "txa-tok-1");
    Response answer = TxnsCalls.withToken(session.clientAuthToken(), netBanking(session));
    assertThat(answer.statusCode()).as(answer.asString()).isEqualTo(200);
    assertThat(answer.jsonPath().getString("order_id")).isEqualTo("txa-tok-1");
    assertThat(answer.jsonPath().getString("status")).isEqualTo("PENDING_VBV");
    assertThat(orderStatus(session).getString("payment_method")).isEqualTo("NB_ICICI");

    // The token may come as a field of the body too, as a browser form sends it.
    Session second = Shopper.open(TestMerchants.create(), "txa-tok-2");
    Map<String, String> body = netBanking(second);
    body.put("client_auth_token", second.clientAuthToken());
    Response inBody =
        io.restassured.RestAssured.given()
            .redirects()
            .follow(false)
            .contentType(io.restassured.http.ContentType.URLENC)
            .formParams(body)
            .post("/txns");
    assertThat(inBody.statusCode()).as(inBody.asString()).isEqualTo(200);
  }

  @Test
  void aTokenCannotPayAnotherOrderOrDebitAMandate() {
    Merchant merchant = TestMerchants.create();
    Session mine = Shopper.open(merchant, "txa-own-1");
    Session other = Shopper.open(merchant, "txa-own-2");
    Response otherOrder = TxnsCalls.withToken(mine.clientAuthToken(), netBanking(other));
    assertThat(otherOrder.statusCode()).isEqualTo(401);
    assertThat(otherOrder.jsonPath().getString("error_code")).isEqualTo("access_denied");
    assertThat(orderStatus(other).getString("status")).isEqualTo("NEW");

    Response forged = TxnsCalls.withToken("tkn_" + "0".repeat(32), netBanking(mine));
    assertThat(forged.statusCode()).isEqualTo(401);

    Response debit =
        TxnsCalls.withToken(
            mine.clientAuthToken(),
            TxnsCalls.fields(
                "order_id", mine.orderId(),
                "mandate_id", "m123",
                "order.order_id", "txa-debit-1",
                "order.amount", "10.00",
                "format", "json"));
    assertThat(debit.statusCode()).isEqualTo(401);
    assertThat(debit.jsonPath().getString("error_info.developer_message"))
        .contains("merchant's API key");
  }

  @Test
  void withoutAnyCredentialTheCallIsRefused() {
    Session session = Shopper.open(TestMerchants.create(), "txa-none-1");
    Response response =
        io.restassured.RestAssured.given()
            .contentType(io.restassured.http.ContentType.URLENC)
            .formParams(netBanking(session))
            .post("/txns");
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.jsonPath().getString("error_info.developer_message"))
        .contains("client auth token");
    assertThat(orderStatus(session).getString("status")).isEqualTo("NEW");
  }

  @Test
  void anotherMerchantsOrderIsNotFound() {
    Session theirs = Shopper.open(TestMerchants.create(), "txa-x-1");
    Merchant intruder = TestMerchants.create();
    Map<String, String> body = netBanking(theirs);
    Response response = TxnsCalls.post(intruder, body);
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.jsonPath().getString("status")).isEqualTo("NOT_FOUND");
    assertThat(orderStatus(theirs).getString("status")).isEqualTo("NEW");

    // Naming another merchant_id than the key's is refused by name.
    Session own = Shopper.open(intruder, "txa-x-2");
    Map<String, String> wrongId = netBanking(own);
    wrongId.put("merchant_id", theirs.merchant().merchantId());
    Response mismatch = TxnsCalls.post(intruder, wrongId);
    assertThat(mismatch.statusCode()).isEqualTo(400);
    assertThat(mismatch.jsonPath().getList("error_info.fields.field_name"))
        .containsExactly("merchant_id");
  }

  @Test
  void orderFieldsForAPaymentAreRefusedWithTheWayToDoIt() {
    Merchant merchant = TestMerchants.create();
    Response response =
        TxnsCalls.post(
            merchant,
            TxnsCalls.fields(
                "order.order_id", "txa-one-1",
                "order.amount", "10.00",
                "payment_method_type", "NB",
                "payment_method", "NB_HDFC",
                "format", "json"));
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.jsonPath().getString("error_message")).contains("POST /session");
  }

  @Test
  void aMandateDebitsAuthenticationUrlShowsTheScheduledDebit() throws Exception {
    Merchant merchant = TestMerchants.create();
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    MandateRecord mandate =
        fixtures.active(
            merchant,
            "txa-cust-1",
            new DebitFixtures.Spec(
                "UPI",
                "20000",
                AmountRule.VARIABLE,
                Frequency.ASPRESENTED,
                Optional.empty(),
                Optional.empty()),
            now,
            now);
    Response debit =
        TxnsCalls.post(
            merchant,
            TxnsCalls.fields(
                "order.order_id", TestMerchants.uniqueId("txd"),
                "order.amount", "100.00",
                "order.customer_id", "txa-cust-1",
                "mandate_id", mandate.mandateId(),
                "merchant_id", merchant.merchantId()));
    // A debit answers JSON even without format=json: there is no customer step to redirect to.
    assertThat(debit.statusCode()).as(debit.asString()).isEqualTo(200);
    String url = debit.jsonPath().getString("payment.authentication.url");
    String uuid = debit.jsonPath().getString("txn_uuid");
    assertThat(URI.create(url).getPath())
        .isEqualTo("/v2/pay/finish/" + merchant.merchantId() + "/" + uuid);

    Response page = Shopper.get(URI.create(url).getPath());
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.asString()).contains("Debit scheduled").contains(">PENDING_VBV<");
    // The start address of a debit leads to the same page.
    assertThat(
            Shopper.path(
                Shopper.seeOther(
                    Shopper.get("/v2/pay/start/" + merchant.merchantId() + "/" + uuid))))
        .isEqualTo(URI.create(url).getPath());
    // Another merchant's id in the address finds nothing.
    Merchant other = TestMerchants.create();
    assertThat(Shopper.get("/v2/pay/finish/" + other.merchantId() + "/" + uuid).statusCode())
        .isEqualTo(404);
    assertThat(
            Shopper.get("/v2/pay/start/" + merchant.merchantId() + "/" + "f".repeat(32))
                .statusCode())
        .isEqualTo(404);
  }
}
