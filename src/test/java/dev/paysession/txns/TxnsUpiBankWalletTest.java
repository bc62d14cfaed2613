package dev.paysession.txns;

import static dev.paysession.checkout.Shopper.assertReturnedWith;
import static dev.paysession.checkout.Shopper.orderStatus;
import static dev.paysession.checkout.Shopper.seeOther;
import static org.assertj.core.api.Assertions.assertThat;

import dev.paysession.TestMerchants;
import dev.paysession.TestMerchants.Merchant;
import dev.paysession.checkout.Shopper;
import dev.paysession.checkout.Shopper.Session;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * UPI collect, UPI intent, net banking and wallets through {@code POST /txns}, with the hosted
 * page's sandbox outcomes.
 */
@QuarkusTest
class TxnsUpiBankWalletTest {

  private static final Pattern DECISION_ACTION =
      Pattern.compile("action=\"(/orders/[^\"]+/attempts/[0-9a-f]{32}/authenticate)\"");

  private static Map<String, String> collect(String vpa) {
    return TxnsCalls.fields(
        "payment_method_type", "UPI",
        "payment_method", "UPI",
        "txn_type", "UPI_COLLECT",
        "upi_vpa", vpa);
  }

  /** Opens the bank's (or wallet's, or UPI app's) sandbox page and presses a button. */
  private static String decide(String authenticationUrl, String decision, String shows) {
    String attempt = TxnsCalls.attemptPage(authenticationUrl);
    Response page = Shopper.get(attempt);
    assertThat(page.statusCode()).as(page.asString()).isEqualTo(200);
    assertThat(page.asString()).contains(shows).contains("value=\"approve\"");
    Matcher action = DECISION_ACTION.matcher(page.asString());
    assertThat(action.find()).isTrue();
    return seeOther(Shopper.post(action.group(1), "decision", decision));
  }

  @Test
  void aUpiCollectSettlesAsTheSandboxSaysAndTheUrlShowsTheOutcome() {
    Session charged = Shopper.open(TestMerchants.create(), "txu-ok-1");
    JsonPath answer = TxnsCalls.json(charged, collect("success@upi"));
    assertThat(answer.getString("status")).isEqualTo("CHARGED");
    JsonPath status = orderStatus(charged);
    assertThat(status.getString("status")).isEqualTo("CHARGED");
    assertThat(status.getString("payment_method_type")).isEqualTo("UPI");
    assertThat(status.getString("upi.payer_vpa")).isEqualTo("success@upi");
    assertThat(TxnsCalls.events(charged)).contains("TXN_CHARGED", "ORDER_SUCCEEDED");
    // Following the URL afterwards gives the customer the signed outcome.
    String attempt = TxnsCalls.attemptPage(answer.getString("payment.authentication.url"));
    assertReturnedWith(charged, seeOther(Shopper.get(attempt)), "CHARGED", 21);

    Session failed = Shopper.open(TestMerchants.create(), "txu-fail-1");
    assertThat(TxnsCalls.json(failed, collect("failure@upi")).getString("status"))
        .isEqualTo("AUTHORIZATION_FAILED");
    assertThat(orderStatus(failed).getString("status")).isEqualTo("AUTHORIZATION_FAILED");
  }

  @Test
  void aPendingUpiCollectWaitsOnItsAttemptPage() {
    Session session = Shopper.open(TestMerchants.create(), "txu-pend-1");
    JsonPath answer = TxnsCalls.json(session, collect("pending@upi"));
    assertThat(answer.getString("status")).isEqualTo("AUTHORIZING");
    assertThat(orderStatus(session).getString("status")).isEqualTo("AUTHORIZING");
    Response page =
        Shopper.get(TxnsCalls.attemptPage(answer.getString("payment.authentication.url")));
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.asString()).contains("Waiting for your bank");

