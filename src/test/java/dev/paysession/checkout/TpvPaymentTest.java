package dev.paysession.checkout;

import static dev.paysession.checkout.MandateRegistrationTest.ACCOUNTS;
import static dev.paysession.checkout.Shopper.assertReturnedWith;
import static dev.paysession.checkout.Shopper.challengeAction;
import static dev.paysession.checkout.Shopper.get;
import static dev.paysession.checkout.Shopper.orderStatus;
import static dev.paysession.checkout.Shopper.post;
import static dev.paysession.checkout.Shopper.seeOther;
import static org.assertj.core.api.Assertions.assertThat;

import dev.paysession.TestMerchants;
import dev.paysession.checkout.Shopper.Session;
import dev.paysession.gateway.PaymentGateway.GatewayPayment;
import dev.paysession.order.OrderDetails;
import dev.paysession.order.OrderReader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * TPV (issue 14 item 7): a TPV_PAYMENT order, or a mandate on an order that lists its accounts, is
 * paid only from one of {@code metadata.bank_account_details}; the sandbox learns the payer's
 * account from the page's test choice. Mutual-fund details travel to the gateway.
 */
@QuarkusTest
class TpvPaymentTest {

  private static final String LISTED = "50100000000001";
  private static final String TPV_FAILED = "TPV_VALIDATION_FAILED";

  @Inject OrderReader orders;

  private static Session open(Map<String, String> extra) {
    TestMerchants.Merchant merchant = TestMerchants.create();
    Map<String, Object> body = merchant.body(TestMerchants.uniqueId("tpv"));
    body.putAll(extra);
    return Shopper.open(merchant, body);
  }

  private static Session tpv() {
    return open(Map.of("order_type", "TPV_PAYMENT", "metadata.bank_account_details", ACCOUNTS));
  }

  private static String netBankingFrom(Session session, String account) {
    String attempt =
        seeOther(
            post(session.pagePath() + "/netbanking", "bank", "NB_HDFC", "payer_account", account));
    return seeOther(post(challengeAction(attempt), "decision", "approve"));
  }

  @Test
  void theSandboxPageAsksWhichAccountTheBankPaysFrom() {
    Session session = tpv();
    String html = get(session.pagePath()).asString();
    assertThat(html)
        .contains(
            "name=\"payer_account\"",
            "<option value=\"" + LISTED + "\">Account ending 0001 (HDFC0000001)</option>",
            "<option value=\"\">Another account (not in the order&#39;s list)</option>");

    Session plain = open(Map.of());
    assertThat(get(plain.pagePath()).asString()).doesNotContain("name=\"payer_account\"");
  }

  @Test
  void aTpvPaymentFromAListedAccountIsCharged() {
    Session bank = tpv();
    assertReturnedWith(bank, netBankingFrom(bank, LISTED), "CHARGED", 21);

    Session upi = tpv();
    String redirect =
        seeOther(
            post(upi.pagePath() + "/upi", "vpa", "success@upi", "payer_account", "50100000000002"));
    assertReturnedWith(upi, redirect, "CHARGED", 21);
  }

  @Test
  void aTpvPaymentFromAnotherAccountIsRefused() {
    Session bank = tpv();
    String redirect =
        seeOther(
            post(
                bank.pagePath() + "/netbanking", "bank", "NB_HDFC", "payer_account", "1234567890"));
    assertReturnedWith(bank, redirect, "AUTHORIZATION_FAILED", 27);
    JsonPath order = orderStatus(bank);
    assertThat(order.getString("bank_error_code")).isEqualTo(TPV_FAILED);
    assertThat(order.getString("bank_error_message")).contains("bank_account_details");

    Session upi = tpv();
    String unknown =
        seeOther(post(upi.pagePath() + "/upi", "vpa", "success@upi", "payer_account", ""));
    assertReturnedWith(upi, unknown, "AUTHORIZATION_FAILED", 27);

    // A card tells the sandbox no bank account: a TPV order cannot be paid with one.
    Session card = tpv();
    String byCard = seeOther(Shopper.payByCard(card, Shopper.VISA, false));
    assertReturnedWith(card, byCard, "AUTHORIZATION_FAILED", 27);
    assertThat(orderStatus(card).getString("bank_error_code")).isEqualTo(TPV_FAILED);
  }

