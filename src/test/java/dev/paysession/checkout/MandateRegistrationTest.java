package dev.paysession.checkout;

import static dev.paysession.checkout.Shopper.assertReturnedWith;
import static dev.paysession.checkout.Shopper.challengeAction;
import static dev.paysession.checkout.Shopper.get;
import static dev.paysession.checkout.Shopper.orderStatus;
import static dev.paysession.checkout.Shopper.outcome;
import static dev.paysession.checkout.Shopper.path;
import static dev.paysession.checkout.Shopper.post;
import static dev.paysession.checkout.Shopper.seeOther;
import static org.assertj.core.api.Assertions.assertThat;

import dev.paysession.TestMerchants;
import dev.paysession.TestMerchants.Merchant;
import dev.paysession.checkout.Shopper.Session;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Registering a mandate on the hosted page (issue 14): which instruments each kind of mandate order
 * takes, the registration attempt's type, the mandate's status in the redirect, the order status
 * and the MANDATE_* webhooks.
 */
@QuarkusTest
class MandateRegistrationTest {

  static final String ACCOUNTS =
      "[{\"bank_account_number\":\"50100000000001\",\"bank_ifsc\":\"HDFC0000001\","
          + "\"bank_beneficiary_name\":\"Asha Rao\"},"
          + "{\"bank_account_number\":\"50100000000002\",\"bank_ifsc\":\"HDFC0000001\","
          + "\"bank_beneficiary_name\":\"Asha Rao\"}]";

  /** A session registering a mandate: {@code create} REQUIRED or OPTIONAL, then extra keys. */
  static Session mandateOrder(Merchant merchant, String create, String... keyValues) {
    Map<String, Object> body = merchant.body(TestMerchants.uniqueId("md"));
    body.put("options.create_mandate", create);
    body.put("mandate.max_amount", "1000.00");
    for (int i = 0; i < keyValues.length; i += 2) {
      body.put(keyValues[i], keyValues[i + 1]);
    }
    return Shopper.open(merchant, body);
  }

  static Session enachOrder(Merchant merchant, String... keyValues) {
    Map<String, Object> body = merchant.body(TestMerchants.uniqueId("en"));
    body.put("action", "enach");
    body.put("service", "in.juspay.ec");
    body.put("mandate.max_amount", "5000.00");
    for (int i = 0; i < keyValues.length; i += 2) {
      body.put(keyValues[i], keyValues[i + 1]);
    }
    return Shopper.open(merchant, body);
  }

  /** The names of the order's webhook events, in the outbox's order. */
  static List<String> eventNames(Session session) {
    Response response =
        TestMerchants.admin()
            .get(
                "/admin/merchants/"
                    + session.merchant().merchantId()
                    + "/orders/"
                    + session.orderId()
                    + "/webhooks");
    assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
    return response.jsonPath().getList("events.event_name");
  }

  static List<String> mandateAndOrderEvents(Session session) {
    return eventNames(session).stream()
        .filter(name -> name.startsWith("MANDATE_") || name.startsWith("ORDER_"))
        .toList();
  }

  /** The redirect, the order status and the webhooks agree on the mandate; returns its id. */
  static String assertMandate(
      Session session, String redirect, String mandateStatus, String objectType) {
    Map<String, String> query = outcome(redirect);
    JsonPath order = orderStatus(session);
    assertThat(order.getString("mandate.mandate_status")).isEqualTo(mandateStatus);
    assertThat(query)
        .containsEntry("mandate_id", order.getString("mandate.mandate_id"))
        .containsEntry("mandate_token", order.getString("mandate.mandate_token"))
        .containsEntry("mandate_status", mandateStatus);
    assertThat(order.getString("txn_detail.txn_object_type")).isEqualTo(objectType);
    assertThat(order.getString("txn_detail.source_object")).isEqualTo("MANDATE");
    assertThat(order.getString("txn_detail.source_object_id"))
        .isEqualTo(order.getString("mandate.mandate_id"));
    return order.getString("mandate.mandate_id");
  }

