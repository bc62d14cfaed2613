package dev.paysession.checkout;

import static dev.paysession.checkout.Shopper.assertReturnedWith;
import static dev.paysession.checkout.Shopper.get;
import static dev.paysession.checkout.Shopper.orderStatus;
import static dev.paysession.checkout.Shopper.post;
import static dev.paysession.checkout.Shopper.savedCardTokens;
import static dev.paysession.checkout.Shopper.seeOther;
import static org.assertj.core.api.Assertions.assertThat;

import dev.paysession.TestMerchants;
import dev.paysession.TestMerchants.Merchant;
import dev.paysession.checkout.Shopper.Session;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Cards a customer saves on one order and pays with on the next; guests save nothing. */
@QuarkusTest
class SavedCardsTest {

  @Inject AgroalDataSource dataSource;

  private static Session sessionFor(Merchant merchant, String orderId, String customerId) {
    Map<String, Object> body = merchant.body(orderId);
    body.put("customer_id", customerId);
    return Shopper.open(merchant, body);
  }

  private static void paySaving(Session session, String number) {
    String challenge = Shopper.cardChallenge(session, number, true);
    assertReturnedWith(session, seeOther(post(challenge, "code", Shopper.OTP)), "CHARGED", 21);
  }

  @Test
  void aSavedCardIsOfferedOnTheCustomersNextOrderAndPays() {
    Merchant merchant = TestMerchants.create();
    paySaving(sessionFor(merchant, "save-1", "cust_a"), Shopper.MASTERCARD);

    Session next = sessionFor(merchant, "save-2", "cust_a");
    String html = get(next.pagePath()).asString();
    assertThat(html)
        .containsPattern("id=\"method-saved\"\\s+open")
        .contains("MASTERCARD ending 4444")
        .doesNotContain("5555555555554444");
    List<String> tokens = savedCardTokens(html);
    assertThat(tokens).hasSize(1);

    String attempt =
        seeOther(
            post(next.pagePath() + "/saved-card", "card_token", tokens.get(0), "card_cvv", "321"));
    String redirect = seeOther(post(Shopper.challengeAction(attempt), "code", Shopper.OTP));
    assertReturnedWith(next, redirect, "CHARGED", 21);
    JsonPath status = orderStatus(next);
    assertThat(status.getString("status")).isEqualTo("CHARGED");
    assertThat(status.getBoolean("card.using_saved_card")).isTrue();
    assertThat(status.getString("card.card_brand")).isEqualTo("MASTERCARD");
    assertThat(status.getString("card.last_four_digits")).isEqualTo("4444");
  }

  @Test
  void aSavedCardNeedsItsCvv() {
    Merchant merchant = TestMerchants.create();
    paySaving(sessionFor(merchant, "save-cvv-1", "cust_a"), Shopper.AMEX);
    Session next = sessionFor(merchant, "save-cvv-2", "cust_a");
    String token = savedCardTokens(get(next.pagePath()).asString()).get(0);
    Response threeDigits =
        post(next.pagePath() + "/saved-card", "card_token", token, "card_cvv", "123");
    assertThat(threeDigits.statusCode()).isEqualTo(400);
    assertThat(Shopper.errors(threeDigits.asString()))
        .containsExactly("Enter the 4-digit security code");
    assertThat(orderStatus(next).getString("status")).isEqualTo("NEW");
  }

  @Test
  void aCardIsSavedOnlyWhenItsPaymentIsCharged() throws SQLException {
    Merchant merchant = TestMerchants.create();
    Session failed = sessionFor(merchant, "save-fail-1", "cust_a");
    String challenge = Shopper.cardChallenge(failed, Shopper.VISA, true);
    assertReturnedWith(
        failed, seeOther(post(challenge, "code", "000000")), "AUTHENTICATION_FAILED", 26);
    Session declined = sessionFor(merchant, "save-fail-2", "cust_a");
    String bank = Shopper.cardChallenge(declined, Shopper.DECLINED_BY_BANK, true);
    assertReturnedWith(
        declined, seeOther(post(bank, "code", Shopper.OTP)), "AUTHORIZATION_FAILED", 27);

    assertThat(savedCards(merchant)).isZero();
    assertThat(get(sessionFor(merchant, "save-fail-3", "cust_a").pagePath()).asString())
        .doesNotContain("id=\"method-saved\"");
  }

