package dev.paysession.txns;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.paysession.api.ApiException;
import dev.paysession.api.FieldError;
import dev.paysession.checkout.InvalidPaymentInput;
import dev.paysession.checkout.PaymentFormRules;
import dev.paysession.checkout.SavedCard;
import dev.paysession.gateway.CardBrand;
import dev.paysession.gateway.PaymentInstrument;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns a {@code POST /txns} payment body (Juspay's field names, juspay-lifecycle §4) into the
 * instrument the payment page would have built, reusing the page's rules ({@link PaymentFormRules})
 * so both take exactly the same cards, banks, wallets and UPI IDs. Every problem is reported at
 * once, by field name; no message ever carries a value (it may be card data). Plain Java: the tests
 * call it without a server.
 */
final class TxnsPaymentRules {

  private static final Set<String> YES = Set.of("true", "yes", "1", "on");

  // The page's field names, as Juspay's /txns names them.
  private static final Map<String, String> PAGE_FIELDS =
      Map.of(
          "card_number", "card_number",
          "card_cvv", "card_security_code",
          "card_exp", "card_exp_year",
          "name_on_card", "name_on_card",
          "vpa", "upi_vpa",
          "bank", "payment_method",
          "wallet", "payment_method",
          "card_token", "card_token");

  private TxnsPaymentRules() {}

  /**
   * The instrument the body names.
   *
   * @param savedCards the order's customer's saved cards (a {@code card_token} must be one)
   * @param canSaveCard whether the order has a customer to save a card for
   * @throws ApiException 400 naming every missing or invalid field
   */
  static PaymentInstrument instrument(
      ObjectNode body, YearMonth thisMonth, List<SavedCard> savedCards, boolean canSaveCard) {
    List<FieldError> errors = new ArrayList<>();
    String type = upper(text(body, "payment_method_type", errors));
    String method = upper(text(body, "payment_method", errors));
    if (type == null) {
      // A saved card token says what it is; everything else must say its type.
      if (text(body, "card_token", errors) != null) {
        type = "CARD";
      } else {
        errors.add(FieldError.missing("payment_method_type"));
        throw ApiException.badFields(errors);
      }
    }
    try {
      PaymentInstrument instrument =
          switch (type) {
            case "CARD" -> card(body, method, thisMonth, savedCards, canSaveCard, errors);
            case "NB" -> netBanking(method, errors);
            case "WALLET" -> wallet(method, errors);
            case "UPI" -> upi(body, method, errors);
            default -> {
              errors.add(
                  FieldError.invalid(
                      "payment_method_type", "must be one of CARD, NB, WALLET or UPI"));
              yield null;
            }
          };
      if (!errors.isEmpty()) {
        throw ApiException.badFields(errors);
      }
      return instrument;
    } catch (InvalidPaymentInput e) {
      e.fieldMessages()
          .forEach(
              (field, message) ->
                  errors.add(FieldError.invalid(PAGE_FIELDS.getOrDefault(field, field), message)));
      throw ApiException.badFields(errors);
    }
  }

  private static PaymentInstrument card(
      ObjectNode body,
      String method,
      YearMonth thisMonth,
      List<SavedCard> savedCards,
      boolean canSaveCard,
      List<FieldError> errors) {
    String token = text(body, "card_token", errors);
    String cvv = text(body, "card_security_code", errors);
    if (token != null) {
      SavedCard card =
          savedCards.stream().filter(saved -> saved.token().equals(token)).findFirst().orElse(null);
      if (card == null) {
        errors.add(
            FieldError.invalid("card_token", "is not a saved card of this order's customer"));
        return null;
      }
      if (cvv == null) {
        errors.add(FieldError.missing("card_security_code"));
        return null;
      }
      return new PaymentInstrument.SavedCard(
          card.token(),
          card.brand(),
          card.lastFour(),
          PaymentFormRules.savedCardCvv(cvv, card.brand()));
    }
    String number = text(body, "card_number", errors);
    String month = text(body, "card_exp_month", errors);
    String year = text(body, "card_exp_year", errors);
    for (String field :
        List.of("card_number", "card_exp_month", "card_exp_year", "card_security_code")) {
      if (text(body, field, errors) == null) {
        errors.add(FieldError.missing(field));
      }
    }
    if (month != null && !month.matches("\\d{1,2}")) {
      errors.add(FieldError.invalid("card_exp_month", "must be the month as MM (01 to 12)"));
    } else if (month != null && (Integer.parseInt(month) < 1 || Integer.parseInt(month) > 12)) {
      errors.add(FieldError.invalid("card_exp_month", "must be the month as MM (01 to 12)"));
    }
    if (year != null && !year.matches("\\d{2}|\\d{4}")) {
      errors.add(FieldError.invalid("card_exp_year", "must be the year as YY or YYYY"));
    }
    if (method != null && brand(method) == null) {
      errors.add(
          FieldError.invalid(
              "payment_method", "must be a card brand such as VISA, MASTERCARD, AMEX or RUPAY"));
    }
    if (!errors.isEmpty()) {
      return null;
    }
    String save = canSaveCard ? text(body, "save_to_locker", errors) : null;
    PaymentInstrument.NewCard card =
        PaymentFormRules.newCard(
            number, text(body, "name_on_card", errors), month + "/" + year, cvv, save, thisMonth);
    // The brand comes from the number; a brand the caller named must agree with it.
    if (method != null && card.brand() != CardBrand.UNKNOWN && brand(method) != card.brand()) {
      errors.add(
          FieldError.invalid(
              "payment_method", "does not match the card number's brand (" + card.brand() + ")"));
      return null;
    }
    return card;
  }

  private static PaymentInstrument netBanking(String method, List<FieldError> errors) {
    if (method == null) {
      errors.add(FieldError.missing("payment_method"));
      return null;
    }
    // Juspay names a bank NB_HDFC or JP_HDFC.
    String bank = method.startsWith("JP_") ? "NB_" + method.substring(3) : method;
    if (!PaymentFormRules.BANKS.containsKey(bank)) {
      errors.add(
          FieldError.invalid(
              "payment_method",
              "must be one of " + String.join(", ", PaymentFormRules.BANKS.keySet())));
      return null;
    }
    return PaymentFormRules.netBanking(bank);
  }

  private static PaymentInstrument wallet(String method, List<FieldError> errors) {
    if (method == null) {
      errors.add(FieldError.missing("payment_method"));
      return null;
    }
    if (!PaymentFormRules.WALLETS.containsKey(method)) {
      errors.add(
          FieldError.invalid(
              "payment_method",
              "must be one of " + String.join(", ", PaymentFormRules.WALLETS.keySet())));
      return null;
    }
    return PaymentFormRules.wallet(method);
  }

  /**
   * UPI: {@code txn_type} UPI_COLLECT (with {@code upi_vpa}) or UPI_PAY (intent); Juspay's older
   * bodies say it with {@code payment_method} COLLECT / PAY instead.
   */
  private static PaymentInstrument upi(ObjectNode body, String method, List<FieldError> errors) {
    String txnType = upper(text(body, "txn_type", errors));
    String vpa = text(body, "upi_vpa", errors);
    if (txnType == null && method != null) {
      txnType =
          switch (method) {
            case "COLLECT", "UPI_COLLECT" -> "UPI_COLLECT";
            case "PAY", "UPI_PAY" -> "UPI_PAY";
            default -> null;
          };
    }
    if (txnType == null) {
      txnType = vpa != null ? "UPI_COLLECT" : null;
    }
    if (txnType == null) {
      errors.add(FieldError.missing("txn_type"));
      return null;
    }
    switch (txnType) {
      case "UPI_COLLECT":
        if (vpa == null) {
          errors.add(FieldError.missing("upi_vpa"));
          return null;
        }
        return PaymentFormRules.upiCollect(vpa);
      case "UPI_PAY":
        return new PaymentInstrument.UpiIntent();
      case "UPI_QR":
        errors.add(
            FieldError.invalid(
                "txn_type", "UPI_QR is not served: use UPI_PAY with sdk_params=true"));
        return null;
      default:
        errors.add(FieldError.invalid("txn_type", "must be UPI_COLLECT or UPI_PAY"));
        return null;
    }
  }

  /** A yes/no field as Juspay's forms send it ({@code true}, {@code false}); absent is null. */
  static Boolean flag(ObjectNode body, String field) {
    List<FieldError> errors = new ArrayList<>();
    String value = text(body, field, errors);
    if (!errors.isEmpty()) {
      throw ApiException.badFields(errors);
    }
    return value == null ? null : YES.contains(value.toLowerCase(Locale.ROOT));
  }

  /** A top-level field as text: absent, null or "" is null; an object or array is invalid. */
  static String text(ObjectNode body, String field, List<FieldError> errors) {
    JsonNode node = body.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isValueNode()) {
      if (errors.stream().noneMatch(error -> error.field().equals(field))) {
        errors.add(FieldError.invalid(field, "must be a string"));
      }
      return null;
    }
    String value = node.asText().trim();
    return value.isEmpty() ? null : value;
  }

  private static String upper(String value) {
    return value == null ? null : value.toUpperCase(Locale.ROOT);
  }

  private static CardBrand brand(String method) {
    try {
      CardBrand brand = CardBrand.valueOf(method);
      return brand == CardBrand.UNKNOWN ? null : brand;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
