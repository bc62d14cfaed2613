package dev.paysession.checkout;

import static dev.paysession.checkout.Shopper.assertReturnedWith;
import static dev.paysession.checkout.Shopper.cardChallenge;
import static dev.paysession.checkout.Shopper.get;
import static dev.paysession.checkout.Shopper.orderStatus;
import static dev.paysession.checkout.Shopper.path;
import static dev.paysession.checkout.Shopper.payByCard;
import static dev.paysession.checkout.Shopper.payByCardWithCode;
import static dev.paysession.checkout.Shopper.post;
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
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Paying by card on the hosted page: 3-D Secure, failures, retries and the attempt limit. */
@QuarkusTest
class CardPaymentTest {

  @Inject AgroalDataSource dataSource;

  @Test
  void aCardPaidThrough3dsRedirectsSignedAndTheOrderIsCharged() {
    Merchant merchant = TestMerchants.create();
    Session session = Shopper.open(merchant, "card-ok-1");

    String challenge = cardChallenge(session, Shopper.VISA, false);
    String redirect = seeOther(post(challenge, "code", Shopper.OTP));

    assertReturnedWith(session, redirect, "CHARGED", 21);
    JsonPath status = orderStatus(session);
    assertThat(status.getString("status")).isEqualTo("CHARGED");
    assertThat(status.getInt("status_id")).isEqualTo(21);
    assertThat(status.getString("txn_id")).isEqualTo(merchant.merchantId() + "-card-ok-1-1");
    assertThat(status.getString("txn_detail.status")).isEqualTo("CHARGED");
    assertThat(status.getString("payment_method_type")).isEqualTo("CARD");
    assertThat(status.getString("card.card_brand")).isEqualTo("VISA");
    assertThat(status.getString("card.last_four_digits")).isEqualTo("1111");
    assertThat(status.getBoolean("card.using_saved_card")).isFalse();
    assertThat(status.getString("payment_gateway_response.rrn")).matches("\\d{12}");
  }

  @Test
  void theRedirectDoesNotVerifyUnderAnotherKey() {
    Merchant merchant = TestMerchants.create();
    Merchant other = TestMerchants.create();
    Session session = Shopper.open(merchant, "card-key-1");
    String redirect = payByCardWithCode(session, Shopper.MASTERCARD, Shopper.OTP);
    assertThat(MerchantSideVerifier.verify(redirect, merchant.responseKey())).isTrue();
    assertThat(MerchantSideVerifier.verify(redirect, other.responseKey())).isFalse();
    assertThat(
            MerchantSideVerifier.verify(
                redirect.replace("CHARGED", "FAILED"), merchant.responseKey()))
        .isFalse();
  }

  @Test
  void anAmexNeedsAFourDigitCvvAndPays() {
    Session session = Shopper.open(TestMerchants.create(), "card-amex-1");
    Response threeDigits =
        post(
            session.pagePath() + "/card",
            "card_number",
            Shopper.AMEX,
            "card_exp",
            Shopper.futureExpiry(),
            "card_cvv",
            "123");
    assertThat(threeDigits.statusCode()).isEqualTo(400);
    assertThat(Shopper.errors(threeDigits.asString()))
        .containsExactly("Enter the 4-digit security code");

    String redirect = payByCardWithCode(session, Shopper.AMEX, Shopper.OTP);
    assertReturnedWith(session, redirect, "CHARGED", 21);
    assertThat(orderStatus(session).getString("card.card_brand")).isEqualTo("AMEX");
    assertThat(orderStatus(session).getString("card.last_four_digits")).isEqualTo("0005");
  }

  @Test
  void noFullCardNumberIsStoredAnywhere() throws SQLException {
    Merchant merchant = TestMerchants.create();
    Session saved = Shopper.open(merchant, "card-pan-1");
    String number = "5555 5555 5555 4444";
    String challenge =
        Shopper.challengeAction(seeOther(payByCard(saved, number.replace(" ", ""), true)));
    seeOther(post(challenge, "code", Shopper.OTP));
    Session typedWithSpaces = Shopper.open(merchant, "card-pan-2");
    String attempt =
        seeOther(
            post(
                typedWithSpaces.pagePath() + "/card",
                "card_number",
                number,
                "card_exp",
                Shopper.futureExpiry(),
                "card_cvv",
                "123"));
    seeOther(post(Shopper.challengeAction(attempt), "code", Shopper.OTP));
    assertThat(orderStatus(typedWithSpaces).getString("status")).isEqualTo("CHARGED");

    try (Connection connection = dataSource.getConnection()) {
      // The transaction and the saved card exist, with the last four only.
      assertThat(
              count(
                  connection,
                  "SELECT count(*) FROM transactions WHERE merchant_id = ? AND card_last_four ="
                      + " '4444'",
                  merchant.merchantId()))
          .isEqualTo(2);
      assertThat(
              count(
                  connection,
                  "SELECT count(*) FROM saved_cards WHERE merchant_id = ?",
                  merchant.merchantId()))
          .isEqualTo(1);
      for (String table :
          List.of("transactions", "saved_cards", "sandbox_card_vault", "sandbox_payments")) {
        for (String column : textColumns(connection, table)) {
          assertNoCardNumber(connection, table, column, "", merchant.merchantId());
        }
      }
      for (String column : textColumns(connection, "orders")) {
        assertNoCardNumber(
            connection, "orders", column, " AND order_id LIKE 'card-pan-%'", merchant.merchantId());
      }
    }
  }

