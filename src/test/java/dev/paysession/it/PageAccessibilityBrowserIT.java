package dev.paysession.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Year;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;

/**
 * The payment page for every customer: each shipped language, both themes, a phone and a desktop,
 * the keyboard alone. axe-core checks every page state a customer can reach (WCAG 2.1 A and AA);
 * the customers pay for real on the way (Hindi, Tamil, Bengali, English; light and dark).
 *
 * <p>With {@code -Dpaysession.screenshots=true} the Hindi, Tamil, dark and phone pages are saved to
 * {@code docs/images/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PageAccessibilityBrowserIT {

  private static final String ADMIN_TOKEN = "it-admin-token-a11y-0123456789abcd";
  private static final String MERCHANT_NAME = "Chai Point";
  private static final String EXPIRY = String.format("12/%02d", (Year.now().getValue() + 3) % 100);
  private static final Duration STEP = Duration.ofSeconds(15);
  private static final String ANDROID =
      "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko)"
          + " Chrome/131.0.0.0 Mobile Safari/537.36";

  private Path dataDir;
  private PackagedServer server;
  private ReturnSite shop;
  private Browser browser;
  private Sessions sessions;
  private Axe axe;
  private String apiKey;
  private String desktopUserAgent;

  @BeforeAll
  void start() throws Exception {
    browser = Browser.startOrSkip();
    axe = Axe.load();
    desktopUserAgent = String.valueOf(browser.script("return navigator.userAgent"));
    dataDir = PackagedServer.newDataDir("a11y");
    server =
        PackagedServer.start(
            dataDir,
            PackagedServer.env(
                "PAYSESSION_ADMIN_TOKEN",
                ADMIN_TOKEN,
                // Pending requests stay pending while the test looks at them.
                "PAYSESSION_SANDBOX_PENDING_SETTLES_AFTER",
                "10M"));
    shop = ReturnSite.start();
    HttpResponse<String> created =
        server
            .http()
            .send(
                HttpRequest.newBuilder(URI.create(server.url("/admin/merchants")))
                    .timeout(Duration.ofSeconds(10))
                    .header("Authorization", "Bearer " + ADMIN_TOKEN)
                    .header("Content-Type", "application/json")
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            "{\"merchant_id\":\"chai_a11y\",\"name\":\""
                                + MERCHANT_NAME
                                + "\",\"environment\":\"sandbox\","
                                + "\"payment_page_client_ids\":[\"chai_a11y\"],"
                                + "\"upi_payee_vpa\":\"chaipoint@okaxis\","
                                + "\"upi_payee_name\":\"Chai Point\"}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    apiKey = Sessions.parse(created.body()).path("api_key").asText();
    sessions = new Sessions(server, "chai_a11y", apiKey, "chai_a11y");
  }

  @AfterAll
  void stop() {
    try {
      if (browser != null) {
        browser.close();
      }
    } finally {
      if (shop != null) {
        shop.close();
      }
      if (server != null) {
        server.close();
      }
      PackagedServer.deleteDataDir(dataDir);
    }
  }

  @BeforeEach
  void desktop() {
    browser.resize(Browser.DESKTOP);
    userAgent(null);
    colorScheme("");
    browser.drainConsole();
  }

  @AfterEach
  void noCspViolations() {
    browser.assertNoCspViolations();
  }

  static Stream<Arguments> languagesAndThemes() {
    return Stream.of("english", "hindi", "tamil", "bengali")
        .flatMap(language -> Stream.of(arguments(language, "light"), arguments(language, "dark")));
  }

  /**
   * Every state of the page in one language and theme, each checked by axe; the customer pays by
   * card (saving it), by net banking, and starts and cancels a UPI request on the way.
   */
  @ParameterizedTest(name = "{0}, {1}")
  @MethodSource("languagesAndThemes")
  void everyPageStatePassesAxeAndTheCustomerPays(String language, String theme) throws Exception {
    String lang =
        Map.of("english", "en", "hindi", "hi", "tamil", "ta", "bengali", "bn").get(language);
    String customer = "cust-" + UUID.randomUUID().toString().substring(0, 8);
    Consumer<ObjectNode> look =
        body -> {
          body.put("language", language);
          body.put("theme", theme);
          body.put("customer_id", customer);
          body.put("mobile_country_code", "91");
        };

    // The page with every section open: saved-card-less card form, UPI, net banking, wallets.
    Order card = newOrder("a11y-card", "149999.00", look);
    browser.open(card.link());
    assertThat(browser.script("return document.documentElement.lang")).isEqualTo(lang);
    assertThat(browser.text()).contains("₹1,49,999.00").contains("+91 98765 43210");
    assertTheme(theme);
    shot(language, theme, "page");
    openEverySection();
    axe.assertNoViolations(browser, "the page, every section open");

    // A validation error, then the card paid through 3-D Secure.
    typeCard("4111 1111 1111 1112", true);
    submit(section("method-card"));
    browser.until(
        STEP, "the field error", d -> !d.findElements(By.cssSelector("p.error")).isEmpty());
    axe.assertNoViolations(browser, "a validation error");
    shot(language, theme, "validation-error");
    WebElement number = section("method-card").findElement(By.name("card_number"));
    number.clear();
    section("method-card").findElement(By.name("name_on_card")).clear();
    typeCard("4111 1111 1111 1111", true);
    submit(section("method-card"));
    browser.until(STEP, "the 3-D Secure page", d -> !d.findElements(By.name("code")).isEmpty());
    assertThat(browser.script("return document.documentElement.lang")).isEqualTo(lang);
    axe.assertNoViolations(browser, "the 3-D Secure challenge");
    shot(language, theme, "3ds");
    WebElement otp = browser.driver().findElement(By.name("code"));
    otp.sendKeys("123456");
    browser.clickAndAwaitNextPage(
        browser.driver().findElement(By.cssSelector("form button[type=submit]")), STEP);
    assertLanded(card, "CHARGED");

    // Our own outcome pages: the paid order's page.
    browser.open(card.link());
    axe.assertNoViolations(browser, "a message page (already paid)");

    // The bank's approval page, declined.
    Order bank = newOrder("a11y-nb", "1499.00", look);
    browser.open(bank.link());
    new Select(section("method-nb").findElement(By.name("bank"))).selectByValue("NB_HDFC");
    submit(section("method-nb"));
    browser.until(STEP, "the bank's page", d -> !d.findElements(By.name("decision")).isEmpty());
    axe.assertNoViolations(browser, "the bank's approval page");
    browser.clickAndAwaitNextPage(
        browser.driver().findElement(By.cssSelector("button[name=decision][value=decline]")), STEP);
    assertLanded(bank, "AUTHENTICATION_FAILED");

    // A UPI request waiting: its page, the payment page's notice, the cancel.
    Order upi = newOrder("a11y-upi", "1.00", look);
    browser.open(upi.link());
    payByUpiId("pending@upi");
    browser.until(STEP, "the waiting page", d -> d.getCurrentUrl().contains("/attempts/"));
    axe.assertNoViolations(browser, "the waiting page");
    browser.open(upi.link());
    assertThat(browser.driver().findElements(By.id("pending-attempt"))).hasSize(1);
    axe.assertNoViolations(browser, "the payment page with a waiting request");
    browser.clickAndAwaitNextPage(
        browser.driver().findElement(By.cssSelector("#pending-attempt button[type=submit]")), STEP);
    assertThat(browser.driver().findElements(By.id("pending-attempt"))).isEmpty();
    axe.assertNoViolations(browser, "the payment page after a cancelled request");

    // An expired link.
    Order expired = newOrder("a11y-exp", "1.00", look);
    expire(expired);
    browser.open(expired.link());
    axe.assertNoViolations(browser, "an expired link");

    // The saved card's management page.
    Order manage =
        newOrder(
            "a11y-manage", "1.00", look.andThen(body -> body.put("action", "paymentManagement")));
    browser.open(manage.link());
    assertThat(browser.driver().findElements(By.cssSelector(".cards li"))).hasSize(1);
    axe.assertNoViolations(browser, "the saved cards' page");

    // A mandate order: the terms, the saved card first.
    Order mandate =
        newOrder(
            "a11y-mandate",
            "499.00",
            look.andThen(
                body -> {
                  body.put("options.create_mandate", "OPTIONAL");
                  body.put("mandate.max_amount", "5000.00");
                  body.put("mandate.frequency", "MONTHLY");
                  body.put("mandate.rule_value", "5");
                }));
    browser.open(mandate.link());
    assertThat(browser.driver().findElement(By.id("mandate-terms")).getText()).contains("5,000.00");
    List<WebElement> sections = browser.driver().findElements(By.cssSelector("details.method"));
    assertThat(sections.get(0).getDomAttribute("id"))
        .as("saved methods first")
        .isEqualTo("method-saved");
    openEverySection();
    axe.assertNoViolations(browser, "a mandate order's page");
  }

  /** The check can fail: a card number field that lost its label is reported. */
  @Test
  void aFieldWithoutItsLabelFailsTheAxeCheck() throws Exception {
    Order order = newOrder("a11y-broken", "1.00", body -> {});
    browser.open(order.link());
    openEverySection();
    assertThat(axe.violations(browser)).isEmpty();
    browser.script("document.querySelector('label[for=card-number]').remove()");
    assertThat(axe.violations(browser)).extracting(Axe.Violation::rule).contains("label");
  }

  /** Without a theme the page follows the system: a dark system gets the dark page. */
  @Test
  void withoutAThemeThePageFollowsPrefersColorScheme() throws Exception {
    Order order = newOrder("a11y-system", "1.00", body -> {});
    colorScheme("dark");
    browser.open(order.link());
    assertTheme("dark");
    openEverySection();
    axe.assertNoViolations(browser, "the system's dark theme");
    colorScheme("light");
    browser.open(order.link());
    assertTheme("light");
  }

  /** The whole payment with Tab, Shift+Tab, Enter and Space: no pointer. */
  @Test
  void aCustomerPaysByCardWithTheKeyboardAlone() throws Exception {
    Order order = newOrder("a11y-keys", "1.00", body -> body.put("language", "hindi"));
    browser.open(order.link());
    tabTo("#method-card > summary");
    keys(Keys.ENTER); // opens the card section
    tabTo("#card-number");
    keys("4111111111111111");
    tabTo("#card-name");
    keys("Asha Rao");
    tabTo("#card-exp");
    keys(EXPIRY);
    tabTo("#card-cvv");
    keys("123");
    // Shift+Tab goes back: to the expiry
    new Actions(browser.driver())
        .keyDown(Keys.SHIFT)
        .sendKeys(Keys.TAB)
        .keyUp(Keys.SHIFT)
        .perform();
    assertThat(focused()).isEqualTo("card-exp");
    tabTo("#method-card button[type=submit]");
    keys(Keys.SPACE);
    browser.until(STEP, "the 3-D Secure page", d -> !d.findElements(By.name("code")).isEmpty());
    tabTo("#otp");
    keys("123456");
    keys(Keys.ENTER);
    assertLanded(order, "CHARGED");
  }

  /** On a phone UPI comes first, its intent link before all; on a desktop its QR code. */
  @Test
  void aPhoneGetsTheUpiAppFirstADesktopTheQrCode() throws Exception {
    Order order = newOrder("a11y-phone", "1499.00", body -> body.put("language", "hindi"));
    browser.resize(new org.openqa.selenium.Dimension(390, 900));
    userAgent(ANDROID);
    browser.open(order.link());
    List<WebElement> sections = browser.driver().findElements(By.cssSelector("details.method"));
    assertThat(sections.get(0).getDomAttribute("id")).isEqualTo("method-upi");
    assertThat(sections.get(0).getDomAttribute("open")).isNotNull();
    WebElement first = sections.get(0).findElement(By.cssSelector("summary + *"));
    assertThat(first.getDomAttribute("id")).isEqualTo("upi-intent");
    assertThat(first.findElement(By.tagName("a")).getDomAttribute("href"))
        .startsWith("upi://pay?pa=chaipoint@okaxis")
        .contains("am=1499.00");
    assertThat(browser.horizontalOverflow()).isZero();
    axe.assertNoViolations(browser, "the page on a phone");
    browser.screenshotOfWindow("phone-hindi");

    userAgent(null);
    browser.resize(Browser.DESKTOP);
    browser.open(order.link());
    WebElement upi = browser.driver().findElements(By.cssSelector("details.method")).get(0);
    assertThat(upi.getDomAttribute("id")).isEqualTo("method-upi");
    assertThat(upi.findElement(By.cssSelector("summary + *")).getDomAttribute("id"))
        .isEqualTo("upi-qr");
    assertThat(upi.findElement(By.cssSelector("#upi-qr svg")).getRect().getWidth())
        .isGreaterThan(150);
  }

  /** A second press while a UPI request waits: the page shows it; cancelled, the card pays. */
  @Test
  void aSecondPressShowsTheWaitingRequestInsteadOfSendingAnother() throws Exception {
    Order order = newOrder("a11y-twice", "1.00", body -> {});
    browser.open(order.link());
    String page = browser.url();
    payByUpiId("pending@upi");
    browser.until(STEP, "the waiting page", d -> d.getCurrentUrl().contains("/attempts/"));
    browser.driver().navigate().back(); // the customer goes back and presses again
    browser.open(page);
    payByUpiId("pending@upi");
    browser.until(STEP, "the notice", d -> !d.findElements(By.id("pending-attempt")).isEmpty());
    assertThat(browser.text()).contains("A payment request is already waiting");
    browser.screenshot("pending-request");
    browser.clickAndAwaitNextPage(
        browser.driver().findElement(By.cssSelector("#pending-attempt button[type=submit]")), STEP);
    payByUpiId("success@upi");
    assertLanded(order, "CHARGED");
    JsonNode status = orderStatus(order.id());
    assertThat(status.path("txn_id").asText()).endsWith("-2");
    assertThat(status.path("refunds").size()).as("charged once, nothing to give back").isZero();
  }

  // --- helpers ---------------------------------------------------------------------------------

  private record Order(String id, String link) {}

  private Order newOrder(String prefix, String amount, Consumer<ObjectNode> customize)
      throws Exception {
    String orderId = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    ObjectNode body = sessions.readmeBody(orderId, amount);
    body.put("return_url", shop.returnUrl(orderId));
    body.put("customer_id", "cust-" + orderId);
    customize.accept(body);
    Sessions.Reply reply = sessions.create(body);
    assertThat(reply.status()).as(reply.raw()).isEqualTo(200);
    return new Order(orderId, reply.json().path("payment_links").path("web").asText());
  }

  /**
   * Screenshots for docs/images: every state in Hindi and in the dark theme; the first page in
   * Tamil, Tamil dark and Bengali (PaymentPageBrowserIT draws the English light pages).
   */
  private void shot(String language, String theme, String state) {
    boolean dark = theme.equals("dark");
    String name =
        switch (language) {
          case "hindi" -> dark ? null : "hindi-" + state;
          case "english" -> dark ? "dark-" + state : null;
          default -> state.equals("page") ? language + (dark ? "-dark" : "") : null;
        };
    if (name != null) {
      browser.screenshot(name);
    }
  }

  private void openEverySection() {
    browser.script("document.querySelectorAll('details').forEach(d => d.open = true)");
  }

  private WebElement section(String id) {
    WebElement details = browser.driver().findElement(By.id(id));
    if (details.getDomAttribute("open") == null) {
      details.findElement(By.tagName("summary")).click();
    }
    return details;
  }

  private void typeCard(String number, boolean save) {
    WebElement form = section("method-card");
    form.findElement(By.name("card_number")).sendKeys(number);
    form.findElement(By.name("name_on_card")).sendKeys("Asha Rao");
    WebElement expiry = form.findElement(By.name("card_exp"));
    expiry.clear();
    expiry.sendKeys(EXPIRY);
    form.findElement(By.name("card_cvv")).sendKeys("123");
    List<WebElement> saveBox = form.findElements(By.name("save_card"));
    if (save && !saveBox.isEmpty() && !saveBox.get(0).isSelected()) {
      saveBox.get(0).click();
    }
  }

  private void payByUpiId(String vpa) {
    WebElement form = section("method-upi");
    WebElement input = form.findElement(By.name("vpa"));
    input.clear();
    input.sendKeys(vpa);
    submit(form);
  }

  private void submit(WebElement section) {
    browser.clickAndAwaitNextPage(
        section.findElement(By.cssSelector("form button[type=submit]")), STEP);
  }

  /** Presses Tab (at most 60 times) until {@code css} has the focus. */
  private void tabTo(String css) {
    WebElement target = browser.driver().findElement(By.cssSelector(css));
    for (int i = 0; i < 60; i++) {
      if (target.equals(browser.driver().switchTo().activeElement())) {
        return;
      }
      keys(Keys.TAB);
    }
    throw new AssertionError("Tab never reached " + css + "; focus is on " + focused());
  }

  private void keys(CharSequence keys) {
    new Actions(browser.driver()).sendKeys(keys).perform();
  }

  private String focused() {
    return String.valueOf(browser.script("return document.activeElement.id"));
  }

  /** The sheet's background is dark (luminance below 0.2) or light (above 0.8). */
  private void assertTheme(String theme) {
    String rgb =
        String.valueOf(
            browser.script(
                "return getComputedStyle(document.querySelector('.sheet')).backgroundColor"));
    String[] parts = rgb.replaceAll("[^0-9,]", "").split(",");
    double luminance =
        (0.2126 * Integer.parseInt(parts[0])
                + 0.7152 * Integer.parseInt(parts[1])
                + 0.0722 * Integer.parseInt(parts[2]))
            / 255;
    if (theme.equals("dark")) {
      assertThat(luminance).as("dark sheet %s", rgb).isLessThan(0.2);
    } else {
      assertThat(luminance).as("light sheet %s", rgb).isGreaterThan(0.8);
    }
  }

  /** The browser's user agent, or a phone's; null: the desktop one it started with. */
  private void userAgent(String userAgent) {
    browser.cdp(
        "Emulation.setUserAgentOverride",
        Map.of(
            "userAgent",
            userAgent == null ? desktopUserAgent : userAgent,
            "userAgentMetadata",
            metadata(userAgent != null)));
  }

  private static Map<String, Object> metadata(boolean mobile) {
    return Map.of(
        "platform", mobile ? "Android" : "Linux",
        "platformVersion", mobile ? "14" : "",
        "architecture", "",
        "model", mobile ? "Pixel 8" : "",
        "mobile", mobile);
  }

  private void colorScheme(String scheme) {
    browser.cdp(
        "Emulation.setEmulatedMedia",
        Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", scheme))));
  }

  private void expire(Order order) throws Exception {
    try (Connection db =
            DriverManager.getConnection(server.jdbcUrl(), "postgres", server.dbPassword());
        PreparedStatement expire =
            db.prepareStatement(
                "UPDATE orders SET expires_at = now() - interval '1 second'"
                    + " WHERE merchant_id = ? AND order_id = ?")) {
      expire.setString(1, "chai_a11y");
      expire.setString(2, order.id());
      assertThat(expire.executeUpdate()).isEqualTo(1);
    }
  }

  private void assertLanded(Order order, String status) throws Exception {
    String returnUrl = shop.returnUrl(order.id());
    browser.until(
        STEP, "the redirect to " + returnUrl, d -> d.getCurrentUrl().startsWith(returnUrl + "?"));
    assertThat(browser.url()).contains("status=" + status);
    assertThat(orderStatus(order.id()).path("status").asText()).isEqualTo(status);
  }

  private JsonNode orderStatus(String orderId) throws Exception {
    HttpResponse<String> response =
        server
            .http()
            .send(
                HttpRequest.newBuilder(URI.create(server.baseUrl() + "/orders/" + orderId))
                    .timeout(Duration.ofSeconds(10))
                    .header("Authorization", Sessions.basic(apiKey))
                    .header("x-merchantid", "chai_a11y")
                    .GET()
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return Sessions.parse(response.body());
  }

  @SuppressWarnings("unused")
  private static String heading(WebDriver driver) {
    List<WebElement> h1 = driver.findElements(By.tagName("h1"));
    return h1.isEmpty() ? "" : h1.get(0).getText();
  }
}
