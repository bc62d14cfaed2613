package dev.paysession.it;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Year;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * Mandate registration on the hosted page in real Chromium, against the packaged server (issue 14):
 * UPI AutoPay by collect, a card mandate through 3-D Secure, and an eNACH mandate authorised by net
 * banking. For each, the signed redirect's mandate parameters, the order status's {@code mandate}
 * block and the queued MANDATE_* webhooks agree.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MandateBrowserIT {

  private static final String ADMIN_TOKEN = "it-admin-token-mandates-0123456789";
  private static final String MERCHANT_NAME = "Tiffin Box";
  private static final String CODE = "123456";
  private static final String EXPIRY = String.format("12/%02d", (Year.now().getValue() + 3) % 100);
  private static final Duration STEP = Duration.ofSeconds(15);

  private Path dataDir;
  private PackagedServer server;
  private ReturnSite shop;
  private Browser browser;
  private Sessions sessions;
  private String merchantId;
  private String apiKey;
  private String responseKey;
  private Axe axe;

  @BeforeAll
  void start() throws Exception {
    browser = Browser.startOrSkip();
    axe = Axe.load();
    dataDir = PackagedServer.newDataDir("mandates");
    server =
        PackagedServer.start(dataDir, PackagedServer.env("PAYSESSION_ADMIN_TOKEN", ADMIN_TOKEN));
    shop = ReturnSite.start();
    merchantId = "tiffin_box";
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
                            "{\"merchant_id\":\"tiffin_box\",\"name\":\""
                                + MERCHANT_NAME
                                + "\",\"environment\":\"sandbox\","
                                + "\"payment_page_client_ids\":[\"tiffin_box\"],"
                                + "\"upi_payee_vpa\":\"tiffin@okaxis\","
                                + "\"upi_payee_name\":\"Tiffin Box\"}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonNode merchant = Sessions.parse(created.body());
    apiKey = merchant.path("api_key").asText();
    responseKey = merchant.path("response_key").asText();
    sessions = new Sessions(server, merchantId, apiKey, "tiffin_box");
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
  void desktopWindow() {
    browser.resize(Browser.DESKTOP);
    browser.drainConsole();
  }

  @AfterEach
  void noCspViolations() {
    browser.assertNoCspViolations();
  }

  @Test
  void aUpiAutoPayMandateRegistersByCollect() throws Exception {
    Order order =
        newOrder(
            "upi",
            "1.00",
            body -> {
              body.put("mandate.frequency", "MONTHLY");
              body.put("mandate.rule_value", "5");
            });
    browser.open(order.link());
    assertThat(browser.text()).contains("Sets up automatic payments to " + MERCHANT_NAME);
    axe.assertNoViolations(browser, "a UPI AutoPay mandate page");
    assertThat(driver().findElements(By.id("method-nb"))).isEmpty();
    assertThat(driver().findElement(By.cssSelector("#upi-autopay a")).getDomAttribute("href"))
        .startsWith("upi://mandate?pa=tiffin@okaxis&pn=Tiffin%20Box&")
        .contains("&recur=MONTHLY&amrule=MAX&");
    WebElement form = section("method-upi");
    form.findElement(By.name("vpa")).sendKeys("autopay@upi");
    submit(form);
    assertRegistered(order, "CHARGED", "ACTIVE", "EMANDATE_REGISTER");
  }

  @Test
  void aCardMandateRegistersThroughThreeDSecure() throws Exception {
    Order order = newOrder("card", "499.00", body -> {});
    browser.open(order.link());
    WebElement form = section("method-card");
    form.findElement(By.name("card_number")).sendKeys("4111 1111 1111 1111");
    form.findElement(By.name("name_on_card")).sendKeys("Asha Rao");
    form.findElement(By.name("card_exp")).sendKeys(EXPIRY);
    form.findElement(By.name("card_cvv")).sendKeys("123");
    submit(form);
    browser.until(STEP, "the 3-D Secure page", d -> heading(d).equals("Verify it's you"));
    assertThat(browser.text()).contains("Sets up automatic payments");
    WebElement otp = driver().findElement(By.tagName("form"));
    otp.findElement(By.name("code")).sendKeys(CODE);
    submit(otp);
    assertRegistered(order, "CHARGED", "ACTIVE", "MANDATE_REGISTER");
  }

  @Test
  void anEnachMandateIsAuthorisedByNetBanking() throws Exception {
    Order order =
        newOrder(
            "enach",
            "1.00",
            body -> {
              body.put("action", "enach");
              body.put("service", "in.juspay.ec");
            });
    browser.open(order.link());
    assertThat(driver().findElements(By.id("method-card"))).isEmpty();
    WebElement form = section("method-enach");
    axe.assertNoViolations(browser, "an eNACH mandate page");
    form.findElement(By.name("account_number")).sendKeys("50100000000001");
    form.findElement(By.name("ifsc")).sendKeys("HDFC0000001");
    form.findElement(By.name("beneficiary_name")).sendKeys("Asha Rao");
    form.findElement(By.xpath(".//label[normalize-space()='Net banking']")).click();
    submit(form);
    browser.until(STEP, "the bank's authorisation page", d -> heading(d).equals("HDFC Bank"));
    assertThat(browser.text()).contains("Sets up an eNACH mandate");
    axe.assertNoViolations(browser, "the eNACH authorisation page");
    browser.clickAndAwaitNextPage(
        driver().findElement(By.cssSelector("button[name=decision][value=approve]")), STEP);
    JsonNode status = assertRegistered(order, "CHARGED", "ACTIVE", "EMANDATE_REGISTER");
    assertThat(status.path("payment_method_type").asText()).isEqualTo("NB");
    JsonNode bank = status.path("mandate").path("bank_details");
    assertThat(bank.path("account_number").asText()).isEqualTo("50100000000001");
    assertThat(bank.path("bank_name").asText()).isEqualTo("HDFC Bank");
  }

  @Test
  void aDeclinedAutoPayShowsAFailedMandateEverywhere() throws Exception {
    Order order = newOrder("fail", "1.00", body -> {});
    browser.open(order.link());
    WebElement form = section("method-upi");
    form.findElement(By.name("vpa")).sendKeys("noautopay@upi");
    submit(form);
    assertRegistered(order, "AUTHORIZATION_FAILED", "FAILURE", "EMANDATE_REGISTER");
  }

  // --- what the shop sees ---------------------------------------------------------------------

  /**
   * The customer is back at the shop: the signed redirect's mandate parameters, the order status's
   * {@code mandate} block and the queued MANDATE_* webhooks tell the same mandate.
   */
  private JsonNode assertRegistered(
      Order order, String status, String mandateStatus, String objectType) throws Exception {
    String returnUrl = shop.returnUrl(order.id());
    browser.until(
        STEP, "the redirect to " + returnUrl, d -> d.getCurrentUrl().startsWith(returnUrl + "?"));
    String landed = browser.url();
    assertThat(MerchantSideVerifier.verify(landed, responseKey)).as(landed).isTrue();
    Map<String, String> query = MerchantSideVerifier.query(landed);
    assertThat(query).containsEntry("status", status);

    JsonNode api = orderStatus(order.id());
    JsonNode mandate = api.path("mandate");
    assertThat(api.path("status").asText()).isEqualTo(status);
    assertThat(mandate.path("mandate_status").asText()).isEqualTo(mandateStatus);
    assertThat(query)
        .containsEntry("mandate_id", mandate.path("mandate_id").asText())
        .containsEntry("mandate_token", mandate.path("mandate_token").asText())
        .containsEntry("mandate_status", mandateStatus);
    assertThat(api.path("txn_detail").path("txn_object_type").asText()).isEqualTo(objectType);

    Map<String, JsonNode> events = mandateEvents(order.id());
    String last = "ACTIVE".equals(mandateStatus) ? "MANDATE_ACTIVATED" : "MANDATE_FAILED";
    assertThat(events).containsOnlyKeys("MANDATE_CREATED", last);
    for (JsonNode event : events.values()) {
      assertThat(event.path("content").path("mandate").path("mandate_id").asText())
          .isEqualTo(mandate.path("mandate_id").asText());
    }
    assertThat(events.get(last).path("content").path("mandate").path("status").asText())
        .isEqualTo(mandateStatus);
    return api;
  }

  /** The order's MANDATE_* webhooks as the outbox queued them (no endpoint: they stay queued). */
  private Map<String, JsonNode> mandateEvents(String orderId) throws Exception {
    Map<String, JsonNode> events = new LinkedHashMap<>();
    List<String> order = new ArrayList<>();
    try (Connection db =
            DriverManager.getConnection(server.jdbcUrl(), "postgres", server.dbPassword());
        PreparedStatement select =
            db.prepareStatement(
                "SELECT event_name, payload FROM webhook_events WHERE merchant_id = ?"
                    + " AND order_id = ? ORDER BY seq")) {
      select.setString(1, merchantId);
      select.setString(2, orderId);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          String name = rows.getString(1);
          order.add(name);
          if (name.startsWith("MANDATE_")) {
            events.put(name, Sessions.parse(rows.getString(2)));
          }
        }
      }
    }
    // The order's own event sits between the mandate's two.
    assertThat(order.stream().filter(n -> n.startsWith("MANDATE_") || n.startsWith("ORDER_")))
        .hasSize(3)
        .first()
        .isEqualTo("MANDATE_CREATED");
    return events;
  }

  // --- the customer's steps -------------------------------------------------------------------

  private WebDriver driver() {
    return browser.driver();
  }

  private static String heading(WebDriver driver) {
    List<WebElement> h1 = driver.findElements(By.tagName("h1"));
    return h1.isEmpty() ? "" : h1.get(0).getText();
  }

  private WebElement section(String id) {
    WebElement details = driver().findElement(By.id(id));
    if (details.getDomAttribute("open") == null) {
      details.findElement(By.tagName("summary")).click();
    }
    return details;
  }

  private void submit(WebElement section) {
    browser.clickAndAwaitNextPage(section.findElement(By.cssSelector("button[type=submit]")), STEP);
  }

  // --- the merchant's backend -----------------------------------------------------------------

  private record Order(String id, String link) {}

  /** A session with {@code options.create_mandate} REQUIRED and a max amount of 5000. */
  private Order newOrder(String prefix, String amount, Consumer<ObjectNode> customize)
      throws Exception {
    String orderId = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    ObjectNode body = sessions.readmeBody(orderId, amount);
    body.put("return_url", shop.returnUrl(orderId));
    body.put("customer_id", "cust-" + orderId);
    body.put("options.create_mandate", "REQUIRED");
    body.put("mandate.max_amount", "5000.00");
    customize.accept(body);
    Sessions.Reply reply = sessions.create(body);
    assertThat(reply.status()).as(reply.raw()).isEqualTo(200);
    return new Order(orderId, reply.json().path("payment_links").path("web").asText());
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
}