  // --- UPI AutoPay -------------------------------------------------------------------------

  @Test
  void aRequiredMandateRegistersWithUpiCollectAndActivates() {
    Session session = mandateOrder(TestMerchants.create(), "REQUIRED");
    String redirect = seeOther(post(session.pagePath() + "/upi", "vpa", "autopay@upi"));

    assertReturnedWith(session, redirect, "CHARGED", 21);
    assertMandate(session, redirect, "ACTIVE", "EMANDATE_REGISTER");
    assertThat(orderStatus(session).getString("mandate.mandate_type")).isEqualTo("EMANDATE");
    assertThat(mandateAndOrderEvents(session))
        .containsExactly("MANDATE_CREATED", "ORDER_SUCCEEDED", "MANDATE_ACTIVATED");
  }

  @Test
  void aUpiIdThatDeclinesAutoPayFailsTheMandate() {
    Session session = mandateOrder(TestMerchants.create(), "REQUIRED");
    String redirect = seeOther(post(session.pagePath() + "/upi", "vpa", "noautopay@upi"));

    assertReturnedWith(session, redirect, "AUTHORIZATION_FAILED", 27);
    assertMandate(session, redirect, "FAILURE", "EMANDATE_REGISTER");
    assertThat(orderStatus(session).getString("bank_error_code")).isEqualTo("FAILURE_MANDATE");
    assertThat(mandateAndOrderEvents(session))
        .containsExactly("MANDATE_CREATED", "ORDER_FAILED", "MANDATE_FAILED");
  }

  @Test
  void aPendingRegistrationLeavesTheMandateCreated() {
    Session session = mandateOrder(TestMerchants.create(), "REQUIRED");
    String attempt = seeOther(post(session.pagePath() + "/upi", "vpa", "pending@upi"));
    assertThat(Shopper.isAttemptPage(session, attempt)).as(attempt).isTrue();

    // "A transaction can be CHARGED while the mandate is still CREATED": here it is not even
    // charged yet, and the mandate waits with it.
    JsonPath order = orderStatus(session);
    assertThat(order.getString("status")).isEqualTo("AUTHORIZING");
    assertThat(order.getString("mandate.mandate_status")).isEqualTo("CREATED");
    assertThat(mandateAndOrderEvents(session)).containsExactly("MANDATE_CREATED");
  }

  @Test
  void aRequiredMandateOffersOnlyUpiAndCards() {
    Session session = mandateOrder(TestMerchants.create(), "REQUIRED");
    String html = get(session.pagePath()).asString();
    assertThat(html)
        .contains("id=\"method-upi\"", "id=\"method-card\"", "id=\"mandate-terms\"")
        .doesNotContain("id=\"method-nb\"", "id=\"method-wallet\"", "name=\"create_mandate\"");

    Response bank = post(session.pagePath() + "/netbanking", "bank", "NB_HDFC");
    assertThat(bank.statusCode()).isEqualTo(400);
    assertThat(Shopper.errors(bank.asString()))
        .containsExactly("Automatic payments can be set up with UPI or a card, not net banking");
    Response wallet = post(session.pagePath() + "/wallet", "wallet", "PAYTM");
    assertThat(wallet.statusCode()).isEqualTo(400);
    assertThat(Shopper.errors(wallet.asString()))
        .containsExactly("Automatic payments can be set up with UPI or a card, not a wallet");
    assertThat(orderStatus(session).getString("status")).isEqualTo("NEW");
    assertThat(eventNames(session)).isEmpty();
  }