  @Test
  void aWrongCodeFailsAuthenticationAndTheCustomerCanRetryUntilCharged() {
    Merchant merchant = TestMerchants.create();
    Session session = Shopper.open(merchant, "card-retry-1");

    String first = payByCardWithCode(session, Shopper.VISA, "654321");
    assertReturnedWith(session, first, "AUTHENTICATION_FAILED", 26);
    JsonPath afterFirst = orderStatus(session);
    assertThat(afterFirst.getString("status")).isEqualTo("AUTHENTICATION_FAILED");
    assertThat(afterFirst.getInt("status_id")).isEqualTo(26);
    assertThat(afterFirst.getString("txn_id")).endsWith("-card-retry-1-1");

    // Back on the page, the customer sees why and tries another card: the bank refuses it.
    Response page = get(session.pagePath());
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.asString()).contains("AUTHENTICATION_FAILED").contains("You can try again");
    String second = payByCardWithCode(session, Shopper.DECLINED_BY_BANK, Shopper.OTP);
    assertReturnedWith(session, second, "AUTHORIZATION_FAILED", 27);
    JsonPath afterSecond = orderStatus(session);
    assertThat(afterSecond.getString("status")).isEqualTo("AUTHORIZATION_FAILED");
    assertThat(afterSecond.getInt("status_id")).isEqualTo(27);
    assertThat(afterSecond.getString("txn_id"))
        .isEqualTo(merchant.merchantId() + "-card-retry-1-2");
    assertThat(afterSecond.getString("card.last_four_digits")).isEqualTo("0002");

