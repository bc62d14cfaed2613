package dev.paysession.order;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paysession.rules.Amount;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the merchant told us about an order beyond its columns, as {@code POST /session} validated
 * it: the customer, free texts, udfs, metadata (webhook URL, TPV bank accounts, gateway values),
 * options, the mandate, mutual funds and the billing and shipping addresses. Stored with the order
 * as JSON named with Juspay's fields ({@link OrderDetailsJson}); readers use these accessors, never
 * the keys.
 *
 * @param productId {@code product_id}, kept as sent (no rule checks it)
 * @param theme {@code theme}, kept as sent (no rule checks it)
 */
public record OrderDetails(
    Customer customer,
    Optional<String> description,
    Optional<String> productId,
    Optional<String> orderType,
    Optional<String> language,
    Optional<String> theme,
    Optional<Integer> fulfillmentThresholdMins,
    Udfs udfs,
    Metadata metadata,
    Options options,
    Optional<Mandate> mandate,
    List<MutualFund> mutualFunds,
    Addresses addresses) {

  /** An order with nothing beyond its columns. */
  public static final OrderDetails NONE =
      new OrderDetails(
          Customer.NONE,
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Udfs.NONE,
          Metadata.NONE,
          new Options(false),
          Optional.empty(),
          List.of(),
          Addresses.NONE);

  public OrderDetails {
    mutualFunds = List.copyOf(mutualFunds);
  }

  /** The customer's contact details ({@code customer_id} is a column of the order). */
  public record Customer(
      Optional<String> email,
      Optional<String> phone,
      Optional<String> mobileCountryCode,
      Optional<String> firstName,
      Optional<String> lastName) {

    static final Customer NONE =
        new Customer(
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty());
  }

  /** The same details with other udfs and addresses: what {@code POST /orders/{id}} changes. */
  public OrderDetails withUdfsAndAddresses(Udfs newUdfs, Addresses newAddresses) {
    return new OrderDetails(
        customer,
        description,
        productId,
        orderType,
        language,
        theme,
        fulfillmentThresholdMins,
        newUdfs,
        metadata,
        options,
        mandate,
        mutualFunds,
        newAddresses);
  }

  /**
   * {@code billing_address_*} and {@code shipping_address_*}, keyed by Juspay's field names ({@link
   * #FIELDS}), only those sent. Kept for the gateways that need them; no answer echoes them.
   */
  public record Addresses(Map<String, String> values) {

    /**
     * Juspay's address fields, each with a {@code billing_address_} and a {@code shipping_address_}
     * key.
     */
    public static final List<String> FIELDS =
        List.of(
            "first_name",
            "last_name",
            "line1",
            "line2",
            "line3",
            "city",
            "state",
            "country",
            "postal_code",
            "phone",
            "country_code_iso");

    /**
     * Every key: {@code billing_address_first_name} … {@code shipping_address_country_code_iso}.
     */
    public static final List<String> KEYS =
        java.util.stream.Stream.of("billing_address_", "shipping_address_")
            .flatMap(prefix -> FIELDS.stream().map(field -> prefix + field))
            .toList();

    public static final Addresses NONE = new Addresses(Map.of());

    public Addresses {
      values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public Optional<String> value(String key) {
      return Optional.ofNullable(values.get(key));
    }

    /**
     * These addresses with {@code changes} applied on top (a key sent again replaces its value).
     */
    public Addresses with(Map<String, String> changes) {
      Map<String, String> merged = new LinkedHashMap<>(values);
      merged.putAll(changes);
      return new Addresses(merged);
    }
  }

  /** {@code udf1} to {@code udf10}; "" where not sent. */
  public record Udfs(List<String> values) {

    public static final int COUNT = 10;

    static final Udfs NONE = new Udfs(List.of("", "", "", "", "", "", "", "", "", ""));

    public Udfs {
      if (values.size() != COUNT) {
        throw new IllegalArgumentException("udfs are udf1 to udf" + COUNT);
      }
      values = List.copyOf(values);
    }

    /** {@code udf<number>}, 1 to 10; "" when not sent. */
    public String udf(int number) {
      return values.get(number - 1);
    }
  }

  /**
   * {@code metadata.*}.
   *
   * @param bankAccounts {@code metadata.bank_account_details}: TPV, a payment that must come from
   *     one of these accounts
   */
  public record Metadata(
      Optional<String> webhookUrl,
      Optional<Integer> expiryInMins,
      Optional<Boolean> allowCardNo3ds,
      Optional<Amount> subventionAmount,
      List<BankAccount> bankAccounts,
      GatewayMetadata gateways) {

    static final Metadata NONE =
        new Metadata(
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            List.of(),
            new GatewayMetadata(Map.of()));

    public Metadata {
      bankAccounts = List.copyOf(bankAccounts);
    }
  }

  /**
   * {@code metadata.<GATEWAY>:<field>} values grouped by upper-case gateway name, as the seed's
   * table lists them; a value may be an object ({@code RAZORPAY:notes}).
   */
  public record GatewayMetadata(Map<String, Map<String, JsonNode>> byGateway) {

    public GatewayMetadata {
      Map<String, Map<String, JsonNode>> copy = new LinkedHashMap<>();
      byGateway.forEach(
          (gateway, fields) ->
              copy.put(gateway, Collections.unmodifiableMap(new LinkedHashMap<>(fields))));
      byGateway = Collections.unmodifiableMap(copy);
    }

    public Optional<JsonNode> value(String gateway, String field) {
      return Optional.ofNullable(byGateway.getOrDefault(gateway, Map.of()).get(field));
    }

    /** {@code metadata.JUSPAY:gateway_reference_id}: the merchant's label for the gateway. */
    public Optional<String> gatewayReferenceId() {
      return value("JUSPAY", "gateway_reference_id")
          .filter(JsonNode::isValueNode)
          .map(JsonNode::asText)
          .filter(text -> !text.isEmpty());
    }

    /**
     * Every value keyed {@code GATEWAY:field}, as a gateway request takes them: objects as JSON.
     */
    public Map<String, String> byKey() {
      Map<String, String> values = new LinkedHashMap<>();
      byGateway.forEach(
          (gateway, fields) ->
              fields.forEach(
                  (field, value) ->
                      values.put(
                          gateway + ":" + field,
                          value.isValueNode() ? value.asText() : value.toString())));
      return values;
    }
  }

  /** {@code options.*} besides {@code options.create_mandate}, which is the mandate's. */
  public record Options(boolean getUpiDeepLinks) {}

  /** TPV: a payment that must come from one of the listed bank accounts. */
  public record BankAccount(
      Optional<String> accountNumber,
      Optional<String> ifsc,
      Optional<String> accountId,
      Optional<String> accountType,
      Optional<String> beneficiaryName,
      Optional<String> juspayBankCode) {}

  /** {@code options.create_mandate} and {@code mandate.*}, with the seed's defaults applied. */
  public record Mandate(
      CreateMandate createMandate,
      Amount maxAmount,
      Instant startDate,
      Instant endDate,
      Frequency frequency,
      Optional<Integer> ruleValue,
      AmountRule amountRule,
      boolean revokableByCustomer,
      boolean blockFunds,
      Optional<RuleType> ruleType) {}

  /**
   * How {@code rule_value} binds a debit's day: ON that day, BEFORE (on or before) or AFTER (on or
   * after) it, within the frequency's period.
   */
  public enum RuleType {
    ON,
    BEFORE,
    AFTER
  }

  public enum CreateMandate {
    REQUIRED,
    OPTIONAL
  }

  public enum AmountRule {
    FIXED,
    VARIABLE
  }

  /** The seed's frequencies, with the {@code rule_value} range each one takes (0 = none). */
  public enum Frequency {
    ONETIME(0),
    DAILY(0),
    WEEKLY(7),
    FORTNIGHTLY(16),
    MONTHLY(31),
    BIMONTHLY(31),
    QUARTERLY(31),
    HALFYEARLY(31),
    YEARLY(31),
    ASPRESENTED(0);

    private final int maxRuleValue;

    Frequency(int maxRuleValue) {
      this.maxRuleValue = maxRuleValue;
    }

    public int maxRuleValue() {
      return maxRuleValue;
    }

    public boolean needsRuleValue() {
      return maxRuleValue > 0;
    }
  }

  /** One entry of {@code mutual_fund_details}. */
  public record MutualFund(
      String memberId,
      String userId,
      String mfPartner,
      String orderNumber,
      Amount amount,
      String investmentType,
      Optional<String> schemeCode,
      Optional<String> folioNumber,
      Optional<String> panNumber,
      Optional<String> amcCode,
      Optional<String> ihNumber) {}
}