  @Test
  void aRequiredMandatePageShowsTheAutoPayIntentInsteadOfThePayOne() {
    Session session = mandateOrder(TestMerchants.createWithUpi(), "REQUIRED");
    String html = get(session.pagePath()).asString();
    assertThat(html).contains("id=\"upi-autopay\"").doesNotContain("upi://pay?");
    assertThat(html)
        .containsPattern("href=\"upi://mandate\\?pa=paysession.test@sandbox&amp;pn=[^\"]+")
        .contains(
            "&amp;tr=" + session.orderId(),
            "&amp;am=1000.00&amp;cu=INR",
            "&amp;recur=ASPRESENTED&amp;amrule=MAX",
            "&amp;purpose=14&amp;mode=00&amp;orgid=000000");

    Session optional = mandateOrder(TestMerchants.createWithUpi(), "OPTIONAL");
    assertThat(get(optional.pagePath()).asString()).contains("upi://pay?", "upi://mandate?");
  }

  // --- OPTIONAL ----------------------------------------------------------------------------

  @Test
  void anOptionalMandateUncheckedIsAOneOffPayment() {
    Session session = mandateOrder(TestMerchants.create(), "OPTIONAL");
    String html = get(session.pagePath()).asString();
    assertThat(html).contains("name=\"create_mandate\"", "id=\"method-nb\"");

    String redirect = seeOther(post(session.pagePath() + "/upi", "vpa", "success@upi"));
    assertReturnedWith(session, redirect, "CHARGED", 21);
    assertThat(outcome(redirect)).doesNotContainKeys("mandate_id", "mandate_status");
    JsonPath order = orderStatus(session);
    assertThat(order.getMap("mandate")).isNull();
    // An ordinary payment carries no txn_object_type (TransactionView writes it for mandates).
    assertThat(order.getString("txn_detail.txn_object_type")).isNull();
    assertThat(mandateAndOrderEvents(session)).containsExactly("ORDER_SUCCEEDED");
  }

  @Test
  void anOptionalMandateCheckedRegistersACardMandateThrough3ds() {
    Session session = mandateOrder(TestMerchants.create(), "OPTIONAL");
    String attempt =
        seeOther(
            post(
                session.pagePath() + "/card",
                "card_number",
                Shopper.VISA,
                "card_exp",
                Shopper.futureExpiry(),
                "card_cvv",
                "123",
                "create_mandate",
                "true"));
    String challenge = get(path(attempt)).asString();
    assertThat(challenge).contains("id=\"mandate-terms\"");
    String redirect = seeOther(post(challengeAction(attempt), "code", Shopper.OTP));

    assertReturnedWith(session, redirect, "CHARGED", 21);
    assertMandate(session, redirect, "ACTIVE", "MANDATE_REGISTER");
    assertThat(orderStatus(session).getString("mandate.mandate_type")).isEqualTo("MANDATE");
    assertThat(mandateAndOrderEvents(session))
        .containsExactly("MANDATE_CREATED", "ORDER_SUCCEEDED", "MANDATE_ACTIVATED");
  }

  @Test
  void aCardThatRefusesMandatesFailsTheRegistrationButPaysAOneOff() {
    Session registering = mandateOrder(TestMerchants.create(), "REQUIRED");
    String failed = Shopper.payByCardWithCode(registering, "4000000000000101", Shopper.OTP);
    assertReturnedWith(registering, failed, "AUTHORIZATION_FAILED", 27);
    assertMandate(registering, failed, "FAILURE", "MANDATE_REGISTER");

    Session oneOff = mandateOrder(TestMerchants.create(), "OPTIONAL");
    String paid = Shopper.payByCardWithCode(oneOff, "4000000000000101", Shopper.OTP);
    assertReturnedWith(oneOff, paid, "CHARGED", 21);
    assertThat(outcome(paid)).doesNotContainKey("mandate_id");
  }

  // --- ONETIME -----------------------------------------------------------------------------

