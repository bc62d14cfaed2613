package dev.paysession.checkout;

import static dev.paysession.checkout.Shopper.assertReturnedWith;
import static dev.paysession.checkout.Shopper.isAttemptPage;
import static dev.paysession.checkout.Shopper.orderStatus;
import static dev.paysession.checkout.Shopper.payByCard;
import static dev.paysession.checkout.Shopper.seeOther;
import static org.assertj.core.api.Assertions.assertThat;

import dev.paysession.TestMerchants;
import dev.paysession.TestMerchants.Merchant;
import dev.paysession.checkout.Shopper.Session;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code metadata.txns.allow_card_no_3ds}: the sandbox's cards that are not enrolled in 3-D Secure
 * are charged without a challenge on an order that allows it, and refused on any other; enrolled
 * cards keep the challenge on every order. The order status tells which it was ({@code auth_type}).
 */
@QuarkusTest
class ThreeDsExemptionTest {

  static final String NOT_ENROLLED_VISA = "4000000000000044";
  static final String NOT_ENROLLED_MASTERCARD = "5200000000000007";

  @Test
  void anOrderThatAllowsItChargesANotEnrolledCardWithoutAChallenge() {
    Session session = open("no3ds-ok-1", true);

    String redirect = seeOther(payByCard(session, NOT_ENROLLED_VISA, false));

    assertThat(isAttemptPage(session, redirect)).as("no 3-D Secure page").isFalse();
    assertReturnedWith(session, redirect, "CHARGED", 21);
    JsonPath order = orderStatus(session);
    assertThat(order.getString("status")).isEqualTo("CHARGED");
    assertThat(order.getString("auth_type")).isEqualTo("NO_THREE_DS");
    assertThat(order.getString("payment_method")).isEqualTo("VISA");
    assertThat(order.getString("card.last_four_digits")).isEqualTo("0044");
  }

  @Test
  void theNotEnrolledMastercardIsExemptToo() {
    Session session = open("no3ds-ok-2", true);

    String redirect = seeOther(payByCard(session, NOT_ENROLLED_MASTERCARD, false));

    assertReturnedWith(session, redirect, "CHARGED", 21);
    JsonPath order = orderStatus(session);
    assertThat(order.getString("auth_type")).isEqualTo("NO_THREE_DS");
    assertThat(order.getString("payment_method")).isEqualTo("MASTERCARD");
  }

  @Test
  void anOrderWithoutTheExemptionRefusesANotEnrolledCard() {
    Session session = open("no3ds-no-1", null);

    String redirect = seeOther(payByCard(session, NOT_ENROLLED_VISA, false));

    assertReturnedWith(session, redirect, "AUTHENTICATION_FAILED", 26);
    JsonPath order = orderStatus(session);
    assertThat(order.getString("status")).isEqualTo("AUTHENTICATION_FAILED");
    assertThat(order.getString("txn_detail.error_code")).isEqualTo("CARD_NOT_ENROLLED_3DS");
    assertThat(order.getString("bank_error_message")).contains("not enrolled in 3-D Secure");
  }

  @Test
  void anOrderThatSaysFalseRefusesItToo() {
    Session session = open("no3ds-no-2", false);

    String redirect = seeOther(payByCard(session, NOT_ENROLLED_MASTERCARD, false));

    assertReturnedWith(session, redirect, "AUTHENTICATION_FAILED", 26);
  }

  @Test
  void anEnrolledCardKeepsTheChallengeOnAnOrderThatAllowsTheExemption() {
    Session session = open("no3ds-enrolled-1", true);

    String attempt = seeOther(payByCard(session, Shopper.VISA, false));
    assertThat(isAttemptPage(session, attempt)).as("the 3-D Secure page").isTrue();
    String redirect = seeOther(Shopper.post(Shopper.challengeAction(attempt), "code", Shopper.OTP));

    assertReturnedWith(session, redirect, "CHARGED", 21);
    assertThat(orderStatus(session).getString("auth_type")).isEqualTo("THREE_DS");
  }

  private static Session open(String orderId, Boolean allowCardNo3ds) {
    Merchant merchant = TestMerchants.create();
    Map<String, Object> body = merchant.body(orderId);
    if (allowCardNo3ds != null) {
      body.put("metadata.txns.allow_card_no_3ds", allowCardNo3ds);
    }
    return Shopper.open(merchant, body);
  }
}
