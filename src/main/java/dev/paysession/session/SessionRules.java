package dev.paysession.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.paysession.api.ApiException;
import dev.paysession.api.FieldError;
import dev.paysession.api.RequestFields;
import dev.paysession.merchant.Merchant;
import dev.paysession.order.FlatBody;
import dev.paysession.order.OrderDetails;
import dev.paysession.rules.Amount;
import dev.paysession.rules.InvalidValue;
import dev.paysession.rules.OrderIds;
import dev.paysession.rules.Texts;
import dev.paysession.rules.Urls;
import dev.paysession.session.SessionRequest.Action;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Every documented rule of {@code POST /session}, across the seed's three versions (default, v1,
 * eNACH). Plain Java: a body, the merchant and the current time go in; a {@link SessionRequest} or
 * one {@link ApiException} listing every offending field comes out. Where the versions disagree,
 * the decision is written in docs/api.md, "Decisions".
 */
public final class SessionRules {

  private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
  private static final Pattern LANGUAGE = Pattern.compile("[A-Za-z][A-Za-z_-]{1,31}");
  private static final Pattern GATEWAY_REFERENCE_ID = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

  static final String ENACH_SERVICE = "in.juspay.ec";
  static final String TPV_PAYMENT = "TPV_PAYMENT";

  /** A year: long enough for any real checkout or fulfilment window. */
  static final int MAX_MINUTES = 525_600;

  static final int MAX_UDF_LENGTH = 255;
  private static final int MAX_GATEWAY_VALUE_LENGTH = 2048;

  private SessionRules() {}

  /** The endpoint whose body is read: {@code POST /orders} opens no session yet. */
  enum Api {
    SESSION,
    /** No {@code payment_page_client_id} or {@code action} needed: the later session gives them. */
    ORDERS,
    /**
     * A mandate's debit order ({@code POST /txns}): as {@link #ORDERS}, and no return URL, since no
     * customer is sent anywhere.
     */
    MANDATE_DEBIT
  }

  public static SessionRequest parse(ObjectNode body, Merchant merchant, Instant now) {
    return parse(body, merchant, now, Api.SESSION);
  }

