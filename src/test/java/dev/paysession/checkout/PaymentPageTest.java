package dev.paysession.checkout;

import static dev.paysession.checkout.Shopper.get;
import static dev.paysession.checkout.Shopper.orderStatus;
import static dev.paysession.checkout.Shopper.payByCard;
import static dev.paysession.checkout.Shopper.post;
import static org.assertj.core.api.Assertions.assertThat;

import dev.paysession.TestMerchants;
import dev.paysession.TestMerchants.Merchant;
import dev.paysession.checkout.Shopper.Session;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The payment page itself: what it shows, its headers, and the orders it refuses. */
@QuarkusTest
class PaymentPageTest {

  @Inject AgroalDataSource dataSource;

  @Test
  void thePageOffersEveryMethodWithTheCardOpen() {
    Session session = Shopper.open(TestMerchants.create(), "page-1");
    Response page = get(session.pagePath());
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.contentType()).startsWith("text/html");
    String html = page.asString();
    assertThat(html)
        .contains("<p class=\"amount\" id=\"amount\">₹1.00</p>")
        .contains("Order page-1")
        .containsPattern("id=\"method-card\"\\s+open")
        .contains("id=\"method-upi\"", "id=\"method-nb\"", "id=\"method-wallet\"")
        .doesNotContain("id=\"method-saved\"")
        .contains(
            "autocomplete=\"cc-number\"", "autocomplete=\"cc-exp\"", "autocomplete=\"cc-csc\"")
        .contains("name=\"save_card\"")
        .contains("value=\"NB_SBI\"", "value=\"PAYTM\"")
        .contains("Sandbox test data");
    assertThat(orderStatus(session).getString("status")).isEqualTo("NEW");
  }

  @Test
  void everyPageIsUncachedWithAStrictPolicyAllowingOnlyTheReturnUrlsOrigin() {
    Session session = Shopper.open(TestMerchants.create(), "page-csp-1");
    Response page = get(session.pagePath());
    assertThat(page.header("Cache-Control")).isEqualTo("no-store");
    String policy = page.header("Content-Security-Policy");
    assertThat(policy)
        .contains("default-src 'none'")
        .contains("frame-ancestors 'none'")
        .contains("form-action 'self' https://shop.merchant.com;")
        .doesNotContain("unsafe-inline");

    // The challenge page, an error page and the redirects are not cached either.
    Response started = payByCard(session, Shopper.VISA, false);
    assertThat(started.header("Cache-Control")).isEqualTo("no-store");
    Response challenge = get(Shopper.path(Shopper.seeOther(started)));
    assertThat(challenge.header("Cache-Control")).isEqualTo("no-store");
    assertThat(challenge.header("Content-Security-Policy"))
        .contains("form-action 'self' https://shop.merchant.com;");
    Response invalid = post(session.pagePath() + "/upi", "vpa", "x");
    assertThat(invalid.statusCode()).isEqualTo(400);
    assertThat(invalid.header("Cache-Control")).isEqualTo("no-store");
  }

  @Test
  void aLocalReturnUrlsPortIsPartOfTheAllowedOrigin() {
    Merchant merchant = TestMerchants.create();
    Map<String, Object> body = merchant.body("page-csp-2");
    body.put("return_url", "http://localhost:8123/shop/done");
    Session session = Shopper.open(merchant, body);
    assertThat(get(session.pagePath()).header("Content-Security-Policy"))
        .contains("form-action 'self' http://localhost:8123;");
    String redirect = Shopper.payByCardWithCode(session, Shopper.VISA, Shopper.OTP);
    assertThat(redirect).startsWith("http://localhost:8123/shop/done?order_id=page-csp-2&");
    assertThat(MerchantSideVerifier.verify(redirect, merchant.responseKey())).isTrue();
  }

  @Test
  void aProductionMerchantsOrderIsNeverPaidThroughTheSandbox() throws SQLException {
    Merchant merchant = TestMerchants.create(Map.of("environment", "production"));
    Session session = Shopper.open(merchant, "page-live-1");

    Response page = get(session.pagePath());
    assertThat(page.statusCode()).isEqualTo(503);
    assertThat(page.asString()).contains("Payments unavailable").doesNotContain("card_number");
    Response paid = post(session.pagePath() + "/upi", "vpa", "success@upi");
    assertThat(paid.statusCode()).isEqualTo(503);
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT count(*) FROM transactions WHERE merchant_id = ?")) {
      select.setString(1, merchant.merchantId());
      try (ResultSet row = select.executeQuery()) {
        row.next();
        assertThat(row.getInt(1)).isZero();
      }
    }
  }

  @Test
  void anUnknownPaymentLinkIsNotFound() {
    for (String id : new String[] {"ordeh_" + "0".repeat(32), "nothing", "%3Cscript%3E"}) {
      Response page = get("/orders/" + id + "/payment-page");
      assertThat(page.statusCode()).as(id).isEqualTo(404);
      assertThat(page.contentType()).startsWith("text/html");
      assertThat(page.asString()).contains("Payment link not found").doesNotContain("<script>");
      assertThat(page.header("Cache-Control")).isEqualTo("no-store");
    }
    Response post =
        post("/orders/ordeh_" + "0".repeat(32) + "/payment-page/upi", "vpa", "success@upi");
    assertThat(post.statusCode()).isEqualTo(404);
  }

  @Test
  void anExpiredOrderCannotBePaid() throws SQLException {
    Merchant merchant = TestMerchants.create();
    Map<String, Object> body = merchant.body("page-expired-1");
    body.put("metadata.expiryInMins", "30");
    Session session = Shopper.open(merchant, body);
    assertThat(get(session.pagePath()).statusCode()).isEqualTo(200);

    Shopper.expire(dataSource, session);

    Response page = get(session.pagePath());
    assertThat(page.statusCode()).isEqualTo(410);
    assertThat(page.asString()).contains("Payment link expired");
    assertThat(payByCard(session, Shopper.VISA, false).statusCode()).isEqualTo(410);
    assertThat(post(session.pagePath() + "/upi", "vpa", "success@upi").statusCode()).isEqualTo(410);
    assertThat(orderStatus(session).getString("status")).isEqualTo("NEW");
    assertThat(orderStatus(session).getString("txn_id")).isNull();
    Response reopened = merchant.session().body(body).post("/session");
    assertThat(reopened.statusCode()).isEqualTo(400);
    assertThat(reopened.jsonPath().getString("error_info.code")).isEqualTo("INVALID_ACTION");
  }

  @Test
  void merchantAndCustomerTextIsEscaped() {
    Merchant merchant =
        TestMerchants.create(Map.of("name", "Shop <img src=x onerror=alert(1)> & Co"));
    Map<String, Object> body = merchant.body("page-xss-1");
    body.put("description", "<script>alert('description')</script> \"quoted\"");
    Session session = Shopper.open(merchant, body);

    String html = get(session.pagePath()).asString();
    assertThat(html)
        .doesNotContain("<script>")
        .doesNotContain("<img src=x")
        .contains("&lt;script&gt;alert(")
        .contains("Shop &lt;img src=x onerror=alert(1)&gt; &amp; Co");

    Response upi = post(session.pagePath() + "/upi", "vpa", "\"><script>alert('vpa')</script>");
    assertThat(upi.statusCode()).isEqualTo(400);
    assertThat(upi.asString())
        .doesNotContain("<script>")
        .contains("value=\"&quot;&gt;&lt;script&gt;alert(");

    Response card =
        post(
            session.pagePath() + "/card",
            "card_number",
            "1",
            "name_on_card",
            "\"><svg onload=alert(1)>",
            "card_exp",
            "x",
            "card_cvv",
            "x");
    assertThat(card.statusCode()).isEqualTo(400);
    assertThat(card.asString()).doesNotContain("<svg").contains("&lt;svg onload=alert(1)&gt;");
  }

  @Test
  void aPaymentManagementLinkTakesNoPayment() {
    Merchant merchant = TestMerchants.create();
    Map<String, Object> body = merchant.body("page-manage-1");
    body.put("action", "paymentManagement");
    Session session = Shopper.open(merchant, body);
    Response page = get(session.pagePath());
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.asString()).contains("Your saved cards").doesNotContain("name=\"card_number\"");
    assertThat(payByCard(session, Shopper.VISA, false).statusCode()).isEqualTo(404);
    assertThat(orderStatus(session).getString("status")).isEqualTo("NEW");
  }
}
