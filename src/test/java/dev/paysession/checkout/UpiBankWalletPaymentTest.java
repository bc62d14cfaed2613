package dev.paysession.checkout;

import static dev.paysession.checkout.Shopper.assertReturnedWith;
import static dev.paysession.checkout.Shopper.challengeAction;
import static dev.paysession.checkout.Shopper.isAttemptPage;
import static dev.paysession.checkout.Shopper.orderStatus;
import static dev.paysession.checkout.Shopper.post;
import static dev.paysession.checkout.Shopper.seeOther;
import static org.assertj.core.api.Assertions.assertThat;

import dev.paysession.TestMerchants;
import dev.paysession.checkout.Shopper.Session;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** UPI collect, net banking and wallets on the hosted page. */
@QuarkusTest
class UpiBankWalletPaymentTest {

  @ParameterizedTest
  @CsvSource({
    "success@upi, CHARGED, 21",
    "failure@upi, AUTHORIZATION_FAILED, 27",
    "decline@upi, AUTHENTICATION_FAILED, 26",
    "someone@okbank, JUSPAY_DECLINED, 22"
  })
  void aUpiCollectEndsAtTheReturnUrl(String vpa, String status, int statusId) {
    Session session = Shopper.open(TestMerchants.create(), TestMerchants.uniqueId("upi"));
    String redirect = seeOther(post(session.pagePath() + "/upi", "vpa", vpa));

    assertReturnedWith(session, redirect, status, statusId);
    JsonPath order = orderStatus(session);
    assertThat(order.getString("status")).isEqualTo(status);
    assertThat(order.getInt("status_id")).isEqualTo(statusId);
    assertThat(order.getString("payment_method_type")).isEqualTo("UPI");
    assertThat(order.getString("upi.payer_vpa")).isEqualTo(vpa);
    assertThat(order.getString("upi.txn_flow_type")).isEqualTo("COLLECT");
    assertThat(order.getString("txn_id")).endsWith("-" + session.orderId() + "-1");
  }

  @Test
  void aVpaIsReadWithoutCaseOrSurroundingSpaces() {
    Session session = Shopper.open(TestMerchants.create(), "upi-case-1");
    String redirect = seeOther(post(session.pagePath() + "/upi", "vpa", "  Success@UPI "));
    assertReturnedWith(session, redirect, "CHARGED", 21);
    assertThat(orderStatus(session).getString("upi.payer_vpa")).isEqualTo("success@upi");
  }

  @Test
  void aMalformedVpaShowsThePageAgainWithTheError() {
    Session session = Shopper.open(TestMerchants.create(), "upi-bad-1");
    Response response = post(session.pagePath() + "/upi", "vpa", "not a vpa");
    assertThat(response.statusCode()).isEqualTo(400);
    String html = response.asString();
    assertThat(Shopper.errors(html)).containsExactly("Enter a UPI ID such as name@bank");
    // The UPI section is the open one, with what the customer typed.
    assertThat(html)
        .containsPattern("id=\"method-upi\"\\s+open")
        .doesNotContainPattern("id=\"method-card\"\\s+open")
        .contains("value=\"not a vpa\"");
    assertThat(orderStatus(session).getString("status")).isEqualTo("NEW");

    Response empty = post(session.pagePath() + "/upi");
    assertThat(empty.statusCode()).isEqualTo(400);
    assertThat(Shopper.errors(empty.asString()))
        .containsExactly("Enter a UPI ID such as name@bank");
  }

  @Test
  void netBankingApprovedIsCharged() {
    Session session = Shopper.open(TestMerchants.create(), "nb-ok-1");
    String attempt = seeOther(post(session.pagePath() + "/netbanking", "bank", "NB_HDFC"));
    assertThat(isAttemptPage(session, attempt)).isTrue();
    Response bankPage = Shopper.get(Shopper.path(attempt));
    assertThat(bankPage.asString())
        .contains("HDFC Bank")
        .contains("value=\"approve\"")
        .contains("value=\"decline\"");
    String redirect = seeOther(post(challengeAction(attempt), "decision", "approve"));

    assertReturnedWith(session, redirect, "CHARGED", 21);
    JsonPath order = orderStatus(session);
    assertThat(order.getString("payment_method_type")).isEqualTo("NB");
    assertThat(order.getString("payment_method")).isEqualTo("NB_HDFC");
  }

  @Test
  void netBankingDeclinedFailsAuthentication() {
    Session session = Shopper.open(TestMerchants.create(), "nb-no-1");
    String attempt = seeOther(post(session.pagePath() + "/netbanking", "bank", "NB_SBI"));
    String redirect = seeOther(post(challengeAction(attempt), "decision", "decline"));
    assertReturnedWith(session, redirect, "AUTHENTICATION_FAILED", 26);
    assertThat(orderStatus(session).getString("status")).isEqualTo("AUTHENTICATION_FAILED");
  }

  @Test
  void anUnlistedBankOrWalletIsRefusedOnThePage() {
    Session session = Shopper.open(TestMerchants.create(), "nb-bad-1");
    Response bank = post(session.pagePath() + "/netbanking", "bank", "NB_NOPE");
    assertThat(bank.statusCode()).isEqualTo(400);
    assertThat(Shopper.errors(bank.asString())).containsExactly("Choose a bank from the list");
    Response wallet = post(session.pagePath() + "/wallet", "wallet", "NOPE");
    assertThat(wallet.statusCode()).isEqualTo(400);
    assertThat(Shopper.errors(wallet.asString())).containsExactly("Choose a wallet from the list");
    assertThat(orderStatus(session).getString("status")).isEqualTo("NEW");
  }

  @Test
  void aWalletApprovedIsCharged() {
    Session session = Shopper.open(TestMerchants.create(), "wallet-ok-1");
    String attempt = seeOther(post(session.pagePath() + "/wallet", "wallet", "PAYTM"));
    assertThat(Shopper.get(Shopper.path(attempt)).asString()).contains("Paytm");
    String approve = challengeAction(attempt);
    String redirect = seeOther(post(approve, "decision", "approve"));

    assertReturnedWith(session, redirect, "CHARGED", 21);
    JsonPath order = orderStatus(session);
    assertThat(order.getString("payment_method_type")).isEqualTo("WALLET");
    assertThat(order.getString("payment_method")).isEqualTo("PAYTM");
    // Declining afterwards on the ended attempt changes nothing.
    assertThat(seeOther(post(approve, "decision", "decline"))).isEqualTo(redirect);
    assertThat(orderStatus(session).getString("status")).isEqualTo("CHARGED");
  }
}