  static SessionRequest parse(ObjectNode body, Merchant merchant, Instant now, Api api) {
    List<FieldError> errors = new ArrayList<>();
    Map<String, JsonNode> flat = FlatBody.flatten(body, errors);
    RequestFields f = RequestFields.ofFlatBody(flat, errors);
    boolean sandbox = merchant.isSandbox();

    // Juspay's real traffic omits it: the hosted checkout is what a session is for by default.
    Action action =
        f.optional("action", SessionRules::action)
            .orElse(f.isSent("action") ? null : Action.paymentPage);
    // Managing saved instruments pays nothing: Juspay's sample sends only the customer.
    boolean management = action == Action.paymentManagement;
    String orderId =
        management
            ? f.optional("order_id", SessionRules::orderId).orElse(null)
            : f.required("order_id", SessionRules::orderId);
    // Amounts take the decimals of the currency the body names (JPY none, KWD three); a currency
    // that is absent or invalid gets its own error, and INR's two decimals meanwhile.
    String amountCurrency = currencyNamed(f);
    // Without an order the session is its own order, which pays nothing (amount 0); an order the
    // merchant names keeps its amount rule, so no payable order can ever hold 0.
    Amount amount =
        management && !f.isSent("order_id")
            ? f.optional("amount", v -> Amount.parseAtLeastOne(v, amountCurrency))
                .orElse(Amount.of(BigDecimal.ZERO, amountCurrency))
            : f.required("amount", v -> Amount.parseAtLeastOne(v, amountCurrency));
    String customerId = customerId(f);
    if (management && customerId.isEmpty() && !f.isSent("customer_id")) {
      f.missing("customer_id"); // a guest has no saved instruments to manage
    }
    Optional<String> email = f.optional("customer_email", Texts::email);
    Optional<String> phone = f.optional("customer_phone", Texts::phone);
    Optional<String> countryCode = f.optional("mobile_country_code", Texts::countryCode);
    String clientId =
        api != Api.SESSION
            ? f.optional("payment_page_client_id", v -> clientId(v, merchant)).orElse(null)
            : f.required("payment_page_client_id", v -> clientId(v, merchant));
    checkService(f, action);
    String returnUrl = returnUrl(f, merchant, !management && api != Api.MANDATE_DEBIT);
    Optional<String> firstName = f.optional("first_name", Texts::personName);
    Optional<String> lastName = f.optional("last_name", Texts::personName);
    Optional<String> description = f.optional("description", v -> Texts.displayed(v, 255));
    Optional<String> productId = f.unchecked("product_id");
    String currency = currency(f, merchant);
    Optional<String> orderType = f.optional("order_type", SessionRules::orderType);
    Optional<String> language = f.optional("language", SessionRules::language);
    Optional<String> theme = f.unchecked("theme");
    Optional<Integer> threshold =
        f.positiveInteger("order_fullfillment_threshold_in_mins", MAX_MINUTES);
    Optional<String> webhookUrl =
        f.optional("metadata.webhook_url", v -> Urls.webhookUrl(v, sandbox).toString());
    Optional<Integer> expiryInMins = expiryInMins(f);
    Optional<Boolean> allowCardNo3ds = f.bool("metadata.txns.allow_card_no_3ds");
    Optional<Amount> subvention = subvention(f, amount, amountCurrency);
    Map<String, Map<String, JsonNode>> gatewayMetadata = GatewayMetadata.parse(flat, f);
    List<OrderDetails.BankAccount> bankAccounts = BankAccounts.parse(f);
    if (TPV_PAYMENT.equals(orderType.orElse(null))
        && bankAccounts.isEmpty()
        && !f.isSent(BankAccounts.KEY)) {
      f.missing("metadata.bank_account_details");
    }
    boolean upiDeepLinks = upiDeepLinks(f, merchant, currency);
    if (upiDeepLinks && management) {
      f.invalid("options.get_upi_deep_links", "a paymentManagement session takes no payment");
    }
    Optional<OrderDetails.Mandate> mandate =
        MandateRules.parse(f, amount, now, action == Action.enach);
    if (action == Action.enach) {
      if (currency != null && !currency.equals("INR")) {
        f.invalid("currency", "must be INR for eNACH (NACH mandates are in rupees)");
      }
    }
    List<String> udfs = udfs(f);
    List<OrderDetails.MutualFund> mutualFunds = MutualFunds.parse(f, amount);
    OrderDetails.Addresses addresses = OrderAddresses.parse(f);

    if (!errors.isEmpty()) {
      throw ApiException.badFields(errors);
    }
    return new SessionRequest(
        orderId,
        amount,
        customerId,
        email,
        phone,
        countryCode,
        clientId,
        action,
        returnUrl,
        firstName,
        lastName,
        description,
        productId,
        currency,
        orderType,
        language,
        theme,
        threshold,
        webhookUrl,
        expiryInMins,
        allowCardNo3ds,
        subvention,
        gatewayMetadata,
        bankAccounts,
        upiDeepLinks,
        mandate,
        udfs,
        mutualFunds,
        addresses,
        flat);
  }

  static String orderId(String value) {
    return OrderIds.check(value);
  }

  /** Absent, null or "": a guest checkout (Juspay's real traffic sends no customer at all). */
  private static String customerId(RequestFields f) {
    return f.optional("customer_id", v -> Texts.printable(v, 128)).orElse("");
  }

  private static String clientId(String value, Merchant merchant) {
    if (!merchant.clientIds().contains(value)) {
      throw new InvalidValue("is not a payment_page_client_id of this merchant");
    }
    return value;
  }

  private static Action action(String value) {
    for (Action action : Action.values()) {
      if (action.name().equals(value)) {
        return action;
      }
    }
    throw new InvalidValue("must be one of paymentPage, paymentManagement, enach");
  }

