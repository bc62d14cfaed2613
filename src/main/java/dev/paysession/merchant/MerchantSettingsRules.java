package dev.paysession.merchant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.paysession.api.RequestFields;
import dev.paysession.rules.InvalidValue;
import dev.paysession.rules.Texts;
import dev.paysession.rules.Urls;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns an admin API body into merchant settings, or a 400 listing every bad field. For updates the
 * current settings fill in whatever the body leaves out.
 */
final class MerchantSettingsRules {

  static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
  private static final Pattern UPI_VPA =
      Pattern.compile("[A-Za-z0-9.\\-_]{2,256}@[A-Za-z0-9]{2,64}");
  private static final Pattern MERCHANT_CATEGORY_CODE = Pattern.compile("[0-9]{4}");

  private final ObjectNode body;
  private final RequestFields fields;

  private MerchantSettingsRules(ObjectNode body) {
    this.body = body;
    this.fields = RequestFields.ofObject(body);
  }

  /**
   * @param sandboxAllowed false in a production installation: a sandbox merchant is refused
   */
  static Merchant forCreate(ObjectNode body, boolean sandboxAllowed) {
    MerchantSettingsRules rules = new MerchantSettingsRules(body);
    String merchantId = rules.fields.required("merchant_id", rules::identifier);
    String name = rules.fields.required("name", v -> Texts.printable(v, 255));
    Environment environment =
        rules.fields.required("environment", v -> environment(v, sandboxAllowed));
    Set<String> clientIds = rules.requiredClientIds();
    Merchant merchant =
        new Merchant(
            merchantId,
            name,
            environment,
            clientIds,
            Optional.empty(),
            List.of("INR"),
            Optional.empty(),
            Optional.empty(),
            Optional.empty());
    return rules.withOptionalSettings(merchant);
  }

  static Merchant forUpdate(ObjectNode body, Merchant current, boolean sandboxAllowed) {
    MerchantSettingsRules rules = new MerchantSettingsRules(body);
    if (body.has("merchant_id") && !current.merchantId().equals(body.get("merchant_id").asText())) {
      rules.fields.invalid("merchant_id", "cannot be changed");
    }
    Merchant merged =
        new Merchant(
            current.merchantId(),
            rules.fields.replacing("name", v -> Texts.printable(v, 255)).orElse(current.name()),
            rules
                .fields
                .replacing("environment", v -> environment(v, sandboxAllowed))
                .orElse(current.environment()),
            body.has("payment_page_client_ids") ? rules.requiredClientIds() : current.clientIds(),
            current.defaultReturnUrl(),
            current.supportedCurrencies(),
            current.upiPayeeVpa(),
            current.upiPayeeName(),
            current.upiMerchantCode());
    return rules.withOptionalSettings(merged);
  }

  /** Applies the optional settings present in the body; a JSON null clears a setting. */
  private Merchant withOptionalSettings(Merchant base) {
    boolean sandbox = base.isSandbox();
    Optional<String> returnUrl =
        fields
            .clearable("default_return_url", v -> Urls.returnUrl(v, sandbox).toString())
            .orElse(base.defaultReturnUrl());
    List<String> currencies =
        body.has("supported_currencies") ? currencies() : base.supportedCurrencies();
    Optional<String> vpa =
        fields.clearable("upi_payee_vpa", MerchantSettingsRules::vpa).orElse(base.upiPayeeVpa());
    Optional<String> payeeName =
        fields.clearable("upi_payee_name", v -> Texts.printable(v, 99)).orElse(base.upiPayeeName());
    Optional<String> code =
        fields
            .clearable("upi_merchant_code", MerchantSettingsRules::merchantCategoryCode)
            .orElse(base.upiMerchantCode());
    if (returnUrl.isPresent() && !body.has("default_return_url")) {
      // A kept URL must still suit the (possibly changed) environment: no localhost in production.
      fields.apply("default_return_url", returnUrl.get(), v -> Urls.returnUrl(v, sandbox));
    }
    fields.throwIfAny();
    return new Merchant(
        base.merchantId(),
        base.name(),
        base.environment(),
        base.clientIds(),
        returnUrl,
        currencies,
        vpa,
        payeeName,
        code);
  }

  private Set<String> requiredClientIds() {
    JsonNode node = body.get("payment_page_client_ids");
    Set<String> ids = new LinkedHashSet<>();
    if (node == null || node.isNull()) {
      fields.missing("payment_page_client_ids");
      return ids;
    }
    if (!node.isArray() || node.isEmpty()) {
      fields.invalid("payment_page_client_ids", "must be a non-empty list");
      return ids;
    }
    for (JsonNode id : node) {
      if (!id.isTextual() || !IDENTIFIER.matcher(id.asText()).matches()) {
        fields.invalid("payment_page_client_ids", "each must be 1-64 letters, digits, '-' or '_'");
        return ids;
      }
      ids.add(id.asText());
    }
    return ids;
  }

  private List<String> currencies() {
    JsonNode node = body.get("supported_currencies");
    List<String> currencies = new ArrayList<>();
    if (!node.isArray() || node.isEmpty()) {
      fields.invalid("supported_currencies", "must be a non-empty list");
      return List.of("INR");
    }
    for (JsonNode currency : node) {
      if (!currency.isTextual() || !CURRENCY.matcher(currency.asText()).matches()) {
        fields.invalid("supported_currencies", "each must be an upper-case ISO 4217 code like INR");
        return List.of("INR");
      }
      if (!currencies.contains(currency.asText())) {
        currencies.add(currency.asText());
      }
    }
    return currencies;
  }

  private String identifier(String value) {
    if (!IDENTIFIER.matcher(value).matches()) {
      throw new InvalidValue("must be 1-64 letters, digits, '-' or '_'");
    }
    return value;
  }

  private static Environment environment(String value, boolean sandboxAllowed) {
    Environment environment =
        Environment.fromWire(value)
            .orElseThrow(() -> new InvalidValue("must be \"sandbox\" or \"production\""));
    if (environment == Environment.SANDBOX && !sandboxAllowed) {
      throw new InvalidValue(
          "must be \"production\": this installation runs in production mode (PAYSESSION_MODE)");
    }
    return environment;
  }

  private static String vpa(String value) {
    if (!UPI_VPA.matcher(value).matches()) {
      throw new InvalidValue("must be a UPI address like merchant@bank");
    }
    return value;
  }

  private static String merchantCategoryCode(String value) {
    if (!MERCHANT_CATEGORY_CODE.matcher(value).matches()) {
      throw new InvalidValue("must be a 4-digit merchant category code");
    }
    return value;
  }
}