  @Test
  void anOrderWithoutTpvIgnoresThePayersAccount() {
    Session session = open(Map.of("metadata.bank_account_details", ACCOUNTS));
    assertReturnedWith(session, netBankingFrom(session, "1234567890"), "CHARGED", 21);
  }

  @Test
  void aMandateOnAnOrderListingAccountsIsATpvMandate() {
    Session refused =
        open(
            Map.of(
                "options.create_mandate",
                "REQUIRED",
                "mandate.max_amount",
                "1000.00",
                "metadata.bank_account_details",
                ACCOUNTS));
    String failed =
        seeOther(
            post(refused.pagePath() + "/upi", "vpa", "autopay@upi", "payer_account", "1234567890"));
    assertReturnedWith(refused, failed, "AUTHORIZATION_FAILED", 27);
    MandateRegistrationTest.assertMandate(refused, failed, "FAILURE", "EMANDATE_REGISTER");

    Session listed =
        open(
            Map.of(
                "options.create_mandate",
                "REQUIRED",
                "mandate.max_amount",
                "1000.00",
                "metadata.bank_account_details",
                ACCOUNTS));
    String active =
        seeOther(post(listed.pagePath() + "/upi", "vpa", "autopay@upi", "payer_account", LISTED));
    assertReturnedWith(listed, active, "CHARGED", 21);
    MandateRegistrationTest.assertMandate(listed, active, "ACTIVE", "EMANDATE_REGISTER");
  }

  @Test
  void aTpvEnachMandateDebitsOneOfTheListedAccounts() {
    Session session =
        open(
            Map.of(
                "action",
                "enach",
                "service",
                "in.juspay.ec",
                "mandate.max_amount",
                "5000.00",
                "order_type",
                "TPV_PAYMENT",
                "metadata.bank_account_details",
                ACCOUNTS));
    // The page offers only the listed accounts (no typed one), so TPV holds by construction.
    assertThat(get(session.pagePath()).asString()).doesNotContain("name=\"account_number\"");
    String attempt =
        seeOther(post(session.pagePath() + "/enach", "account", "1", "auth_type", "AADHAAR"));
    String redirect = seeOther(post(challengeAction(attempt), "decision", "approve"));
    // Account 50100000000002 is the sandbox's: the bank declines the mandate after approval.
    assertReturnedWith(session, redirect, "AUTHORIZATION_FAILED", 27);
    assertThat(orderStatus(session).getString("bank_error_code")).isNotEqualTo(TPV_FAILED);
    MandateRegistrationTest.assertMandate(session, redirect, "FAILURE", "EMANDATE_REGISTER");
  }

  @Test
  void mutualFundDetailsTravelToTheGateway() throws SQLException {
    Session session =
        open(
            Map.of(
                "amount",
                "2.0",
                "mutual_fund_details",
                "[{\"memberId\": \"ABCDE\", \"userId\": \"U1\", \"mfPartner\": \"BSE\","
                    + " \"orderNumber\": \"O-1\", \"amount\": \"1\", \"investmentType\": \"SIP\","
                    + " \"schemeCode\": \"LT\", \"folioNumber\": \"190983010\"},"
                    + " {\"memberId\": \"ABCDE\", \"userId\": \"U1\", \"mfPartner\": \"BSE\","
                    + " \"orderNumber\": \"O-2\", \"amount\": \"1\","
                    + " \"investmentType\": \"LUMPSUM\"}]"));
    GatewayPayment payment =
        GatewayPayment.of(
            orders.byOrderId(session.merchant().merchantId(), session.orderId()).orElseThrow(),
            "txn-1");
    assertThat(payment.mutualFunds())
        .extracting(OrderDetails.MutualFund::orderNumber, OrderDetails.MutualFund::investmentType)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("O-1", "SIP"),
            org.assertj.core.groups.Tuple.tuple("O-2", "LUMPSUM"));
    assertThat(payment.mutualFunds().get(0).folioNumber()).contains("190983010");
    assertThat(payment.needsTpv()).isFalse();
  }
}