  @Test
  void aOneTimeMandateIsUpiOnly() {
    Session session =
        mandateOrder(TestMerchants.create(), "REQUIRED", "mandate.frequency", "ONETIME");
    String html = get(session.pagePath()).asString();
    assertThat(html).contains("id=\"method-upi\"").doesNotContain("id=\"method-card\"");
    assertThat(html).contains("is blocked in your account until");

    Response card = Shopper.payByCard(session, Shopper.VISA, false);
    assertThat(card.statusCode()).isEqualTo(400);
    assertThat(Shopper.errors(card.asString()))
        .containsExactly(
            "A one-time mandate blocks the funds in your bank account: set it up with UPI");

    String redirect = seeOther(post(session.pagePath() + "/upi", "vpa", "autopay@upi"));
    assertReturnedWith(session, redirect, "CHARGED", 21);
    assertMandate(session, redirect, "ACTIVE", "EMANDATE_REGISTER");
    JsonPath order = orderStatus(session);
    assertThat(order.getString("mandate.frequency")).isEqualTo("ONETIME");
    assertThat(order.getBoolean("mandate.block_fund")).isTrue();
  }

  @Test
  void anOptionalOneTimeMandateRefusesACardOnlyWhenChosen() {
    Session session =
        mandateOrder(TestMerchants.create(), "OPTIONAL", "mandate.frequency", "ONETIME");
    Response registering =
        post(
            session.pagePath() + "/card",
            "card_number",
            Shopper.VISA,
            "card_exp",
            Shopper.futureExpiry(),
            "card_cvv",
            "123",
            "create_mandate",
            "true");
    assertThat(registering.statusCode()).isEqualTo(400);
    assertThat(Shopper.errors(registering.asString()))
        .containsExactly(
            "A one-time mandate blocks the funds in your bank account: set it up with UPI");

    String paid = Shopper.payByCardWithCode(session, Shopper.VISA, Shopper.OTP);
    assertReturnedWith(session, paid, "CHARGED", 21);
    assertThat(outcome(paid)).doesNotContainKey("mandate_id");
  }

  // --- eNACH -------------------------------------------------------------------------------

  @Test
  void anEnachMandateRegistersATypedAccountThroughTheBanksPage() {
    Session session = enachOrder(TestMerchants.create());
    String html = get(session.pagePath()).asString();
    assertThat(html)
        .contains("id=\"method-enach\"", "name=\"account_number\"", "value=\"AADHAAR\"")
        .doesNotContain("id=\"method-card\"", "id=\"method-upi\"", "id=\"method-nb\"");

    String attempt =
        seeOther(
            post(
                session.pagePath() + "/enach",
                "account_number",
                "50100000000001",
                "ifsc",
                "hdfc0000001",
                "beneficiary_name",
                "Asha Rao",
                "auth_type",
                "NETBANKING"));
    String bankPage = get(path(attempt)).asString();
    assertThat(bankPage).contains("HDFC Bank", "Sets up an eNACH mandate");
    String redirect = seeOther(post(challengeAction(attempt), "decision", "approve"));

    assertReturnedWith(session, redirect, "CHARGED", 21);
    assertMandate(session, redirect, "ACTIVE", "EMANDATE_REGISTER");
    JsonPath order = orderStatus(session);
    assertThat(order.getString("payment_method_type")).isEqualTo("NB");
    assertThat(order.getString("payment_method")).isEqualTo("JP_HDFC");
    assertThat(order.getMap("mandate.bank_details"))
        .containsEntry("ifsc", "HDFC0000001")
        .containsEntry("beneficiary_name", "Asha Rao")
        .containsEntry("bank_name", "HDFC Bank")
        .containsEntry("account_number", "50100000000001");
    assertThat(mandateAndOrderEvents(session))
        .containsExactly("MANDATE_CREATED", "ORDER_SUCCEEDED", "MANDATE_ACTIVATED");
  }