    String third = payByCardWithCode(session, Shopper.VISA, Shopper.OTP);
    assertReturnedWith(session, third, "CHARGED", 21);
    JsonPath charged = orderStatus(session);
    assertThat(charged.getString("status")).isEqualTo("CHARGED");
    assertThat(charged.getString("txn_id")).isEqualTo(merchant.merchantId() + "-card-retry-1-3");
    assertThat(charged.getString("card.last_four_digits")).isEqualTo("1111");
  }

  @Test
  void theAuthenticationFailureTestCardFailsEvenWithTheRightCode() {
    Session session = Shopper.open(TestMerchants.create(), "card-authfail-1");
    String redirect = payByCardWithCode(session, "4000000000000010", Shopper.OTP);
    assertReturnedWith(session, redirect, "AUTHENTICATION_FAILED", 26);
  }

  @Test
  void anUnknownValidCardIsDeclinedWithoutAChallenge() {
    Session session = Shopper.open(TestMerchants.create(), "card-unknown-1");
    // Luhn-valid, but not one of the sandbox's test cards.
    String redirect = seeOther(payByCard(session, "4242424242424242", false));
    assertReturnedWith(session, redirect, "JUSPAY_DECLINED", 22);
  }

  @Test
  void resubmittingAnEndedChallengeChangesNothing() {
    Session session = Shopper.open(TestMerchants.create(), "card-twice-1");
    String challenge = cardChallenge(session, Shopper.VISA, false);
    String failed = seeOther(post(challenge, "code", "000000"));
    assertReturnedWith(session, failed, "AUTHENTICATION_FAILED", 26);

    // The right code on the same, ended attempt: same answer, nothing charged.
    String again = seeOther(post(challenge, "code", Shopper.OTP));
    assertThat(again).isEqualTo(failed);
    assertThat(orderStatus(session).getString("status")).isEqualTo("AUTHENTICATION_FAILED");

    Session paid = Shopper.open(TestMerchants.create(), "card-twice-2");
    String paidChallenge = cardChallenge(paid, Shopper.VISA, false);
    String charged = seeOther(post(paidChallenge, "code", Shopper.OTP));
    assertThat(seeOther(post(paidChallenge, "code", Shopper.OTP))).isEqualTo(charged);
    assertThat(seeOther(post(paidChallenge, "code", "999999"))).isEqualTo(charged);
    JsonPath status = orderStatus(paid);
    assertThat(status.getString("status")).isEqualTo("CHARGED");
    assertThat(status.getString("txn_id")).endsWith("-card-twice-2-1");
  }

  @Test
  void aChargedOrderRefusesAnotherPayment() {
    Merchant merchant = TestMerchants.create();
    Session session = Shopper.open(merchant, "card-paid-1");
    payByCardWithCode(session, Shopper.VISA, Shopper.OTP);

    Response page = get(session.pagePath());
    assertThat(page.statusCode()).isEqualTo(409);
    assertThat(page.asString()).contains("Already paid");
    Response again = payByCard(session, Shopper.MASTERCARD, false);
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(again.asString()).contains("Already paid");
    Response upi = post(session.pagePath() + "/upi", "vpa", "success@upi");
    assertThat(upi.statusCode()).isEqualTo(409);

    JsonPath status = orderStatus(session);
    assertThat(status.getString("status")).isEqualTo("CHARGED");
    assertThat(status.getString("txn_id")).endsWith("-card-paid-1-1");

    Response reopened = merchant.session().body(merchant.body("card-paid-1")).post("/session");
    assertThat(reopened.statusCode()).isEqualTo(400);
    assertThat(reopened.jsonPath().getString("error_code")).isEqualTo("INVALID_REQUEST");
    assertThat(reopened.jsonPath().getString("error_info.code")).isEqualTo("INVALID_ACTION");
  }

  /**
   * Decision 16: {@code POST /session} re-opens an order whose attempts failed, and answers {@code
   * status} NEW as Juspay does (merchant SDK code checks for NEW); the failure stays visible on the
   * Order Status API.
   */
  @Test
  void aFailedOrderIsReopenedBySessionWithAFreshTokenAndThenPaid() {
    Merchant merchant = TestMerchants.create();
    Session session = Shopper.open(merchant, "card-failed-1");
    payByCardWithCode(session, Shopper.VISA, "111111");

    // The merchant asks again for the same order: same id, a new token, status NEW.
    Response reopened = merchant.session().body(merchant.body("card-failed-1")).post("/session");
    assertThat(reopened.statusCode()).as(reopened.asString()).isEqualTo(200);
    assertThat(reopened.jsonPath().getString("id")).isEqualTo(session.id());
    assertThat(reopened.jsonPath().getString("status")).isEqualTo("NEW");
    assertThat(orderStatus(session).getString("status")).isEqualTo("AUTHENTICATION_FAILED");
    assertThat(orderStatus(session).getInt("status_id")).isEqualTo(26);
    String token = reopened.jsonPath().getString("sdk_payload.payload.clientAuthToken");
    assertThat(token).isNotEqualTo(session.clientAuthToken());
    Response byToken =
        io.restassured.RestAssured.given()
            .header("x-client-auth-token", token)
            .get("/orders/card-failed-1");
    assertThat(byToken.statusCode()).as(byToken.asString()).isEqualTo(200);

    String paid = payByCardWithCode(session, Shopper.VISA, "123456");
    assertReturnedWith(session, paid, "CHARGED", 21);
  }

  @Test
  void anOldTabOfAFailedAttemptLeadsToThePaidOutcomeOnceTheOrderIsPaid() {
    Merchant merchant = TestMerchants.create();
    Session session = Shopper.open(merchant, "card-old-tab-1");
    String failedChallenge = cardChallenge(session, Shopper.VISA, false);
    seeOther(post(failedChallenge, "code", "000000"));
    String staleChallenge = cardChallenge(session, Shopper.VISA, false);
    assertReturnedWith(session, payByCardWithCode(session, Shopper.VISA, "123456"), "CHARGED", 21);

    // Revisiting the failed attempt, or answering a challenge left open, reports the paid order.
    String failedPage = failedChallenge.substring(0, failedChallenge.lastIndexOf("/authenticate"));
    assertReturnedWith(session, seeOther(get(path(failedPage))), "CHARGED", 21);
    assertReturnedWith(session, seeOther(post(staleChallenge, "code", "123456")), "CHARGED", 21);
    assertThat(orderStatus(session).getString("txn_id")).endsWith("-card-old-tab-1-3");
  }

  @Test
  void afterTwentyFiveAttemptsTheOrderTakesNoMore() throws SQLException {
    Merchant merchant = TestMerchants.create();
    Session session = Shopper.open(merchant, "card-limit-1");
    List<String> outcomes = new ArrayList<>();
    for (int attempt = 1; attempt <= 25; attempt++) {
      outcomes.add(
          Shopper.outcome(seeOther(post(session.pagePath() + "/upi", "vpa", "failure@upi")))
              .get("status"));
    }
    assertThat(outcomes).hasSize(25).containsOnly("AUTHORIZATION_FAILED");
    assertThat(orderStatus(session).getString("txn_id")).endsWith("-card-limit-1-25");

    // The page says so before the customer types card details, and a submitted form is refused.
    Response page = Shopper.get(session.pagePath());
    assertThat(page.statusCode()).isEqualTo(409);
    assertThat(page.asString()).contains("Too many attempts").doesNotContain("cc-number");
    Response tooMany = payByCard(session, Shopper.VISA, false);
    assertThat(tooMany.statusCode()).isEqualTo(409);
    assertThat(tooMany.asString()).contains("Too many attempts");
    try (Connection connection = dataSource.getConnection()) {
      assertThat(
              count(
                  connection,
                  "SELECT count(*) FROM transactions WHERE merchant_id = ? AND order_id ="
                      + " 'card-limit-1'",
                  merchant.merchantId()))
          .isEqualTo(25);
    }
    assertThat(orderStatus(session).getString("status")).isEqualTo("AUTHORIZATION_FAILED");
  }

  @Test
  void invalidCardInputShowsThePageAgainWithEveryError() {
    Session session = Shopper.open(TestMerchants.create(), "card-bad-1");
    Response response =
        post(
            session.pagePath() + "/card",
            "card_number",
            "4111111111111112",
            "name_on_card",
            "Asha Rao",
            "card_exp",
            "01/20",
            "card_cvv",
            "12");
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.contentType()).startsWith("text/html");
    assertThat(Shopper.errors(response.asString()))
        .containsExactlyInAnyOrder(
            "This card number is not valid",
            "This card has expired",
            "Enter the 3-digit security code");
    // The name the customer typed is kept; the number and CVV are not echoed.
    assertThat(response.asString())
        .contains("value=\"Asha Rao\"")
        .doesNotContain("4111111111111112");
    assertThat(orderStatus(session).getString("status")).isEqualTo("NEW");
  }

  @Test
  void theTransactionKeepsTheSessionsRoutingId() throws SQLException {
    Merchant merchant = TestMerchants.create();
    Session session =
        Shopper.open(
            merchant,
            merchant.session().header("x-routing-id", "route-77"),
            merchant.body("card-route-1"));
    payByCardWithCode(session, Shopper.VISA, Shopper.OTP);
    Session byCustomer = Shopper.open(merchant, "card-route-2");
    seeOther(post(byCustomer.pagePath() + "/upi", "vpa", "success@upi"));
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT order_id, routing_id FROM transactions WHERE merchant_id = ?"
                    + " ORDER BY order_id")) {
      select.setString(1, merchant.merchantId());
      List<String> rows = new ArrayList<>();
      try (ResultSet row = select.executeQuery()) {
        while (row.next()) {
          rows.add(row.getString(1) + "=" + row.getString(2));
        }
      }
      assertThat(rows)
          .containsExactly("card-route-1=route-77", "card-route-2=testing-customer-one");
    }
  }

  @Test
  void anUnknownAttemptIsNotFound() {
    Session session = Shopper.open(TestMerchants.create(), "card-noattempt-1");
    Response response = get(session.pagePath() + "/attempts/" + "0".repeat(32));
    assertThat(response.statusCode()).isEqualTo(404);
    // Another order's attempt is not reachable through this order's page either.
    Session other = Shopper.open(TestMerchants.create(), "card-noattempt-2");
    String otherAttempt = path(seeOther(payByCard(other, Shopper.VISA, false)));
    String stolen = otherAttempt.replace(other.pagePath(), session.pagePath());
    assertThat(get(stolen).statusCode()).isEqualTo(404);
    assertThat(post(stolen + "/authenticate", "code", Shopper.OTP).statusCode()).isEqualTo(404);
    assertThat(orderStatus(other).getString("status")).isEqualTo("PENDING_VBV");
  }

  private static List<String> textColumns(Connection connection, String table) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = 'public'"
                + " AND table_name = ? AND data_type IN ('text', 'character', 'character varying',"
                + " 'jsonb', 'json')")) {
      select.setString(1, table);
      List<String> columns = new ArrayList<>();
      try (ResultSet row = select.executeQuery()) {
        while (row.next()) {
          columns.add(row.getString(1));
        }
      }
      assertThat(columns).as(table).isNotEmpty();
      return columns;
    }
  }

  /** No row of this merchant holds the test card's number, with or without spaces. */
  private static void assertNoCardNumber(
      Connection connection, String table, String column, String andWhere, String merchantId)
      throws SQLException {
    String sql =
        "SELECT count(*) FROM "
            + table
            + " WHERE merchant_id = ?"
            + andWhere
            + " AND (regexp_replace("
            + column
            + "::text, '[^0-9]', '', 'g') LIKE '%5555555555554444%')";
    assertThat(count(connection, sql, merchantId)).as(table + "." + column).isZero();
  }

  private static long count(Connection connection, String sql, String merchantId)
      throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(sql)) {
      select.setString(1, merchantId);
      try (ResultSet row = select.executeQuery()) {
        row.next();
        return row.getLong(1);
      }
    }
  }
}
