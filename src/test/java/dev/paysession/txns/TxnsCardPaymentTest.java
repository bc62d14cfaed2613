package dev.paysession.txns;

import static dev.paysession.checkout.Shopper.assertReturnedWith;
import static dev.paysession.checkout.Shopper.challengeAction;
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
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Card payments through {@code POST /txns}: the answer, the authentication URL followed as a
 * browser follows it (the sandbox's 3-D Secure page), and the outcome in the redirect, the order
 * status and the webhooks, exactly as for a payment on the hosted page.
 */
@QuarkusTest
class TxnsCardPaymentTest {

  @Test
  void aCardPaidThroughItsAuthenticationUrlIsChargedAndRedirectsSigned() {
    Merchant merchant = TestMerchants.create();
    Session session = Shopper.open(merchant, "txc-ok-1");

    JsonPath answer = TxnsCalls.json(session, TxnsCalls.card(Shopper.VISA));
    assertThat(answer.getString("order_id")).isEqualTo("txc-ok-1");
    assertThat(answer.getString("txn_id")).isEqualTo(merchant.merchantId() + "-txc-ok-1-1");
    assertThat(answer.getString("txn_uuid")).matches("[0-9a-f]{32}");
    assertThat(answer.getString("status")).isEqualTo("PENDING_VBV");
    assertThat(answer.getString("payment.authentication.method")).isEqualTo("GET");
    String url = answer.getString("payment.authentication.url");
    assertThat(URI.create(url).getPath())
        .isEqualTo("/v2/pay/start/" + merchant.merchantId() + "/" + answer.getString("txn_uuid"));
    assertThat(answer.getMap("payment")).doesNotContainKey("sdk_params");
    // Before the customer authenticates, the order waits for them.
    assertThat(orderStatus(session).getString("status")).isEqualTo("PENDING_VBV");

    String challenge = challengeAction(TxnsCalls.attemptPage(url));
    String redirect = seeOther(Shopper.post(challenge, "code", Shopper.OTP));

    assertReturnedWith(session, redirect, "CHARGED", 21);
    JsonPath status = orderStatus(session);
    assertThat(status.getString("status")).isEqualTo("CHARGED");
    assertThat(status.getString("txn_id")).isEqualTo(answer.getString("txn_id"));
    assertThat(status.getString("txn_uuid")).isEqualTo(answer.getString("txn_uuid"));
    assertThat(status.getString("payment_method_type")).isEqualTo("CARD");
    assertThat(status.getString("payment_method")).isEqualTo("VISA");
    assertThat(status.getString("card.last_four_digits")).isEqualTo("1111");
    assertThat(TxnsCalls.events(session))
        .containsSubsequence("TXN_CREATED", "TXN_CHARGED", "ORDER_SUCCEEDED");
  }

  @Test
  void aWrongCodeFailsAuthenticationAndABankDeclineFailsAuthorization() {
    Session wrongCode = Shopper.open(TestMerchants.create(), "txc-otp-1");
    String url =
        TxnsCalls.json(wrongCode, TxnsCalls.card(Shopper.MASTERCARD))
            .getString("payment.authentication.url");
    String failed =
        seeOther(Shopper.post(challengeAction(TxnsCalls.attemptPage(url)), "code", "000000"));
    assertReturnedWith(wrongCode, failed, "AUTHENTICATION_FAILED", 26);
    assertThat(orderStatus(wrongCode).getString("status")).isEqualTo("AUTHENTICATION_FAILED");

    Session declined = Shopper.open(TestMerchants.create(), "txc-decl-1");
    String declinedUrl =
        TxnsCalls.json(declined, TxnsCalls.card(Shopper.DECLINED_BY_BANK))
            .getString("payment.authentication.url");
    String redirect =
        seeOther(
            Shopper.post(challengeAction(TxnsCalls.attemptPage(declinedUrl)), "code", Shopper.OTP));
    assertReturnedWith(declined, redirect, "AUTHORIZATION_FAILED", 27);
    assertThat(TxnsCalls.events(declined)).contains("TXN_FAILED", "ORDER_FAILED");
  }

  @Test
  void aPendingCardWaitsOnTheAttemptsPage() {
    Session session = Shopper.open(TestMerchants.create(), "txc-pend-1");
    String url =
        TxnsCalls.json(session, TxnsCalls.card(Shopper.PENDING_CARD))
            .getString("payment.authentication.url");
    String attempt = TxnsCalls.attemptPage(url);
    String waiting = seeOther(Shopper.post(challengeAction(attempt), "code", Shopper.OTP));
    assertThat(Shopper.path(waiting)).isEqualTo(attempt);
    Response page = Shopper.get(attempt);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.asString()).contains("Waiting for your bank");
    assertThat(orderStatus(session).getString("status")).isEqualTo("AUTHORIZING");
  }

  @Test
  void aCardTheSandboxDoesNotKnowIsDeclinedAtOnce() {
    Session session = Shopper.open(TestMerchants.create(), "txc-unk-1");
    JsonPath answer = TxnsCalls.json(session, TxnsCalls.card("4242424242424242"));
    assertThat(answer.getString("status")).isEqualTo("JUSPAY_DECLINED");
    // Following the URL still leads somewhere useful: the signed outcome.
    Response start =
        Shopper.get(URI.create(answer.getString("payment.authentication.url")).getPath());
    String attempt = seeOther(start);
    String redirect = seeOther(Shopper.get(Shopper.path(attempt)));
    assertReturnedWith(session, redirect, "JUSPAY_DECLINED", 22);
  }

  @Test
  void withoutFormatJsonTheAnswerIsARedirectToTheAuthenticationUrl() {
    Merchant merchant = TestMerchants.create();
    Session session = Shopper.open(merchant, "txc-302-1");
    Response response = TxnsCalls.post(session, TxnsCalls.card(Shopper.VISA));
    assertThat(response.statusCode()).isEqualTo(302);
    String location = response.header("Location");
    assertThat(URI.create(location).getPath())
        .startsWith("/v2/pay/start/" + merchant.merchantId() + "/");
    assertThat(response.header("Cache-Control")).isEqualTo("no-store");

    String redirect =
        seeOther(
            Shopper.post(challengeAction(TxnsCalls.attemptPage(location)), "code", Shopper.OTP));
    assertReturnedWith(session, redirect, "CHARGED", 21);
  }

  @Test
  void redirectAfterPaymentFalseLandsOnTheFinishPageNotTheReturnUrl() {
    Merchant merchant = TestMerchants.create();
    Session session = Shopper.open(merchant, "txc-fin-1");
    Map<String, String> fields = TxnsCalls.card(Shopper.VISA);
    fields.put("redirect_after_payment", "false");
    JsonPath answer = TxnsCalls.json(session, fields);
    String uuid = answer.getString("txn_uuid");
    String finish = "/v2/pay/finish/" + merchant.merchantId() + "/" + uuid;
    // Before authentication, the finish page sends the customer back to the challenge.
    String attempt = TxnsCalls.attemptPage(answer.getString("payment.authentication.url"));
    assertThat(Shopper.path(seeOther(Shopper.get(finish)))).isEqualTo(attempt);

    String landed = seeOther(Shopper.post(challengeAction(attempt), "code", Shopper.OTP));
    assertThat(Shopper.path(landed)).isEqualTo(finish);
    Response page = Shopper.get(finish);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.asString()).contains("Payment successful").contains(">CHARGED<");
    assertThat(page.header("Cache-Control")).isEqualTo("no-store");
    assertThat(orderStatus(session).getString("status")).isEqualTo("CHARGED");
    // Coming back to the attempt later lands there again.
    assertThat(Shopper.path(seeOther(Shopper.get(attempt)))).isEqualTo(finish);

    // redirect_after_payment=true (the default) is the return URL, as on the page.
    Session other = Shopper.open(merchant, "txc-fin-2");
    Map<String, String> redirecting = TxnsCalls.card(Shopper.VISA);
    redirecting.put("redirect_after_payment", "true");
    String otherUrl = TxnsCalls.json(other, redirecting).getString("payment.authentication.url");
    String redirect =
        seeOther(
            Shopper.post(challengeAction(TxnsCalls.attemptPage(otherUrl)), "code", Shopper.OTP));
    assertReturnedWith(other, redirect, "CHARGED", 21);
  }

  @Test
  void aCardSavedToTheLockerPaysTheNextOrderByItsToken() {
    Merchant merchant = TestMerchants.create();
    Session first = Shopper.open(merchant, "txc-save-1");
    Map<String, String> saving = TxnsCalls.card(Shopper.MASTERCARD);
    saving.put("save_to_locker", "true");
    String url = TxnsCalls.json(first, saving).getString("payment.authentication.url");
    seeOther(Shopper.post(challengeAction(TxnsCalls.attemptPage(url)), "code", Shopper.OTP));
    assertThat(orderStatus(first).getString("status")).isEqualTo("CHARGED");

    Session second = Shopper.open(merchant, "txc-save-2");
    Response methods =
        Shopper.merchantGet(merchant, "/orders/" + second.orderId() + "/payment-methods");
    assertThat(methods.statusCode()).as(methods.asString()).isEqualTo(200);
    String token = methods.jsonPath().getString("saved_cards[0].card_token");
    assertThat(methods.jsonPath().getString("saved_cards[0].last_four_digits")).isEqualTo("4444");

    JsonPath answer =
        TxnsCalls.json(
            second,
            TxnsCalls.fields(
                "payment_method_type", "CARD", "card_token", token, "card_security_code", "123"));
    assertThat(answer.getString("status")).isEqualTo("PENDING_VBV");
    String redirect =
        seeOther(
            Shopper.post(
                challengeAction(
                    TxnsCalls.attemptPage(answer.getString("payment.authentication.url"))),
                "code",
                Shopper.OTP));
    assertReturnedWith(second, redirect, "CHARGED", 21);
    assertThat(orderStatus(second).getBoolean("card.using_saved_card")).isTrue();

    // A token of nobody's saved cards is refused by name.
    Session third = Shopper.open(merchant, "txc-save-3");
    Response refused =
        TxnsCalls.post(
            third,
            TxnsCalls.fields(
                "format",
                "json",
                "payment_method_type",
                "CARD",
                "card_token",
                "ctkn_nope",
                "card_security_code",
                "123"));
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.jsonPath().getList("error_info.fields.field_name"))
        .containsExactly("card_token");
  }
}
