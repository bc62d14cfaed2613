package dev.paysession.checkout;

import static dev.paysession.checkout.Shopper.browser;
import static dev.paysession.checkout.Shopper.post;
import static org.assertj.core.api.Assertions.assertThat;

import dev.paysession.TestMerchants;
import dev.paysession.TestMerchants.Merchant;
import dev.paysession.checkout.Shopper.Session;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The session's {@code language}, {@code theme} and {@code mobile_country_code} as the customer
 * sees them on the payment page, over real HTTP.
 */
@QuarkusTest
class PageLanguageAndThemeTest {

  @Inject MeterRegistry metrics;
  @Inject io.agroal.api.AgroalDataSource dataSource;

  private static Session open(Merchant merchant, Map<String, Object> fields) {
    Map<String, Object> body =
        merchant.body("lang-" + UUID.randomUUID().toString().substring(0, 8));
    body.putAll(fields);
    return Shopper.open(merchant, body);
  }

  private static String page(Session session, String acceptLanguage) {
    Response page =
        acceptLanguage == null
            ? browser().get(session.pagePath())
            : browser().header("Accept-Language", acceptLanguage).get(session.pagePath());
    assertThat(page.statusCode()).as(page.asString()).isEqualTo(200);
    return page.asString();
  }

  @Test
  void hindiByJuspaysNameWithIndianGroupingAndLatinDigits() {
    Session session =
        open(TestMerchants.create(), Map.of("language", "hindi", "amount", "149999.00"));
    String html = page(session, "en");
    assertThat(html)
        .contains("<html lang=\"hi\"")
        .contains("<title>Test merchant")
        .contains("को ₹1,49,999.00 का भुगतान करें</title>")
        .contains("<p class=\"amount\" id=\"amount\">₹1,49,999.00</p>")
        .contains("<summary>कार्ड</summary>", "<summary>UPI</summary>")
        .contains("कार्ड नंबर")
        .doesNotContain("Card number", "Send payment request");
  }

  @Test
  void anIsoCodeWorksToo() {
    assertThat(page(open(TestMerchants.create(), Map.of("language", "ta")), null))
        .contains("<html lang=\"ta\"")
        .contains("கார்டு எண்");
  }

  @Test
  void withoutLanguageAcceptLanguageDecidesWithItsQValues() {
    Session session = open(TestMerchants.create(), Map.of());
    assertThat(page(session, "en;q=0.4, bn-IN;q=0.9, hi;q=0.8"))
        .contains("<html lang=\"bn\"")
        .contains("কার্ড নম্বর");
    assertThat(page(session, "fr-FR, de;q=0.5")).contains("<html lang=\"en\"", "Card number");
    assertThat(page(session, null)).contains("<html lang=\"en\"");
  }

  @Test
  void anUnshippedLanguageIsShownInEnglishAndCounted() {
    double before = fallbacks();
    Session session = open(TestMerchants.create(), Map.of("language", "telugu"));
    assertThat(page(session, "hi"))
        .as("the session's choice is honoured as far as it can be: not replaced by the browser's")
        .contains("<html lang=\"en\"", "Card number");
    assertThat(fallbacks()).isEqualTo(before + 1);
    page(open(TestMerchants.create(), Map.of("language", "hindi")), null);
    assertThat(fallbacks()).as("a shipped language is no fallback").isEqualTo(before + 1);
  }

  private double fallbacks() {
    return metrics.counter("paysession.page.language.fallback").count();
  }

  @Test
  void fieldErrorsAreInThePagesLanguage() {
    Session session = open(TestMerchants.create(), Map.of("language", "hindi"));
    Response page = post(session.pagePath() + "/upi", "vpa", "not a vpa");
    assertThat(page.statusCode()).isEqualTo(400);
    assertThat(Shopper.errors(page.asString())).containsExactly("name@bank जैसी UPI ID डालें");
  }

  @Test
  void refusalsAreInThePagesLanguage() throws Exception {
    Session session = open(TestMerchants.create(), Map.of("language", "tamil"));
    Shopper.expire(dataSource, session);
    Response expired = browser().get(session.pagePath());
    assertThat(expired.statusCode()).isEqualTo(410);
    assertThat(expired.asString())
        .contains("<html lang=\"ta\"", "பணம் செலுத்தும் இணைப்பு காலாவதியானது");
    String missing = "/orders/ordeh_" + "0".repeat(32) + "/payment-page";
    assertThat(browser().get(missing).asString())
        .as("a link that does not exist has no session: the browser's language decides")
        .contains("<html lang=\"en\"", "Payment link not found");
    assertThat(browser().header("Accept-Language", "hi").get(missing).asString())
        .contains("<html lang=\"hi\"", "भुगतान लिंक नहीं मिला");
  }

  @Test
  void theSessionsThemeDarkOrLightElseTheBrowsersPreference() {
    assertThat(page(open(TestMerchants.create(), Map.of("theme", "dark")), null))
        .contains("<html lang=\"en\" data-theme=\"dark\">")
        .contains("<meta name=\"color-scheme\" content=\"dark\">");
    assertThat(page(open(TestMerchants.create(), Map.of("theme", "LIGHT")), null))
        .contains("<html lang=\"en\" data-theme=\"light\">");
    for (Map<String, Object> none :
        java.util.List.of(Map.<String, Object>of(), Map.<String, Object>of("theme", "neon"))) {
      assertThat(page(open(TestMerchants.create(), none), null))
          .as("no theme, or one the page does not have: the browser's prefers-color-scheme")
          .contains("<html lang=\"en\">")
          .contains("<meta name=\"color-scheme\" content=\"light dark\">");
    }
  }

  @Test
  void thePhoneIsShownWithItsCountryCode() {
    Session session =
        open(
            TestMerchants.create(),
            Map.of("customer_phone", "9876543210", "mobile_country_code", "+91"));
    assertThat(page(session, null))
        .contains("<p class=\"reference\" id=\"customer-phone\">Mobile +91 98765 43210</p>");
  }

  @Test
  void aPhoneGetsUpiFirstWithItsIntentLinkADesktopItsQrCode() {
    Merchant merchant = TestMerchants.createWithUpi();
    Session session = open(merchant, Map.of());
    String phone =
        browser()
            .header(
                "User-Agent",
                "Mozilla/5.0 (Linux; Android 14; Pixel 8) Chrome/131 Mobile Safari/537.36")
            .get(session.pagePath())
            .asString();
    assertThat(phone.indexOf("id=\"method-upi\"")).isLessThan(phone.indexOf("id=\"method-card\""));
    assertThat(phone).containsPattern("id=\"method-upi\"\\s+open");
    assertThat(phone.indexOf("id=\"upi-intent\"")).isPositive().isLessThan(phone.indexOf("<svg"));
    String desktop =
        browser()
            .header("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) Chrome/131")
            .get(session.pagePath())
            .asString();
    assertThat(desktop.indexOf("id=\"method-upi\""))
        .isLessThan(desktop.indexOf("id=\"method-card\""));
    assertThat(desktop.indexOf("id=\"upi-qr\""))
        .isPositive()
        .isLessThan(desktop.indexOf("upi://pay"));
    assertThat(desktop).doesNotContain("id=\"upi-intent\"");
  }
}
