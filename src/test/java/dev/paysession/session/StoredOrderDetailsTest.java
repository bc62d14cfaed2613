package dev.paysession.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.paysession.TestMerchants;
import dev.paysession.TestMerchants.Merchant;
import dev.paysession.checkout.Shopper;
import dev.paysession.order.OrderDetails;
import dev.paysession.order.OrderDetails.AmountRule;
import dev.paysession.order.OrderDetails.BankAccount;
import dev.paysession.order.OrderDetails.CreateMandate;
import dev.paysession.order.OrderDetails.Customer;
import dev.paysession.order.OrderDetails.Frequency;
import dev.paysession.order.OrderDetails.GatewayMetadata;
import dev.paysession.order.OrderDetails.Mandate;
import dev.paysession.order.OrderDetails.Metadata;
import dev.paysession.order.OrderDetails.MutualFund;
import dev.paysession.order.OrderDetails.Options;
import dev.paysession.order.OrderDetails.Udfs;
import dev.paysession.order.OrderReader;
import dev.paysession.order.OrderRecord;
import dev.paysession.rules.Amount;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What {@code POST /session} validated is what readers get: every field, typed, through {@link
 * OrderReader} from the real database; and a row stored before the typed column existed still
 * answers exactly as before.
 */
@QuarkusTest
class StoredOrderDetailsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

  @Inject OrderReader orders;
  @Inject AgroalDataSource dataSource;

  /** Every field the seed documents (and product_id and theme, kept as sent), all set. */
  private static Map<String, Object> everyField(Merchant merchant, String orderId, Instant start) {
    Map<String, Object> body = merchant.body(orderId);
    body.put("amount", "100.50");
    body.put("customer_email", "test@mail.com");
    body.put("customer_phone", "9876543210");
    body.put("mobile_country_code", "+91");
    body.put("first_name", "John");
    body.put("last_name", "wick");
    body.put("description", "Complete your payment");
    body.put("billing_address_city", "Pune");
    body.put("shipping_address_postal_code", "411001");
    body.put("product_id", "prod-7");
    body.put("order_type", "TPV_PAYMENT");
    body.put("language", "english");
    body.put("theme", "dark");
    body.put("order_fullfillment_threshold_in_mins", "45");
    for (int i = 1; i <= 5; i++) {
      body.put("udf" + i, "plain " + i);
    }
    for (int i = 6; i <= 10; i++) {
      body.put("udf" + i, "free-text #" + i);
    }
    body.put("metadata.webhook_url", "https://merchant.example.com/hooks?o=" + orderId);
    body.put("metadata.expiryInMins", "30");
    body.put("metadata.txns.allow_card_no_3ds", "true");
    body.put("metadata.subvention_amount", "10.25");
    body.put(
        "metadata.bank_account_details",
        "[{\"bank_account_number\":\"50100012345678\",\"bank_ifsc\":\"HDFC0001234\","
            + "\"bank_account_type\":\"SAVINGS\",\"bank_beneficiary_name\":\"John Wick\","
            + "\"juspay_bank_code\":\"JP_HDFC\"},{\"bank_account_id\":\"ba_77\"}]");
    body.put("metadata.JUSPAY:gateway_reference_id", "Merchant_test");
    body.put("metadata.PAYU:udf1", "x_y");
    body.put("metadata.razorpay:PNR", "PNR123");
    body.put("metadata.RAZORPAY:notes", "{\"key1\":\"value1\",\"key2\":\"value2\"}");
    body.put("metadata.TATAPAY: merchantTxnMetadata", "meta");
    body.put("options.get_upi_deep_links", "true");
    body.put("options.create_mandate", "OPTIONAL");
    body.put("mandate.max_amount", "5000.00");
    body.put("mandate.start_date", String.valueOf(start.getEpochSecond()));
    body.put("mandate.end_date", String.valueOf(start.plus(365, ChronoUnit.DAYS).getEpochSecond()));
    body.put("mandate.frequency", "MONTHLY");
    body.put("mandate.rule_value", "5");
    body.put("mandate.amount_rule", "VARIABLE");
    body.put("mandate.revokable_by_customer", "true");
    body.put("mandate.block_funds", "false");
    body.put(
        "mutual_fund_details",
        "[{\"MemberId\":\"MEM001\",\"UserId\":\"USER01\",\"MfPartner\":\"BSE\","
            + "\"OrderNumber\":\"MF1\",\"Amount\":\"60.50\",\"InvestmentType\":\"LUMPSUM\","
            + "\"SchemeCode\":\"SC1\",\"FolioNumber\":\"F1\",\"PanNumber\":\"ABCDE1234F\","
            + "\"AmcCode\":\"AMC1\",\"IhNumber\":\"IH1\"},"
            + "{\"MemberId\":\"MEM001\",\"UserId\":\"USER01\",\"MfPartner\":\"KFIN\","
            + "\"OrderNumber\":\"MF2\",\"Amount\":\"40\",\"InvestmentType\":\"SIP\","
            + "\"IhNumber\":\"IH2\"}]");
    return body;
  }

  private static OrderDetails expected(String orderId, Instant start) {
    ObjectNode notes = NODES.objectNode().put("key1", "value1").put("key2", "value2");
    Map<String, Map<String, JsonNode>> gateways = new LinkedHashMap<>();
    gateways.put("JUSPAY", Map.of("gateway_reference_id", NODES.textNode("Merchant_test")));
    gateways.put("PAYU", Map.of("udf1", NODES.textNode("x_y")));
    Map<String, JsonNode> razorpay = new LinkedHashMap<>();
    razorpay.put("PNR", NODES.textNode("PNR123"));
    razorpay.put("notes", notes);
    gateways.put("RAZORPAY", razorpay);
    gateways.put("TATAPAY", Map.of("merchantTxnMetadata", NODES.textNode("meta")));
    return new OrderDetails(
        new Customer(
            Optional.of("test@mail.com"),
            Optional.of("9876543210"),
            Optional.of("91"),
            Optional.of("John"),
            Optional.of("wick")),
        Optional.of("Complete your payment"),
        Optional.of("prod-7"),
        Optional.of("TPV_PAYMENT"),
        Optional.of("english"),
        Optional.of("dark"),
        Optional.of(45),
        new Udfs(
            List.of(
                "plain 1",
                "plain 2",
                "plain 3",
                "plain 4",
                "plain 5",
                "free-text #6",
                "free-text #7",
                "free-text #8",
                "free-text #9",
                "free-text #10")),
        new Metadata(
            Optional.of("https://merchant.example.com/hooks?o=" + orderId),
            Optional.of(30),
            Optional.of(true),
            Optional.of(amount("10.25")),
            List.of(
                new BankAccount(
                    Optional.of("50100012345678"),
                    Optional.of("HDFC0001234"),
                    Optional.empty(),
                    Optional.of("SAVINGS"),
                    Optional.of("John Wick"),
                    Optional.of("JP_HDFC")),
                new BankAccount(
                    Optional.empty(),
                    Optional.empty(),
                    Optional.of("ba_77"),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty())),
            new GatewayMetadata(gateways)),
        new Options(true),
        Optional.of(
            new Mandate(
                CreateMandate.OPTIONAL,
                amount("5000"),
                start,
                start.plus(365, ChronoUnit.DAYS),
                Frequency.MONTHLY,
                Optional.of(5),
                AmountRule.VARIABLE,
                true,
                false,
                Optional.empty())),
        List.of(
            new MutualFund(
                "MEM001",
                "USER01",
                "BSE",
                "MF1",
                amount("60.50"),
                "LUMPSUM",
                Optional.of("SC1"),
                Optional.of("F1"),
                Optional.of("ABCDE1234F"),
                Optional.of("AMC1"),
                Optional.of("IH1")),
            new MutualFund(
                "MEM001",
                "USER01",
                "KFIN",
                "MF2",
                amount("40"),
                "SIP",
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.of("IH2"))),
        new OrderDetails.Addresses(
            Map.of("billing_address_city", "Pune", "shipping_address_postal_code", "411001")));
  }

  private static Amount amount(String text) {
    return new Amount(new BigDecimal(text));
  }

  private static Response ok(Response response) {
    assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
    return response;
  }

  @Test
  void everyFieldTheSessionValidatedReadsBackTyped() throws Exception {
    Merchant merchant = TestMerchants.createWithUpi();
    Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    ok(merchant.session().body(everyField(merchant, "typed-1", start)).post("/session"));

    OrderRecord order = orders.byOrderId(merchant.merchantId(), "typed-1").orElseThrow();
    assertThat(order.details()).isEqualTo(expected("typed-1", start));
  }

  @Test
  void theStoredDetailsUseJuspaysFieldNames() throws Exception {
    Merchant merchant = TestMerchants.createWithUpi();
    Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    ok(merchant.session().body(everyField(merchant, "typed-2", start)).post("/session"));

    JsonNode details = JSON.readTree(column(merchant.merchantId(), "typed-2", "details"));
    assertThat(details.path("customer_email").asText()).isEqualTo("test@mail.com");
    assertThat(details.path("udf10").asText()).isEqualTo("free-text #10");
    assertThat(details.path("metadata").path("webhook_url").asText()).endsWith("?o=typed-2");
    assertThat(details.path("metadata").path("JUSPAY:gateway_reference_id").asText())
        .isEqualTo("Merchant_test");
    assertThat(
            details.path("metadata").path("bank_account_details").get(0).path("bank_ifsc").asText())
        .isEqualTo("HDFC0001234");
    assertThat(details.path("options").path("create_mandate").asText()).isEqualTo("OPTIONAL");
    assertThat(details.path("mandate").path("max_amount").asText()).isEqualTo("5000.00");
    assertThat(details.path("mutual_fund_details").get(1).path("IhNumber").asText())
        .isEqualTo("IH2");
  }

  @Test
  void aSessionWithOnlyTheRequiredFieldsReadsBackEmpty() throws Exception {
    Merchant merchant = TestMerchants.create();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("order_id", "typed-3");
    body.put("amount", "1");
    body.put("customer_id", "c-1");
    body.put("payment_page_client_id", merchant.clientId());
    body.put("action", "paymentPage");
    body.put("return_url", "https://shop.merchant.com");
    ok(merchant.session().body(body).post("/session"));

    OrderRecord order = orders.byOrderId(merchant.merchantId(), "typed-3").orElseThrow();
    assertThat(order.details()).isEqualTo(OrderDetails.NONE);
  }

  /**
   * A row as the code before the details column wrote it (raw body only, nested metadata and
   * options included) answers the Order Status API, a repeated session and the readers exactly as
   * the same session stored today does.
   */
  @Test
  void anOrderStoredBeforeTheDetailsColumnAnswersAsBefore() throws Exception {
    Merchant today = TestMerchants.createWithUpi();
    Merchant before = TestMerchants.createWithUpi();
    Map<String, Object> body = today.body("legacy-1");
    body.put("amount", "250.75");
    body.put("product_id", 4711);
    body.put("udf1", "gold");
    body.put("udf7", "note: x/y");
    body.put("metadata", Map.of("webhook_url", "https://merchant.example.com/legacy"));
    body.put("options", Map.of("get_upi_deep_links", "TRUE"));
    ok(today.session().body(body).post("/session"));
    insertAsBefore(today, before, "legacy-1");

    OrderRecord legacy = orders.byOrderId(before.merchantId(), "legacy-1").orElseThrow();
    assertThat(column(before.merchantId(), "legacy-1", "details")).isNull();
    assertThat(legacy.details().customer().email()).contains("test@mail.com");
    assertThat(legacy.details().customer().phone()).contains("9876543210");
    assertThat(legacy.details().productId()).contains("4711");
    assertThat(legacy.details().udfs().udf(7)).isEqualTo("note: x/y");
    assertThat(legacy.details().metadata().webhookUrl())
        .contains("https://merchant.example.com/legacy");
    assertThat(legacy.details().metadata().gateways().gatewayReferenceId())
        .contains("Merchant_test");
    assertThat(legacy.details().options().getUpiDeepLinks()).isTrue();

    String todayStatus = Shopper.merchantGet(today, "/orders/legacy-1").asString();
    String beforeStatus = Shopper.merchantGet(before, "/orders/legacy-1").asString();
    assertThat(beforeStatus)
        .contains("\"customer_email\":\"test@mail.com\"", "\"product_id\":\"4711\"")
        .contains("\"udf1\":\"gold\"", "\"gateway_reference_id\":\"Merchant_test\"");
    assertThat(sameOrder(beforeStatus, before, legacy.id()))
        .isEqualTo(sameOrder(todayStatus, today, orderPublicId(today)));

    // A repeated session re-opens it from the stored body and details, deep link included.
    Map<String, Object> againBefore = new LinkedHashMap<>(body);
    againBefore.put("payment_page_client_id", before.clientId());
    JsonNode reopenedBefore =
        JSON.readTree(ok(before.session().body(againBefore).post("/session")).asString());
    JsonNode reopenedToday =
        JSON.readTree(ok(today.session().body(body).post("/session")).asString());
    assertThat(reopenedBefore.path("payment_links").path("deep_link").asText())
        .isNotEmpty()
        .isEqualTo(reopenedToday.path("payment_links").path("deep_link").asText());
    assertThat(reopenedBefore.path("sdk_payload").path("payload").path("udf7").asText())
        .isEqualTo("note: x/y");
  }

  /** The answer with the two merchants' and rows' own ids taken out. */
  private static String sameOrder(String answer, Merchant merchant, String publicId) {
    return answer.replace(merchant.merchantId(), "MERCHANT").replace(publicId, "ORDEH");
  }

  private String orderPublicId(Merchant merchant) throws SQLException {
    return orders.byOrderId(merchant.merchantId(), "legacy-1").orElseThrow().id();
  }

  /** Copies the order to another merchant as the code before V8 inserted it: no details. */
  private void insertAsBefore(Merchant from, Merchant to, String orderId) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO orders (merchant_id, order_id, id, status, amount, currency,"
                    + " customer_id, routing_id, payment_page_client_id, action, return_url,"
                    + " expires_at, request, created_at, updated_at)"
                    + " SELECT ?, order_id, 'ordeh_legacy_' || md5(random()::text), status,"
                    + " amount, currency, customer_id, routing_id, ?, action, return_url,"
                    + " expires_at, request, created_at, updated_at FROM orders"
                    + " WHERE merchant_id = ? AND order_id = ?")) {
      insert.setString(1, to.merchantId());
      insert.setString(2, to.clientId());
      insert.setString(3, from.merchantId());
      insert.setString(4, orderId);
      assertThat(insert.executeUpdate()).isEqualTo(1);
    }
  }

  private String column(String merchantId, String orderId, String column) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT " + column + "::text FROM orders WHERE merchant_id = ? AND order_id = ?")) {
      select.setString(1, merchantId);
      select.setString(2, orderId);
      try (var row = select.executeQuery()) {
        assertThat(row.next()).isTrue();
        return row.getString(1);
      }
    }
  }
}
