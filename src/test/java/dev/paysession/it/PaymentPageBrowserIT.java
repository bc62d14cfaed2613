package dev.paysession.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.paysession.checkout.MerchantSideVerifier;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Year;
import java.util.LinkedHashMap;
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
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The hosted payment page in real Chromium, against the packaged server: a merchant backend creates
 * a session, the customer opens {@code payment_links.web} and pays, lands on the merchant's return
 * URL, and the redirect (signed) and {@code GET /orders/{order_id}} tell the same outcome.
 *
 * <p>Every page visited must work under its own Content-Security-Policy: the console is checked for
 * violations after each test. With {@code -Dpaysession.screenshots=true} the main states are saved
 * to {@code docs/images/payment-page-*.png}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PaymentPageBrowserIT {

  private static final String ADMIN_TOKEN = "it-admin-token-browser-0123456789";
  private static final String MERCHANT_NAME = "Chai Point";
  private static final String AMOUNT = "149.00";
  private static final String CODE = "123456";
  private static final String EXPIRY = String.format("12/%02d", (Year.now().getValue() + 3) % 100);
  private static final Duration STEP = Duration.ofSeconds(15);
  // pending instruments settle after 2 s (set below) and the pending page reloads every 2 s
  private static final Duration SETTLE = Duration.ofSeconds(30);
  // a 360 px wide phone; the height includes the window frame headless Chromium still counts
  private static final Dimension PHONE = new Dimension(360, 900);
  // valid, but no sandbox test instrument: refused before any authentication
  private static final String NOT_A_TEST_CARD = "4242 4242 4242 4242";
  private static final String NOT_A_TEST_VPA = "someone@okbank";

  /** Juspay's status ids, as its docs list them. */
  private static final Map<String, Integer> STATUS_IDS =
      Map.of(
          "CHARGED", 21,
          "JUSPAY_DECLINED", 22,
          "AUTHENTICATION_FAILED", 26,
          "AUTHORIZATION_FAILED", 27);

  private Path dataDir;
  private PackagedServer server;
  private ReturnSite shop;
  private Browser browser;
  private Sessions sessions;
  private String merchantId;
  private String apiKey;
  private String responseKey;

  @BeforeAll
  void start() throws Exception {
    browser = Browser.startOrSkip();
    dataDir = PackagedServer.newDataDir("browser");
    server =
        PackagedServer.start(
            dataDir,
            PackagedServer.env(
                "PAYSESSION_ADMIN_TOKEN",
                ADMIN_TOKEN,
                "PAYSESSION_SANDBOX_PENDING_SETTLES_AFTER",
                "2S"));
    shop = ReturnSite.start();
    merchantId = "chai_point";
    JsonNode merchant =
        post(
            "/admin/merchants",
            "Bearer " + ADMIN_TOKEN,
            "{\"merchant_id\":\"chai_point\",\"name\":\""
                + MERCHANT_NAME
                + "\",\"environment\":\"sandbox\",\"payment_page_client_ids\":[\"chai_point\"],"
                + "\"upi_payee_vpa\":\"chaipoint@okaxis\",\"upi_payee_name\":\"Chai Point\"}",
            201);
    apiKey = merchant.path("api_key").asText();
    responseKey = merchant.path("response_key").asText();
    assertThat(apiKey).isNotBlank();
    assertThat(responseKey).isNotBlank();
    sessions = new Sessions(server, merchantId, apiKey, "chai_point");
  }

  @AfterAll
  void stop() {
    if (browser != null) {
      List<String> console = browser.consoleSoFar();
      System.out.printf(
          "PaymentPageBrowserIT: %d console messages, e.g. %s%n",
          console.size(), console.subList(0, Math.min(5, console.size())));
    }
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
  void desktopWindow() {
    browser.resize(Browser.DESKTOP);
    browser.drainConsole();
  }

  @AfterEach
  void noCspViolations() {
    browser.assertNoCspViolations();
  }

  // --- every documented test instrument -------------------------------------------------------

  /** The sandbox help on the page is the documentation of the test data: it lists these. */
  @Test
  void thePageDocumentsTheTestDataTheseTestsPayWith() throws Exception {
    Order order = newOrder("docs", body -> {});
    browser.open(order.link());
    section("sandbox-help");
    Map<String, String> documented = new LinkedHashMap<>();
    // The payment instruments' tables; the refund amounts' table is RefundApiTest's, the
    // mandates' MandateBrowserIT's.
    for (WebElement row :
        driver()
            .findElements(
                By.cssSelector(
                    "#sandbox-help table:not(#sandbox-refunds):not(#sandbox-mandates) tbody tr"))) {
      List<WebElement> cells = row.findElements(By.tagName("td"));
      documented.put(cells.get(0).getText(), cells.get(1).getText());
    }
    Map<String, String> tested = new LinkedHashMap<>();
    cards().forEach(a -> tested.put((String) a.get()[0], outcomeText((String) a.get()[2])));
    upiIds().forEach(a -> tested.put((String) a.get()[0], outcomeText((String) a.get()[1])));
    notEnrolledCards().forEach(a -> tested.put((String) a.get()[0], NOT_ENROLLED_TEXT));
    tested.remove(NOT_A_TEST_CARD);
    tested.remove(NOT_A_TEST_VPA);
    assertThat(documented).containsExactlyInAnyOrderEntriesOf(tested);
    assertThat(browser.text()).contains("The 3-D Secure code is " + CODE);
  }

  static Stream<Arguments> cards() {
    return Stream.of(
        arguments("4111 1111 1111 1111", "123", "CHARGED"),
        arguments("5555 5555 5555 4444", "123", "CHARGED"),
        arguments("3782 8224 6310 005", "1234", "CHARGED"),
        arguments("6521 0000 0000 0007", "123", "CHARGED"),
        arguments("4000 0000 0000 0002", "123", "AUTHORIZATION_FAILED"),
        arguments("4000 0000 0000 0010", "123", "AUTHENTICATION_FAILED"),
        arguments("4000 0000 0000 0028", "123", "PENDING_THEN_CHARGED"),
        arguments(NOT_A_TEST_CARD, "123", "JUSPAY_DECLINED"));
  }

  private static final String NOT_ENROLLED_TEXT =
      "Not enrolled in 3-D Secure: charged without a challenge if the order allows it";

  static Stream<Arguments> notEnrolledCards() {
    return Stream.of(
        arguments("4000 0000 0000 0044", "123"), arguments("5200 0000 0000 0007", "123"));
  }

  /**
   * The 3-D Secure exemption as a customer meets it: no challenge page where the order allows it
   * ({@code metadata.txns.allow_card_no_3ds}), a refusal without a challenge anywhere else.
   */
  @ParameterizedTest(name = "card {0}, not enrolled in 3-D Secure")
  @MethodSource("notEnrolledCards")
  void aCardNotEnrolledInThreeDSecureIsChargedWithoutAChallengeOnlyWhereTheOrderAllowsIt(
      String number, String cvv) throws Exception {
    Order exempt = newOrder("no3ds", body -> body.put("metadata.txns.allow_card_no_3ds", "true"));
    browser.open(exempt.link());
    payWithCard(number, cvv, false);
    assertLanded(exempt, "CHARGED", STEP);
    assertThat(orderStatus(exempt.id()).path("auth_type").asText()).isEqualTo("NO_THREE_DS");

    Order domestic = newOrder("3dsreq", body -> {});
    browser.open(domestic.link());
    payWithCard(number, cvv, false);
    assertLanded(domestic, "AUTHENTICATION_FAILED", STEP);
  }

  @ParameterizedTest(name = "card {0} → {2}")
  @MethodSource("cards")
  void payByCard(String number, String cvv, String outcome) throws Exception {
    Order order = newOrder("card", body -> {});
    browser.open(order.link());
    assertThat(browser.title()).isEqualTo("Pay ₹" + AMOUNT + " to " + MERCHANT_NAME);
    payWithCard(number, cvv, false);
    if (!outcome.equals("JUSPAY_DECLINED")) {
      threeDSecure(CODE, lastFour(number));
    }
    if (outcome.equals("PENDING_THEN_CHARGED")) {
      awaitPendingPage();
      assertLanded(order, "CHARGED", SETTLE);
    } else {
      assertLanded(order, outcome, STEP);
    }
    JsonNode card = orderStatus(order.id()).path("card");
    assertThat(card.path("last_four_digits").asText()).isEqualTo(lastFour(number));
  }

  @Test
  void aWrongThreeDSecureCodeFailsAuthentication() throws Exception {
    Order order = newOrder("otp", body -> {});
    browser.open(order.link());
    payWithCard("4111 1111 1111 1111", "123", false);
    browser.until(STEP, "the 3-D Secure page", d -> heading(d).equals("Verify it's you"));
    browser.screenshot("3ds");
    threeDSecure("654321", "1111");
    assertLanded(order, "AUTHENTICATION_FAILED", STEP);
  }

  static Stream<Arguments> upiIds() {
    return Stream.of(
        arguments("success@upi", "CHARGED"),
        arguments("failure@upi", "AUTHORIZATION_FAILED"),
        arguments("decline@upi", "AUTHENTICATION_FAILED"),
        arguments("pending@upi", "PENDING_THEN_CHARGED"),
        arguments(NOT_A_TEST_VPA, "JUSPAY_DECLINED"));
  }

  @ParameterizedTest(name = "UPI {0} → {1}")
  @MethodSource("upiIds")
  void payByUpi(String vpa, String outcome) throws Exception {
    Order order = newOrder("upi", body -> {});
    browser.open(order.link());
    payByUpiId(vpa);
    if (outcome.equals("PENDING_THEN_CHARGED")) {
      awaitPendingPage();
      assertLanded(order, "CHARGED", SETTLE);
    } else {
      assertLanded(order, outcome, STEP);
    }
    assertThat(orderStatus(order.id()).path("upi").path("payer_vpa").asText()).isEqualTo(vpa);
  }

  static Stream<Arguments> banksAndWallets() {
    return Stream.of(
        arguments("method-nb", "HDFC Bank", "approve", "CHARGED"),
        arguments("method-nb", "State Bank of India", "decline", "AUTHENTICATION_FAILED"),
        arguments("method-wallet", "Paytm", "approve", "CHARGED"),
        arguments("method-wallet", "PhonePe", "decline", "AUTHENTICATION_FAILED"));
  }

  @ParameterizedTest(name = "{1}, {2} → {3}")
  @MethodSource("banksAndWallets")
  void payByNetBankingOrWallet(String method, String provider, String decision, String outcome)
      throws Exception {
    Order order = newOrder(method.substring(7), body -> {});
    browser.open(order.link());
    WebElement form = section(method);
    if (method.equals("method-nb")) {
      new Select(form.findElement(By.name("bank"))).selectByVisibleText(provider);
    } else {
      form.findElement(By.xpath(".//label[normalize-space()='" + provider + "']")).click();
    }
    submit(form);
    browser.until(STEP, "the provider's approval page", d -> heading(d).equals(provider));
    assertThat(browser.text())
        .contains("Approve the payment of ₹" + AMOUNT + " to " + MERCHANT_NAME);
    browser.clickAndAwaitNextPage(
        driver().findElement(By.cssSelector("button[name=decision][value=" + decision + "]")),
        STEP);
    assertLanded(order, outcome, STEP);
  }

  // --- journeys -------------------------------------------------------------------------------

  @Test
  void aFailedPaymentCanBeRetriedOnTheSameLinkAndThenTheOrderIsPaid() throws Exception {
    Order order = newOrder("retry", body -> {});
    browser.open(order.link());
    payWithCard("4000 0000 0000 0002", "123", false);
    threeDSecure(CODE, "0002");
    assertLanded(order, "AUTHORIZATION_FAILED", STEP);

    browser.open(order.link());
    assertThat(browser.text())
        .contains("Your last payment attempt did not go through (AUTHORIZATION_FAILED")
        .contains("You can try again.");
    payByUpiId("success@upi");
    assertLanded(order, "CHARGED", STEP);
    assertThat(shop.visitsFor(order.id())).as("one redirect per finished attempt").hasSize(2);

    browser.open(order.link());
    assertThat(browser.heading()).isEqualTo("Already paid");
    assertThat(browser.text()).contains("Order " + order.id() + " has already been paid");
    assertThat(get(order.link())).isEqualTo(409);
  }

  /** The customer paid in one tab and submits the form still open in another. */
  @Test
  void aPaidOrderTakesNoSecondPayment() throws Exception {
    Order order = newOrder("paid", body -> {});
    browser.open(order.link());
    String firstTab = driver().getWindowHandle();
    driver().switchTo().newWindow(WindowType.TAB);
    try {
      browser.open(order.link());
      payWithCard("4111 1111 1111 1111", "123", false);
      threeDSecure(CODE, "1111");
      assertLanded(order, "CHARGED", STEP);
    } finally {
      driver().close();
      driver().switchTo().window(firstTab);
    }
    payWithCard("5555 5555 5555 4444", "123", false);
    browser.until(STEP, "the refusal", d -> heading(d).equals("Already paid"));
    assertThat(browser.text()).contains("has already been paid. Nothing more is due.");
    browser.screenshot("already-paid");
    assertThat(shop.visitsFor(order.id())).as("the refused attempt redirected nowhere").hasSize(1);
    JsonNode status = orderStatus(order.id());
    assertThat(status.path("status").asText()).isEqualTo("CHARGED");
    assertThat(status.path("card").path("last_four_digits").asText()).isEqualTo("1111");
  }

  @Test
  void anExpiredLinkTakesNoPayment() throws Exception {
    Order order = newOrder("expired", body -> body.put("metadata.expiryInMins", "1"));
    browser.open(order.link());
    assertThat(browser.text()).contains("₹" + AMOUNT);
    WebElement card = typeCard("4111 1111 1111 1111", "123", false);

    // A minute is too long to wait for: move the expiry into the past where the server keeps it.
    try (Connection db =
            DriverManager.getConnection(server.jdbcUrl(), "postgres", server.dbPassword());
        PreparedStatement expire =
            db.prepareStatement(
                "UPDATE orders SET expires_at = now() - interval '1 second'"
                    + " WHERE merchant_id = ? AND order_id = ?")) {
      expire.setString(1, merchantId);
      expire.setString(2, order.id());
      assertThat(expire.executeUpdate()).isEqualTo(1);
    }

    submit(card);
    browser.until(STEP, "the refusal", d -> heading(d).equals("Payment link expired"));
    assertThat(browser.text()).contains("Ask " + MERCHANT_NAME + " for a new one.");

    browser.open(order.link());
    assertThat(browser.heading()).isEqualTo("Payment link expired");
    browser.screenshot("expired");
    assertThat(get(order.link())).isEqualTo(410);
    assertThat(shop.visitsFor(order.id())).isEmpty();
    assertThat(orderStatus(order.id()).path("status").asText()).isEqualTo("NEW");
  }

  @Test
  void badInputIsShownOnThePageAndCanBeCorrected() throws Exception {
    Order order = newOrder("invalid", body -> {});
    browser.open(order.link());
    payWithCard("4111 1111 1111 1112", "123", false);
    WebElement error = awaitError("This card number is not valid");
    assertThat(error.isDisplayed()).isTrue();
    assertThat(driver().findElement(By.name("name_on_card")).getDomProperty("value"))
        .as("what was typed, apart from card data, is kept")
        .isEqualTo("Asha Rao");
    browser.screenshot("validation-error");

    payByUpiId("not a upi id");
    assertThat(awaitError("Enter a UPI ID such as name@bank").isDisplayed()).isTrue();
    assertThat(shop.visitsFor(order.id())).isEmpty();
    assertThat(orderStatus(order.id()).path("status").asText()).isEqualTo("NEW");

    WebElement card = section("method-card");
    card.findElement(By.name("card_number")).clear();
    card.findElement(By.name("name_on_card")).clear();
    payWithCard("4111 1111 1111 1111", "123", false);
    threeDSecure(CODE, "1111");
    assertLanded(order, "CHARGED", STEP);
  }

  @Test
  void aSavedCardIsOfferedOnTheNextOrderAndCanBeDeleted() throws Exception {
    String customer = "cust-" + UUID.randomUUID().toString().substring(0, 8);
    Order first = newOrder("save", body -> body.put("customer_id", customer));
    browser.open(first.link());
    payWithCard("5555 5555 5555 4444", "123", true);
    threeDSecure(CODE, "4444");
    assertLanded(first, "CHARGED", STEP);

    Order second = newOrder("saved", body -> body.put("customer_id", customer));
    browser.open(second.link());
    WebElement saved = section("method-saved");
    assertThat(saved.getText()).contains("Saved cards").contains("ending 4444");
    saved.findElement(By.name("card_cvv")).sendKeys("123");
    submit(saved);
    threeDSecure(CODE, "4444");
    assertLanded(second, "CHARGED", STEP);
    JsonNode card = orderStatus(second.id()).path("card");
    assertThat(card.path("using_saved_card").asBoolean()).isTrue();
    assertThat(card.path("last_four_digits").asText()).isEqualTo("4444");

    Order manage =
        newOrder(
            "manage",
            body -> {
              body.put("customer_id", customer);
              body.put("action", "paymentManagement");
            });
    browser.open(manage.link());
    assertThat(browser.heading()).isEqualTo("Your saved cards");
    assertThat(browser.text()).contains("ending 4444");
    browser.clickAndAwaitNextPage(
        driver().findElement(By.cssSelector(".cards button[type=submit]")), STEP);
    assertThat(browser.text()).doesNotContain("ending 4444").contains("You have no saved cards.");

    Order third = newOrder("nosaved", body -> body.put("customer_id", customer));
    browser.open(third.link());
    assertThat(driver().findElements(By.id("method-saved"))).isEmpty();
    assertThat(driver().findElement(By.id("method-upi")).getDomAttribute("open")).isNotNull();
  }

  // --- how it looks ---------------------------------------------------------------------------

  @Test
  void theDesktopPageShowsTheOrderAndAScannableUpiCode() throws Exception {
    Order order = newOrder("desktop", body -> {});
    browser.open(order.link());
    assertThat(browser.text())
        .contains(MERCHANT_NAME)
        .contains("₹" + AMOUNT)
        .contains("Complete your payment")
        .contains("Order " + order.id())
        .contains("Sandbox: no real money moves");
    // A desktop sees UPI first, open, with its QR code at the top (issue 18).
    assertThat(driver().findElement(By.cssSelector("#upi-qr svg")).isDisplayed()).isTrue();
    browser.screenshot("desktop");

    WebElement upi = section("method-upi");
    WebElement qr = upi.findElement(By.cssSelector("svg[role=img]"));
    assertThat(qr.isDisplayed()).isTrue();
    assertThat(qr.getRect().getWidth()).as("a QR code big enough to scan").isGreaterThan(150);
    assertThat(qr.getDomAttribute("aria-label")).isEqualTo("UPI QR code to pay " + MERCHANT_NAME);
    String intent = upi.findElement(By.linkText("Open a UPI app")).getDomAttribute("href");
    assertThat(intent)
        .startsWith("upi://pay?")
        .contains("pa=chaipoint@okaxis")
        .contains("am=149.00");
    // The sandbox cannot track a scan: the page must not let a tester think it can.
    assertThat(upi.getText()).contains("the sandbox cannot see payments made this way");
    browser.screenshot("upi");
  }

  @Test
  void onAPhoneEveryStepFitsTheScreenWidth() throws Exception {
    browser.resize(PHONE);
    Order order = newOrder("phone", body -> {});
    browser.open(order.link());
    assertThat(browser.viewportWidth()).as("a phone-sized viewport").isLessThanOrEqualTo(360);
    assertThat(browser.horizontalOverflow()).as("no horizontal scrolling").isZero();
    browser.screenshotOfWindow("mobile");
    for (String method :
        List.of("method-card", "method-upi", "method-nb", "method-wallet", "sandbox-help")) {
      WebElement section = section(method);
      assertThat(browser.horizontalOverflow())
          .as("no horizontal scrolling with %s open", method)
          .isZero();
      assertThat(section.getRect().getX() + section.getRect().getWidth())
          .isLessThanOrEqualTo((int) browser.viewportWidth());
    }
    WebElement pay = section("method-card").findElement(By.cssSelector("button[type=submit]"));
    assertThat(pay.getRect().getX() + pay.getRect().getWidth())
        .as("the pay button fits")
        .isLessThanOrEqualTo((int) browser.viewportWidth());

    payWithCard("4111 1111 1111 1111", "123", false);
    browser.until(STEP, "the 3-D Secure page", d -> heading(d).equals("Verify it's you"));
    assertThat(browser.horizontalOverflow())
        .as("3-D Secure page: no horizontal scrolling")
        .isZero();
    threeDSecure(CODE, "1111");
    assertLanded(order, "CHARGED", STEP);
  }

  /** The CSP check above cannot pass by not looking: a page breaking its policy is caught. */
  @Test
  void aCspViolationReachesTheConsoleCheck() {
    browser.open(shop.baseUrl() + "/csp-probe");
    assertThat(browser.drainConsole()).anyMatch(Browser::isCspViolation);
  }

  // --- the customer's steps -------------------------------------------------------------------

  private WebDriver driver() {
    return browser.driver();
  }

  private static String heading(WebDriver driver) {
    List<WebElement> h1 = driver.findElements(By.tagName("h1"));
    return h1.isEmpty() ? "" : h1.get(0).getText();
  }

  /** Opens a payment method's section (a {@code <details>}) if closed, and returns it. */
  private WebElement section(String id) {
    WebElement details = driver().findElement(By.id(id));
    if (details.getDomAttribute("open") == null) {
      details.findElement(By.tagName("summary")).click();
    }
    assertThat(details.getDomProperty("open")).isEqualTo("true");
    return details;
  }

  private void payWithCard(String number, String cvv, boolean save) {
    submit(typeCard(number, cvv, save));
  }

  private WebElement typeCard(String number, String cvv, boolean save) {
    WebElement form = section("method-card");
    form.findElement(By.name("card_number")).sendKeys(number);
    form.findElement(By.name("name_on_card")).sendKeys("Asha Rao");
    form.findElement(By.name("card_exp")).sendKeys(EXPIRY);
    form.findElement(By.name("card_cvv")).sendKeys(cvv);
    if (save) {
      form.findElement(By.xpath(".//label[contains(., 'Save this card')]")).click();
    }
    return form;
  }

  private void payByUpiId(String vpa) {
    WebElement form = section("method-upi");
    WebElement input = form.findElement(By.name("vpa"));
    input.clear();
    input.sendKeys(vpa);
    submit(form);
  }

  /** Clicks the section's submit button and waits for the next page. */
  private void submit(WebElement section) {
    browser.clickAndAwaitNextPage(section.findElement(By.cssSelector("button[type=submit]")), STEP);
  }

  private void threeDSecure(String code, String lastFour) {
    browser.until(STEP, "the 3-D Secure page", d -> heading(d).equals("Verify it's you"));
    assertThat(browser.text()).contains("ending " + lastFour);
    WebElement form = driver().findElement(By.tagName("form"));
    form.findElement(By.name("code")).sendKeys(code);
    submit(form);
  }

  private void awaitPendingPage() {
    browser.until(STEP, "the pending page", d -> heading(d).equals("Waiting for your bank"));
    // It reloads itself: it must sit at a URL a GET can load again (post/redirect/get).
    assertThat(browser.url()).matches(".*/payment-page/attempts/[0-9a-f]+");
  }

  private WebElement awaitError(String message) {
    By error = By.xpath("//p[@class='error'][normalize-space()='" + message + "']");
    browser.until(
        STEP, "the error " + message, ExpectedConditions.visibilityOfElementLocated(error));
    return driver().findElement(error);
  }

  /**
   * The customer is back at the shop; the shop verifies the signed redirect it received with the
   * merchant's response key, and asks the order status API, which must agree.
   */
  private void assertLanded(Order order, String status, Duration timeout) throws Exception {
    String returnUrl = shop.returnUrl(order.id());
    browser.until(
        timeout,
        "the redirect to " + returnUrl,
        d -> d.getCurrentUrl().startsWith(returnUrl + "?"));
    String landed = browser.url();
    assertThat(browser.text()).contains("Order " + order.id() + ": " + status);
    List<ReturnSite.Visit> visits = shop.visitsFor(order.id());
    assertThat(visits).isNotEmpty();
    assertThat(visits.get(visits.size() - 1).url(shop.baseUrl()))
        .as("the shop received what the browser shows")
        .isEqualTo(landed);

    Map<String, String> query = MerchantSideVerifier.query(landed);
    assertThat(query)
        .containsEntry("order_id", order.id())
        .containsEntry("status", status)
        .containsEntry("status_id", Integer.toString(STATUS_IDS.get(status)))
        .containsEntry("signature_algorithm", "HMAC-SHA256");
    assertThat(MerchantSideVerifier.verify(landed, responseKey))
        .as("signature of %s", landed)
        .isTrue();

    JsonNode api = orderStatus(order.id());
    assertThat(api.path("status").asText()).as("GET /orders/%s", order.id()).isEqualTo(status);
    assertThat(api.path("status_id").asInt()).isEqualTo(STATUS_IDS.get(status));
  }

  // --- the merchant's backend -----------------------------------------------------------------

  private record Order(String id, String link) {}

  private Order newOrder(String prefix, Consumer<ObjectNode> customize) throws Exception {
    String orderId = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    ObjectNode body = sessions.readmeBody(orderId, AMOUNT);
    body.put("return_url", shop.returnUrl(orderId));
    // Each order its own customer unless the test says otherwise: saved cards stay apart.
    body.put("customer_id", "cust-" + orderId);
    customize.accept(body);
    Sessions.Reply reply = sessions.create(body);
    assertThat(reply.status()).as(reply.raw()).isEqualTo(200);
    String link = reply.json().path("payment_links").path("web").asText();
    assertThat(link).startsWith("http://localhost:").endsWith("/payment-page");
    return new Order(orderId, link);
  }

  private JsonNode orderStatus(String orderId) throws Exception {
    HttpResponse<String> response =
        server
            .http()
            .send(
                HttpRequest.newBuilder(URI.create(server.baseUrl() + "/orders/" + orderId))
                    .timeout(Duration.ofSeconds(10))
                    .header("Authorization", Sessions.basic(apiKey))
                    .header("x-merchantid", merchantId)
                    .GET()
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return Sessions.parse(response.body());
  }

  private int get(String url) throws Exception {
    return server
        .http()
        .send(
            HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  private JsonNode post(String path, String authorization, String json, int expected)
      throws Exception {
    HttpResponse<String> response =
        server
            .http()
            .send(
                HttpRequest.newBuilder(URI.create(server.url(path)))
                    .timeout(Duration.ofSeconds(10))
                    .header("Authorization", authorization)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(expected);
    return Sessions.parse(response.body());
  }

  private static String lastFour(String cardNumber) {
    String digits = cardNumber.replace(" ", "");
    return digits.substring(digits.length() - 4);
  }

  /** The page's wording for an outcome in its sandbox help. */
  private static String outcomeText(String outcome) {
    return switch (outcome) {
      case "CHARGED" -> "Succeeds";
      case "AUTHORIZATION_FAILED" -> "Declined by the bank";
      case "AUTHENTICATION_FAILED" -> "Fails authentication";
      case "PENDING_THEN_CHARGED" -> "Pending, then succeeds";
      default -> "Refused: not a test instrument";
    };
  }
}
