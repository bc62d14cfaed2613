package dev.paysession.order;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.SegmentedStringWriter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.paysession.api.Json;
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
import dev.paysession.rules.Amount;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@link OrderDetails} in the {@code orders.details} column: a JSON object in Juspay's nested form,
 * every name a Juspay field name ({@code customer_email}, {@code metadata.webhook_url}, {@code
 * metadata.JUSPAY:gateway_reference_id}, {@code options.create_mandate}, {@code
 * mandate.max_amount}, {@code mutual_fund_details[].MemberId}, …). Absent values are left out.
 * Written by hand with the streaming generator, because the insert of {@code POST /session} is the
 * hot path: straight into the group commit's row, with no intermediate tree or string.
 *
 * <p>Rows stored before the column existed have only the raw session body; {@link #legacy} maps it
 * once, here, the way readers used to look its keys up.
 */
final class OrderDetailsJson {

  /** Exact decimals both ways: a gateway value of 1.50 reads back as 1.50. */
  private static final ObjectMapper MAPPER = Json.exact();

  /** As session bodies were read before the column existed (1.50 read as 1.5). */
  private static final ObjectReader LEGACY = Json.mapper().reader();

  private static final String METADATA = "metadata";
  private static final String OPTIONS = "options";
  private static final String MANDATE = "mandate";
  private static final String BANK_ACCOUNTS = "bank_account_details";
  private static final String MUTUAL_FUNDS = "mutual_fund_details";

  private OrderDetailsJson() {}

  /** The column's text: for the one-order insert. */
  static String toJson(OrderDetails details) {
    JsonFactory factory = MAPPER.getFactory();
    SegmentedStringWriter out = new SegmentedStringWriter(factory._getBufferRecycler());
    try {
      try (JsonGenerator g = factory.createGenerator(out)) {
        write(g, details);
      }
      return out.getAndClear();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes the details as one JSON object value at the generator's position. */
  static void write(JsonGenerator g, OrderDetails details) throws IOException {
    g.writeStartObject();
    Customer customer = details.customer();
    text(g, "customer_email", customer.email());
    text(g, "customer_phone", customer.phone());
    text(g, "mobile_country_code", customer.mobileCountryCode());
    text(g, "first_name", customer.firstName());
    text(g, "last_name", customer.lastName());
    text(g, "description", details.description());
    text(g, "product_id", details.productId());
    text(g, "order_type", details.orderType());
    text(g, "language", details.language());
    text(g, "theme", details.theme());
    number(g, "order_fullfillment_threshold_in_mins", details.fulfillmentThresholdMins());
    for (int i = 1; i <= Udfs.COUNT; i++) {
      String udf = details.udfs().udf(i);
      if (!udf.isEmpty()) {
        g.writeStringField("udf" + i, udf);
      }
    }
    writeMetadata(g, details.metadata());
    Optional<Mandate> mandate = details.mandate();
    g.writeObjectFieldStart(OPTIONS);
    if (details.options().getUpiDeepLinks()) {
      g.writeBooleanField("get_upi_deep_links", true);
    }
    if (mandate.isPresent()) {
      g.writeStringField("create_mandate", mandate.get().createMandate().name());
    }
    g.writeEndObject();
    if (mandate.isPresent()) {
      writeMandate(g, mandate.get());
    }
    for (Map.Entry<String, String> address : details.addresses().values().entrySet()) {
      g.writeStringField(address.getKey(), address.getValue());
    }
    if (!details.mutualFunds().isEmpty()) {
      g.writeArrayFieldStart(MUTUAL_FUNDS);
      for (MutualFund fund : details.mutualFunds()) {
        writeMutualFund(g, fund);
      }
      g.writeEndArray();
    }
    g.writeEndObject();
  }

  private static void writeMetadata(JsonGenerator g, Metadata metadata) throws IOException {
    g.writeObjectFieldStart(METADATA);
    text(g, "webhook_url", metadata.webhookUrl());
    number(g, "expiryInMins", metadata.expiryInMins());
    if (metadata.allowCardNo3ds().isPresent()) {
      g.writeObjectFieldStart("txns");
      g.writeBooleanField("allow_card_no_3ds", metadata.allowCardNo3ds().get());
      g.writeEndObject();
    }
    amount(g, "subvention_amount", metadata.subventionAmount());
    if (!metadata.bankAccounts().isEmpty()) {
      g.writeArrayFieldStart(BANK_ACCOUNTS);
      for (BankAccount account : metadata.bankAccounts()) {
        g.writeStartObject();
        text(g, "bank_account_number", account.accountNumber());
        text(g, "bank_ifsc", account.ifsc());
        text(g, "bank_account_id", account.accountId());
        text(g, "bank_account_type", account.accountType());
        text(g, "bank_beneficiary_name", account.beneficiaryName());
        text(g, "juspay_bank_code", account.juspayBankCode());
        g.writeEndObject();
      }
      g.writeEndArray();
    }
    for (Map.Entry<String, Map<String, JsonNode>> gateway :
        metadata.gateways().byGateway().entrySet()) {
      for (Map.Entry<String, JsonNode> field : gateway.getValue().entrySet()) {
        g.writeFieldName(gateway.getKey() + ":" + field.getKey());
        MAPPER.writeTree(g, field.getValue());
      }
    }
    g.writeEndObject();
  }

  private static void writeMandate(JsonGenerator g, Mandate mandate) throws IOException {
    g.writeObjectFieldStart(MANDATE);
    g.writeStringField("max_amount", mandate.maxAmount().value().toPlainString());
    g.writeNumberField("start_date", mandate.startDate().getEpochSecond());
    g.writeNumberField("end_date", mandate.endDate().getEpochSecond());
    g.writeStringField("frequency", mandate.frequency().name());
    number(g, "rule_value", mandate.ruleValue());
    text(g, "rule_type", mandate.ruleType().map(Enum::name));
    g.writeStringField("amount_rule", mandate.amountRule().name());
    g.writeBooleanField("revokable_by_customer", mandate.revokableByCustomer());
    g.writeBooleanField("block_funds", mandate.blockFunds());
    g.writeEndObject();
  }

  private static void writeMutualFund(JsonGenerator g, MutualFund fund) throws IOException {
    g.writeStartObject();
    g.writeStringField("MemberId", fund.memberId());
    g.writeStringField("UserId", fund.userId());
    g.writeStringField("MfPartner", fund.mfPartner());
    g.writeStringField("OrderNumber", fund.orderNumber());
    g.writeStringField("Amount", fund.amount().value().toPlainString());
    g.writeStringField("InvestmentType", fund.investmentType());
    text(g, "SchemeCode", fund.schemeCode());
    text(g, "FolioNumber", fund.folioNumber());
    text(g, "PanNumber", fund.panNumber());
    text(g, "AmcCode", fund.amcCode());
    text(g, "IhNumber", fund.ihNumber());
    g.writeEndObject();
  }

  private static void text(JsonGenerator g, String name, Optional<String> value)
      throws IOException {
    if (value.isPresent()) {
      g.writeStringField(name, value.get());
    }
  }

  private static void number(JsonGenerator g, String name, Optional<Integer> value)
      throws IOException {
    if (value.isPresent()) {
      g.writeNumberField(name, value.get());
    }
  }

  private static void amount(JsonGenerator g, String name, Optional<Amount> value)
      throws IOException {
    if (value.isPresent()) {
      g.writeStringField(name, value.get().value().toPlainString());
    }
  }

  /**
   * The details of a stored row: from {@code details} when the row has it, else from the raw
   * session body {@code request} of a row stored before the column existed.
   */
  static OrderDetails read(String details, String legacyRequest) {
    if (details != null) {
      return read(parse(MAPPER.reader(), details));
    }
    if (legacyRequest != null) {
      return legacy(FlatBody.flatten(parse(LEGACY, legacyRequest), new ArrayList<>()));
    }
    throw new IllegalStateException("stored order has neither details nor request");
  }

  private static ObjectNode parse(ObjectReader reader, String json) {
    try {
      if (reader.readTree(json) instanceof ObjectNode object) {
        return object;
      }
      throw new IllegalStateException("stored order details are not a JSON object");
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored order details are not JSON", e);
    }
  }

  static OrderDetails read(JsonNode json) {
    JsonNode metadata = json.path(METADATA);
    JsonNode options = json.path(OPTIONS);
    JsonNode mandate = json.path(MANDATE);
    List<String> udfs = new ArrayList<>(Udfs.COUNT);
    for (int i = 1; i <= Udfs.COUNT; i++) {
      udfs.add(text(json, "udf" + i).orElse(""));
    }
    return new OrderDetails(
        new Customer(
            text(json, "customer_email"),
            text(json, "customer_phone"),
            text(json, "mobile_country_code"),
            text(json, "first_name"),
            text(json, "last_name")),
        text(json, "description"),
        text(json, "product_id"),
        text(json, "order_type"),
        text(json, "language"),
        text(json, "theme"),
        integer(json, "order_fullfillment_threshold_in_mins"),
        new Udfs(udfs),
        new Metadata(
            text(metadata, "webhook_url"),
            integer(metadata, "expiryInMins"),
            metadata.path("txns").has("allow_card_no_3ds")
                ? Optional.of(metadata.path("txns").path("allow_card_no_3ds").booleanValue())
                : Optional.empty(),
            text(metadata, "subvention_amount").map(OrderDetailsJson::amount),
            readList(metadata.path(BANK_ACCOUNTS), OrderDetailsJson::readBankAccount),
            gateways(metadata)),
        new Options(options.path("get_upi_deep_links").booleanValue()),
        mandate.isObject()
            ? Optional.of(readMandate(mandate, options.path("create_mandate").asText()))
            : Optional.empty(),
        readList(json.path(MUTUAL_FUNDS), OrderDetailsJson::readMutualFund),
        addresses(key -> text(json, key)));
  }

  private static GatewayMetadata gateways(JsonNode metadata) {
    Map<String, Map<String, JsonNode>> byGateway = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = metadata.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      int colon = field.getKey().indexOf(':');
      if (colon > 0) {
        byGateway
            .computeIfAbsent(field.getKey().substring(0, colon), g -> new LinkedHashMap<>())
            .put(field.getKey().substring(colon + 1), field.getValue());
      }
    }
    return new GatewayMetadata(byGateway);
  }

  private static BankAccount readBankAccount(JsonNode account) {
    return new BankAccount(
        text(account, "bank_account_number"),
        text(account, "bank_ifsc"),
        text(account, "bank_account_id"),
        text(account, "bank_account_type"),
        text(account, "bank_beneficiary_name"),
        text(account, "juspay_bank_code"));
  }

  private static Mandate readMandate(JsonNode mandate, String createMandate) {
    return new Mandate(
        CreateMandate.valueOf(createMandate),
        amount(mandate.path("max_amount").asText()),
        Instant.ofEpochSecond(mandate.path("start_date").longValue()),
        Instant.ofEpochSecond(mandate.path("end_date").longValue()),
        Frequency.valueOf(mandate.path("frequency").asText()),
        integer(mandate, "rule_value"),
        AmountRule.valueOf(mandate.path("amount_rule").asText()),
        mandate.path("revokable_by_customer").booleanValue(),
        mandate.path("block_funds").booleanValue(),
        text(mandate, "rule_type").map(OrderDetails.RuleType::valueOf));
  }

  private static MutualFund readMutualFund(JsonNode fund) {
    return new MutualFund(
        fund.path("MemberId").asText(),
        fund.path("UserId").asText(),
        fund.path("MfPartner").asText(),
        fund.path("OrderNumber").asText(),
        amount(fund.path("Amount").asText()),
        fund.path("InvestmentType").asText(),
        text(fund, "SchemeCode"),
        text(fund, "FolioNumber"),
        text(fund, "PanNumber"),
        text(fund, "AmcCode"),
        text(fund, "IhNumber"));
  }

  private interface NodeReader<T> {
    T read(JsonNode node);
  }

  private static <T> List<T> readList(JsonNode array, NodeReader<T> reader) {
    List<T> items = new ArrayList<>(array.size());
    for (JsonNode item : array) {
      items.add(reader.read(item));
    }
    return items;
  }

  private static Optional<String> text(JsonNode object, String name) {
    JsonNode value = object.get(name);
    return value != null && value.isTextual() ? Optional.of(value.asText()) : Optional.empty();
  }

  private static Optional<Integer> integer(JsonNode object, String name) {
    JsonNode value = object.get(name);
    return value != null && value.isIntegralNumber()
        ? Optional.of(value.intValue())
        : Optional.empty();
  }

  private static Amount amount(String text) {
    return new Amount(new BigDecimal(text));
  }

  /**
   * A row stored before {@code orders.details} existed: its raw session body, flattened, read the
   * way readers looked its keys up then (a plain value, "" meaning not sent; gateway values keyed
   * exactly as sent). Only what a reader used then is mapped: the structured fields (mandate, TPV
   * accounts, mutual funds, expiry, subvention) stay empty, as no reader asked for them.
   */
  static OrderDetails legacy(Map<String, JsonNode> flat) {
    List<String> udfs = new ArrayList<>(Udfs.COUNT);
    for (int i = 1; i <= Udfs.COUNT; i++) {
      udfs.add(legacyText(flat, "udf" + i).orElse(""));
    }
    Map<String, Map<String, JsonNode>> gateways = new LinkedHashMap<>();
    flat.forEach(
        (key, value) -> {
          int colon = key.indexOf(':');
          if (key.startsWith(METADATA + ".") && colon > 0 && !value.isNull()) {
            gateways
                .computeIfAbsent(
                    key.substring(METADATA.length() + 1, colon), g -> new LinkedHashMap<>())
                .put(key.substring(colon + 1), value);
          }
        });
    return new OrderDetails(
        new Customer(
            legacyText(flat, "customer_email"),
            legacyText(flat, "customer_phone"),
            legacyText(flat, "mobile_country_code"),
            legacyText(flat, "first_name"),
            legacyText(flat, "last_name")),
        legacyText(flat, "description"),
        legacyText(flat, "product_id"),
        legacyText(flat, "order_type"),
        legacyText(flat, "language"),
        legacyText(flat, "theme"),
        Optional.empty(),
        new Udfs(udfs),
        new Metadata(
            legacyText(flat, "metadata.webhook_url"),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            List.of(),
            new GatewayMetadata(gateways)),
        new Options(legacyTrue(flat.get("options.get_upi_deep_links"))),
        Optional.empty(),
        List.of(),
        addresses(key -> legacyText(flat, key)));
  }

  private static OrderDetails.Addresses addresses(
      java.util.function.Function<String, Optional<String>> value) {
    Map<String, String> addresses = new LinkedHashMap<>();
    for (String key : OrderDetails.Addresses.KEYS) {
      value.apply(key).ifPresent(text -> addresses.put(key, text));
    }
    return new OrderDetails.Addresses(addresses);
  }

  private static Optional<String> legacyText(Map<String, JsonNode> flat, String key) {
    JsonNode value = flat.get(key);
    if (value == null || value.isNull() || !value.isValueNode() || value.asText().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(value.asText());
  }

  /** JSON true or the text "true" in any case, as the session rules read booleans. */
  private static boolean legacyTrue(JsonNode value) {
    return value != null
        && (value.isBoolean()
            ? value.booleanValue()
            : value.isTextual() && value.asText().trim().toLowerCase(Locale.ROOT).equals("true"));
  }
}