    // A second request while the first waits in the customer's app could debit twice: refused.
    Response second = TxnsCalls.post(session, collect("success@upi"));
    assertThat(second.statusCode()).as(second.asString()).isEqualTo(400);
    assertThat(second.jsonPath().getString("error_info.code")).isEqualTo("INVALID_ACTION");
    assertThat(second.jsonPath().getString("error_message")).contains("still waiting");
    assertThat(orderStatus(session).getString("txn_uuid")).isEqualTo(answer.getString("txn_uuid"));
  }

  @Test
  void aUpiIntentAnswersSdkParamsAndIsApprovedInTheSandboxsStandInForTheApp() {
    Merchant merchant = TestMerchants.createWithUpi();
    Session session = Shopper.open(merchant, "txu-int-1");
    JsonPath answer =
        TxnsCalls.json(
            session,
            TxnsCalls.fields(
                "payment_method_type", "UPI",
                "payment_method", "UPI",
                "txn_type", "UPI_PAY",
                "sdk_params", "true"));
    assertThat(answer.getString("status")).isEqualTo("PENDING_VBV");
    assertThat(answer.getMap("payment.sdk_params"))
        .containsEntry("tr", answer.getString("txn_uuid"))
        .containsEntry("merchant_vpa", TestMerchants.UPI_VPA)
        .containsEntry("merchant_name", TestMerchants.UPI_NAME)
        .containsEntry("amount", "1.00"); // the seed sample's "1.0", at INR's two decimals

    String redirect = decide(answer.getString("payment.authentication.url"), "approve", "UPI");
    assertReturnedWith(session, redirect, "CHARGED", 21);
    assertThat(orderStatus(session).getString("payment_method_type")).isEqualTo("UPI");

    // Without sdk_params the answer has none; a merchant without UPI payee details cannot.
    Session plain = Shopper.open(merchant, "txu-int-2");
    assertThat(
            TxnsCalls.json(
                    plain, TxnsCalls.fields("payment_method_type", "UPI", "txn_type", "UPI_PAY"))
                .getMap("payment"))
        .doesNotContainKey("sdk_params");
    Session noPayee = Shopper.open(TestMerchants.create(), "txu-int-3");
    Response refused =
        TxnsCalls.post(
            noPayee,
            TxnsCalls.fields(
                "format",
                "json",
                "payment_method_type",
                "UPI",
                "txn_type",
                "UPI_PAY",
                "sdk_params",
                "true"));
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.jsonPath().getString("error_message")).contains("UPI payee details");
  }

  @Test
  void netBankingIsApprovedOrDeclinedOnTheBanksPage() {
    Session approved = Shopper.open(TestMerchants.create(), "txn-nb-1");
    JsonPath answer =
        TxnsCalls.json(
            approved, TxnsCalls.fields("payment_method_type", "NB", "payment_method", "NB_HDFC"));
    assertThat(answer.getString("status")).isEqualTo("PENDING_VBV");
    String redirect =
        decide(answer.getString("payment.authentication.url"), "approve", "HDFC Bank");
    assertReturnedWith(approved, redirect, "CHARGED", 21);
    assertThat(orderStatus(approved).getString("payment_method")).isEqualTo("NB_HDFC");

    Session declined = Shopper.open(TestMerchants.create(), "txn-nb-2");
    String url =
        TxnsCalls.json(
                declined, TxnsCalls.fields("payment_method_type", "NB", "payment_method", "NB_SBI"))
            .getString("payment.authentication.url");
    assertReturnedWith(
        declined, decide(url, "decline", "State Bank of India"), "AUTHENTICATION_FAILED", 26);
  }

  @Test
  void aWalletIsApprovedOnTheWalletsPage() {
    Session session = Shopper.open(TestMerchants.create(), "txn-wal-1");
    JsonPath answer =
        TxnsCalls.json(
            session,
            TxnsCalls.fields("payment_method_type", "WALLET", "payment_method", "MOBIKWIK"));
    String redirect = decide(answer.getString("payment.authentication.url"), "approve", "MobiKwik");
    assertReturnedWith(session, redirect, "CHARGED", 21);
    JsonPath status = orderStatus(session);
    assertThat(status.getString("payment_method_type")).isEqualTo("WALLET");
    assertThat(status.getString("payment_method")).isEqualTo("MOBIKWIK");
  }

  @Test
  void aRequiredMandateOrderRegistersItsMandateWithAUpiCollectButNotByNetBanking() {
    Merchant merchant = TestMerchants.create();
    Map<String, Object> order = merchant.body(TestMerchants.uniqueId("txm"));
    order.put("options.create_mandate", "REQUIRED");
    order.put("mandate.max_amount", "1000.00");
    Session session = Shopper.open(merchant, order);
    assertThat(TxnsCalls.json(session, collect("autopay@upi")).getString("status"))
        .isEqualTo("CHARGED");
    JsonPath status = orderStatus(session);
    assertThat(status.getString("mandate.mandate_status")).isEqualTo("ACTIVE");
    assertThat(status.getString("txn_detail.txn_object_type")).isEqualTo("EMANDATE_REGISTER");

    order.put("order_id", TestMerchants.uniqueId("txm"));
    Session other = Shopper.open(merchant, order);
    Response netBanking =
        TxnsCalls.post(
            other,
            TxnsCalls.fields(
                "format", "json", "payment_method_type", "NB", "payment_method", "NB_HDFC"));
    assertThat(netBanking.statusCode()).isEqualTo(400);
    assertThat(netBanking.jsonPath().getString("error_message"))
        .isEqualTo("Automatic payments can be set up with UPI or a card, not net banking");
    Response intent =
        TxnsCalls.post(
            other,
            TxnsCalls.fields(
                "format", "json", "payment_method_type", "UPI", "txn_type", "UPI_PAY"));
    assertThat(intent.statusCode()).isEqualTo(400);
    assertThat(intent.jsonPath().getString("error_message")).contains("registers a mandate");
    assertThat(orderStatus(other).getString("status")).isEqualTo("NEW");
  }
}