  @Test
  void anEnachOrderTakesOnlyItsBankAccountFlow() {
    Session session = enachOrder(TestMerchants.create());
    Response card = Shopper.payByCard(session, Shopper.VISA, false);
    assertThat(card.statusCode()).isEqualTo(400);
    assertThat(Shopper.errors(card.asString()))
        .containsExactly(
            "This order sets up an eNACH mandate: authorise it from your bank account");

    Response typo =
        post(
            session.pagePath() + "/enach",
            "account_number",
            "12ab",
            "ifsc",
            "HDFC123",
            "beneficiary_name",
            "",
            "auth_type",
            "PIGEON");
    assertThat(typo.statusCode()).isEqualTo(400);
    assertThat(Shopper.errors(typo.asString()))
        .containsExactly(
            "Enter the account number (9 to 18 digits)",
            "Enter the branch IFSC (11 characters, such as HDFC0001234)",
            "Enter the name of the account holder",
            "Choose how to authorise the mandate");

    Session plain = Shopper.open(TestMerchants.create(), TestMerchants.uniqueId("pl"));
    Response enach =
        post(
            plain.pagePath() + "/enach",
            "account_number",
            "50100000000001",
            "ifsc",
            "HDFC0000001",
            "beneficiary_name",
            "Asha Rao",
            "auth_type",
            "AADHAAR");
    assertThat(enach.statusCode()).isEqualTo(400);
    assertThat(Shopper.errors(enach.asString()))
        .containsExactly("This order takes no eNACH mandate");
    assertThat(orderStatus(session).getString("status")).isEqualTo("NEW");
  }

  @Test
  void anEnachMandateTheCustomerDeclinesOrTheBankRefusesFails() {
    Session declined = enachOrder(TestMerchants.create());
    String attempt =
        seeOther(
            post(
                declined.pagePath() + "/enach",
                "account_number",
                "50100000000001",
                "ifsc",
                "SBIN0000001",
                "beneficiary_name",
                "Asha Rao",
                "auth_type",
                "DEBIT_CARD"));
    String redirect = seeOther(post(challengeAction(attempt), "decision", "decline"));
    assertReturnedWith(declined, redirect, "AUTHENTICATION_FAILED", 26);
    assertMandate(declined, redirect, "FAILURE", "EMANDATE_REGISTER");
    assertThat(orderStatus(declined).getString("payment_method")).isEqualTo("JP_SBI");

    Session refused = enachOrder(TestMerchants.create());
    String refusedAttempt =
        seeOther(
            post(
                refused.pagePath() + "/enach",
                "account_number",
                "50100000000002",
                "ifsc",
                "ICIC0000001",
                "beneficiary_name",
                "Asha Rao",
                "auth_type",
                "AADHAAR"));
    String refusedRedirect = seeOther(post(challengeAction(refusedAttempt), "decision", "approve"));
    assertReturnedWith(refused, refusedRedirect, "AUTHORIZATION_FAILED", 27);
    assertMandate(refused, refusedRedirect, "FAILURE", "EMANDATE_REGISTER");
  }

  @Test
  void anEnachOrderWithListedAccountsDebitsTheChosenOne() {
    Session session = enachOrder(TestMerchants.create(), "metadata.bank_account_details", ACCOUNTS);
    String html = get(session.pagePath()).asString();
    assertThat(html)
        .contains("name=\"account\" value=\"0\"", "Account ending 0002 (HDFC0000001)")
        .doesNotContain("name=\"account_number\"");

    Response none = post(session.pagePath() + "/enach", "account", "7", "auth_type", "NETBANKING");
    assertThat(none.statusCode()).isEqualTo(400);
    assertThat(Shopper.errors(none.asString()))
        .containsExactly("Choose one of the listed bank accounts");

    String attempt =
        seeOther(post(session.pagePath() + "/enach", "account", "0", "auth_type", "NETBANKING"));
    String redirect = seeOther(post(challengeAction(attempt), "decision", "approve"));
    assertReturnedWith(session, redirect, "CHARGED", 21);
    assertMandate(session, redirect, "ACTIVE", "EMANDATE_REGISTER");
    assertThat(orderStatus(session).getString("mandate.bank_details.account_number"))
        .isEqualTo("50100000000001");
  }
}