  /** eNACH's {@code service} is in.juspay.ec and belongs with {@code action} "enach" only. */
  private static void checkService(RequestFields f, Action action) {
    Optional<String> service =
        f.optional(
            "service",
            v -> {
              if (!v.equals(ENACH_SERVICE)) {
                throw new InvalidValue("must be " + ENACH_SERVICE + " (eNACH) when given");
              }
              return v;
            });
    if (service.isPresent() && action != null && action != Action.enach) {
      f.invalid("service", ENACH_SERVICE + " loads the eNACH registration page: use action enach");
    }
  }

  /**
   * @param required a payment needs somewhere to send the customer back; managing saved cards does
   *     not
   */
  private static String returnUrl(RequestFields f, Merchant merchant, boolean required) {
    Optional<String> given =
        f.optional("return_url", v -> Urls.returnUrl(v, merchant.isSandbox()).toString());
    if (given.isPresent()) {
      return given.get();
    }
    if (f.isSent("return_url")) {
      return null; // sent but invalid: already recorded
    }
    if (merchant.defaultReturnUrl().isPresent()) {
      return merchant.defaultReturnUrl().get();
    }
    if (required) {
      f.missing("return_url");
    }
    return null;
  }

  /** The currency code the body names, as sent (validated by {@link #currency}), or INR. */
  private static String currencyNamed(RequestFields f) {
    JsonNode node = f.raw("currency");
    return RequestFields.sent(node) && node.isTextual() ? node.asText() : "INR";
  }

  private static String currency(RequestFields f, Merchant merchant) {
    Optional<String> given =
        f.optional(
            "currency",
            v -> {
              if (!CURRENCY.matcher(v).matches()) {
                throw new InvalidValue(
                    v.length() == 3 && CURRENCY.matcher(v.toUpperCase()).matches()
                        ? "must be upper case, like INR"
                        : "must be a 3-letter ISO 4217 code like INR");
              }
              if (!merchant.supportedCurrencies().contains(v)) {
                throw new InvalidValue(
                    "is not enabled for this merchant (supported: "
                        + String.join(", ", merchant.supportedCurrencies())
                        + ")");
              }
              return v;
            });
    if (given.isPresent()) {
      return given.get();
    }
    if (f.isSent("currency")) {
      return null; // sent but invalid: already recorded
    }
    if (!merchant.supportedCurrencies().contains("INR")) {
      f.missing("currency"); // the default, INR, is not enabled for this merchant
      return null;
    }
    return "INR";
  }

  private static String orderType(String value) {
    if (!value.equals(TPV_PAYMENT)) {
      throw new InvalidValue("must be " + TPV_PAYMENT + " when given");
    }
    return value;
  }

  private static String language(String value) {
    if (!LANGUAGE.matcher(value).matches()) {
      throw new InvalidValue("must be a language name like english");
    }
    return value;
  }

  /** {@code metadata.expiryInMins}; Juspay's own samples also spell it expiryinmins. */
  private static Optional<Integer> expiryInMins(RequestFields f) {
    Optional<Integer> camel = f.positiveInteger("metadata.expiryInMins", MAX_MINUTES);
    return camel.isPresent() ? camel : f.positiveInteger("metadata.expiryinmins", MAX_MINUTES);
  }

  private static Optional<Amount> subvention(RequestFields f, Amount amount, String currencyCode) {
    Optional<Amount> subvention =
        f.optional(
            "metadata.subvention_amount",
            v -> {
              Amount parsed = Amount.parse(v, currencyCode);
              if (parsed.value().signum() <= 0) {
                throw new InvalidValue("must be greater than 0");
              }
              return parsed;
            });
    if (subvention.isPresent() && amount != null && subvention.get().compareTo(amount) > 0) {
      f.invalid("metadata.subvention_amount", "must not exceed amount");
    }
    return subvention;
  }