  @Test
  void aGuestIsNeverOfferedToSaveAndSavesNothing() throws SQLException {
    Merchant merchant = TestMerchants.create();
    Session guest = sessionFor(merchant, "save-guest-1", "");
    assertThat(get(guest.pagePath()).asString())
        .contains("name=\"card_number\"")
        .doesNotContain("name=\"save_card\"");

    // A hand-made form asking to save anyway: paid, but nothing is kept, not even by the gateway.
    paySaving(guest, Shopper.VISA);
    assertThat(savedCards(merchant)).isZero();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT count(*) FROM sandbox_card_vault WHERE merchant_id = ?")) {
      select.setString(1, merchant.merchantId());
      try (ResultSet row = select.executeQuery()) {
        row.next();
        assertThat(row.getLong(1)).isZero();
      }
    }
  }

  @Test
  void anotherCustomerNeitherSeesNorUsesTheCard() {
    Merchant merchant = TestMerchants.create();
    paySaving(sessionFor(merchant, "save-other-1", "cust_a"), Shopper.VISA);
    String token =
        savedCardTokens(get(sessionFor(merchant, "save-other-2", "cust_a").pagePath()).asString())
            .get(0);

    Session otherCustomer = sessionFor(merchant, "save-other-3", "cust_b");
    String html = get(otherCustomer.pagePath()).asString();
    assertThat(html).doesNotContain("id=\"method-saved\"").doesNotContain(token);
    Response stolen =
        post(otherCustomer.pagePath() + "/saved-card", "card_token", token, "card_cvv", "123");
    assertThat(stolen.statusCode()).isEqualTo(400);
    assertThat(Shopper.errors(stolen.asString())).containsExactly("Choose one of your saved cards");
    assertThat(orderStatus(otherCustomer).getString("status")).isEqualTo("NEW");

    // The same customer id at another merchant is another customer.
    Merchant otherMerchant = TestMerchants.create();
    Session elsewhere = sessionFor(otherMerchant, "save-other-4", "cust_a");
    assertThat(get(elsewhere.pagePath()).asString()).doesNotContain("id=\"method-saved\"");
    assertThat(
            post(elsewhere.pagePath() + "/saved-card", "card_token", token, "card_cvv", "123")
                .statusCode())
        .isEqualTo(400);
  }

  @Test
  void thePaymentManagementPageListsAndDeletesTheCustomersCards() {
    Merchant merchant = TestMerchants.create();
    paySaving(sessionFor(merchant, "manage-1", "cust_a"), Shopper.VISA);
    paySaving(sessionFor(merchant, "manage-2", "cust_b"), Shopper.MASTERCARD);

    Map<String, Object> body = merchant.body("manage-3");
    body.put("customer_id", "cust_a");
    body.put("action", "paymentManagement");
    Session manage = Shopper.open(merchant, body);
    Response page = get(manage.pagePath());
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.header("Cache-Control")).isEqualTo("no-store");
    String html = page.asString();
    assertThat(html).contains("VISA ending 1111").doesNotContain("MASTERCARD ending 4444");
    java.util.regex.Matcher delete =
        java.util.regex.Pattern.compile(
                "action=\"(" + manage.pagePath() + "/cards/[^\"]+/delete)\"")
            .matcher(html);
    assertThat(delete.find()).isTrue();

    // cust_b's management page cannot delete cust_a's card.
    Map<String, Object> otherBody = merchant.body("manage-4");
    otherBody.put("customer_id", "cust_b");
    otherBody.put("action", "paymentManagement");
    Session otherManage = Shopper.open(merchant, otherBody);
    String foreign = delete.group(1).replace(manage.pagePath(), otherManage.pagePath());
    assertThat(Shopper.path(seeOther(post(foreign)))).isEqualTo(otherManage.pagePath());
    assertThat(get(manage.pagePath()).asString()).contains("VISA ending 1111");

    // A payment page opened before the deletion still offers the card.
    Session stale = sessionFor(merchant, "manage-5", "cust_a");
    String token = savedCardTokens(get(stale.pagePath()).asString()).get(0);

    String back = seeOther(post(delete.group(1)));
    assertThat(Shopper.path(back)).isEqualTo(manage.pagePath());
    assertThat(get(manage.pagePath()).asString())
        .doesNotContain("VISA ending 1111")
        .contains("You have no saved cards.");
    assertThat(get(stale.pagePath()).asString()).doesNotContain("id=\"method-saved\"");
    Response deletedCard =
        post(stale.pagePath() + "/saved-card", "card_token", token, "card_cvv", "123");
    assertThat(deletedCard.statusCode()).isEqualTo(400);
    assertThat(Shopper.errors(deletedCard.asString()))
        .containsExactly("Choose one of your saved cards");
    assertThat(orderStatus(stale).getString("status")).isEqualTo("NEW");
    assertThat(get(otherManage.pagePath()).asString()).contains("MASTERCARD ending 4444");
  }

  private long savedCards(Merchant merchant) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement("SELECT count(*) FROM saved_cards WHERE merchant_id = ?")) {
      select.setString(1, merchant.merchantId());
      try (ResultSet row = select.executeQuery()) {
        row.next();
        return row.getLong(1);
      }
    }
  }

  @Test
  void anExpiredPaymentManagementLinkNeitherListsNorDeletesCards() throws SQLException {
    Merchant merchant = TestMerchants.create();
    paySaving(sessionFor(merchant, "manage-exp-1", "cust_a"), Shopper.VISA);
    Map<String, Object> body = merchant.body("manage-exp-2");
    body.put("customer_id", "cust_a");
    body.put("action", "paymentManagement");
    body.put("metadata.expiryInMins", "30");
    Session manage = Shopper.open(merchant, body);
    String html = get(manage.pagePath()).asString();
    String deleteAction =
        java.util.regex.Pattern.compile(
                "action=\"(" + manage.pagePath() + "/cards/[^\"]+/delete)\"")
            .matcher(html)
            .results()
            .findFirst()
            .orElseThrow()
            .group(1);

    Shopper.expire(dataSource, manage);

    Response page = get(manage.pagePath());
    assertThat(page.statusCode()).isEqualTo(410);
    assertThat(page.asString()).contains("Payment link expired").doesNotContain("ending 1111");
    assertThat(post(deleteAction).statusCode()).isEqualTo(410);
    Session next = sessionFor(merchant, "manage-exp-3", "cust_a");
    assertThat(get(next.pagePath()).asString()).contains("VISA ending 1111");
  }
}