  private static boolean upiDeepLinks(RequestFields f, Merchant merchant, String currency) {
    boolean requested = f.bool("options.get_upi_deep_links").orElse(false);
    if (!requested) {
      return false;
    }
    if (!merchant.canBuildUpiLinks()) {
      f.invalid(
          "options.get_upi_deep_links",
          "this merchant has no UPI payee address and name configured");
    } else if (currency != null && !currency.equals("INR")) {
      f.invalid("options.get_upi_deep_links", "UPI deep links are only available for INR orders");
    }
    return true;
  }

  /** {@code udf1} … {@code udf10}, "" where not sent; also what {@code POST /orders/{id}} reads. */
  static List<String> udfs(RequestFields f) {
    List<String> udfs = new ArrayList<>(10);
    for (int i = 1; i <= 10; i++) {
      String key = "udf" + i;
      udfs.add(f.optional(key, v -> Texts.displayed(v, MAX_UDF_LENGTH)).orElse(""));
    }
    return udfs;
  }

  /**
   * {@code metadata.<GATEWAY>:<field>} keys, grouped per gateway as the seed's table lists them.
   */
  static final class GatewayMetadata {

    private static final int MAX_RAZORPAY_NOTES = 15;
    private static final int MAX_RAZORPAY_NOTE_LENGTH = 256;

    private GatewayMetadata() {}

    static Map<String, Map<String, JsonNode>> parse(Map<String, JsonNode> flat, RequestFields f) {
      Map<String, Map<String, JsonNode>> byGateway = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> entry : flat.entrySet()) {
        String key = entry.getKey();
        int colon = key.indexOf(':');
        if (!key.startsWith("metadata.") || colon < 0) {
          continue;
        }
        String gateway = key.substring("metadata.".length(), colon).trim().toUpperCase();
        String field = key.substring(colon + 1).trim();
        if (gateway.isEmpty() || field.isEmpty()) {
          f.invalid(key, "must look like metadata.<GATEWAY>:<field>");
          continue;
        }
        JsonNode value = entry.getValue();
        if (value == null || value.isNull()) {
          continue;
        }
        JsonNode checked = check(key, gateway, field, value, f);
        if (checked != null) {
          byGateway.computeIfAbsent(gateway, g -> new LinkedHashMap<>()).put(field, checked);
        }
      }
      return byGateway;
    }

    private static JsonNode check(
        String key, String gateway, String field, JsonNode value, RequestFields f) {
      if (gateway.equals("RAZORPAY") && field.equals("notes")) {
        return razorpayNotes(key, value, f);
      }
      if (gateway.equals("JUSPAY") && field.equals("gateway_reference_id")) {
        if (!value.isTextual() || !GATEWAY_REFERENCE_ID.matcher(value.asText()).matches()) {
          f.invalid(key, "must be 1-64 letters, digits, '.', '-' or '_'");
          return null;
        }
        return value;
      }
      if (value.isValueNode() && value.asText().length() > MAX_GATEWAY_VALUE_LENGTH) {
        f.invalid(key, "must be at most " + MAX_GATEWAY_VALUE_LENGTH + " characters");
        return null;
      }
      return value;
    }

    /** Razorpay notes: a JSON object (or its JSON text) of at most 15 short string values. */
    private static JsonNode razorpayNotes(String key, JsonNode value, RequestFields f) {
      JsonNode notes = value.isTextual() ? JsonText.parse(value.asText()) : value;
      if (notes == null || !notes.isObject()) {
        f.invalid(key, "must be a JSON object like {\"key1\":\"value1\"}");
        return null;
      }
      if (notes.size() > MAX_RAZORPAY_NOTES) {
        f.invalid(key, "may hold at most " + MAX_RAZORPAY_NOTES + " keys");
        return null;
      }
      for (JsonNode note : notes) {
        if (!note.isValueNode() || note.asText().length() > MAX_RAZORPAY_NOTE_LENGTH) {
          f.invalid(
              key, "values must be strings of at most " + MAX_RAZORPAY_NOTE_LENGTH + " characters");
          return null;
        }
      }
      return notes;
    }
  }
}
