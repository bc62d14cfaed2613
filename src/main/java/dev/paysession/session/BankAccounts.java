package dev.paysession.session;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paysession.order.OrderDetails;
import dev.paysession.rules.Texts;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code metadata.bank_account_details} for TPV orders: a list (JSON array or its text) of accounts
 * the payment must come from. Each entry needs {@code bank_account_number} with {@code bank_ifsc},
 * or a {@code bank_account_id} stored earlier.
 */
final class BankAccounts {

  static final String KEY = "metadata.bank_account_details";
  private static final int MAX_ACCOUNTS = 10;

  /** RBI's IFSC: four letters for the bank, a zero, six characters for the branch. */
  static final Pattern IFSC = Pattern.compile("[A-Z]{4}0[A-Z0-9]{6}");

  private static final Pattern ACCOUNT_NUMBER = Pattern.compile("[A-Za-z0-9]{5,35}");
  private static final Pattern ACCOUNT_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final Pattern BANK_CODE = Pattern.compile("[A-Z0-9_]{1,32}");

  private BankAccounts() {}

  static List<OrderDetails.BankAccount> parse(RequestFields f) {
    JsonNode node = f.raw(KEY);
    if (!RequestFields.sent(node)) {
      return List.of();
    }
    JsonNode list = JsonText.arrayOrText(node);
    if (list == null || list.isEmpty()) {
      f.invalid(KEY, "must be a non-empty JSON list of bank accounts");
      return List.of();
    }
    if (list.size() > MAX_ACCOUNTS) {
      f.invalid(KEY, "may list at most " + MAX_ACCOUNTS + " accounts");
      return List.of();
    }
    List<OrderDetails.BankAccount> accounts = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      String prefix = KEY + "[" + i + "].";
      JsonNode entry = list.get(i);
      if (!entry.isObject()) {
        f.invalid(KEY + "[" + i + "]", "must be an object");
        continue;
      }
      int before = f.errors().size();
      Optional<String> number =
          text(
              f,
              entry,
              prefix,
              "bank_account_number",
              ACCOUNT_NUMBER,
              "must be 5-35 letters or digits");
      Optional<String> ifsc =
          text(
              f, entry, prefix, "bank_ifsc", IFSC, "must be an 11-character IFSC like HDFC0001234");
      Optional<String> accountId =
          text(
              f,
              entry,
              prefix,
              "bank_account_id",
              ACCOUNT_ID,
              "must be 1-64 letters, digits, '-' or '_'");
      Optional<String> type =
          text(
              f,
              entry,
              prefix,
              "bank_account_type",
              Pattern.compile("CURRENT|SAVINGS"),
              "must be CURRENT or SAVINGS");
      Optional<String> name = beneficiary(f, entry, prefix);
      Optional<String> bankCode =
          text(
              f,
              entry,
              prefix,
              "juspay_bank_code",
              BANK_CODE,
              "must be a Juspay bank code like JP_HDFC");
      if (accountId.isEmpty()
          && number.isEmpty()
          && !RequestFields.sent(entry.get("bank_account_number"))) {
        f.missing(prefix + "bank_account_number");
      } else if (number.isPresent()
          && ifsc.isEmpty()
          && !RequestFields.sent(entry.get("bank_ifsc"))) {
        f.missing(prefix + "bank_ifsc");
      }
      if (f.errors().size() == before) {
        accounts.add(new OrderDetails.BankAccount(number, ifsc, accountId, type, name, bankCode));
      }
    }
    return accounts;
  }

  private static Optional<String> text(
      RequestFields f, JsonNode entry, String prefix, String key, Pattern pattern, String reason) {
    JsonNode value = entry.get(key);
    if (!RequestFields.sent(value)) {
      return Optional.empty();
    }
    if (!value.isTextual() && !value.isIntegralNumber()) {
      f.invalid(prefix + key, "must be a string");
      return Optional.empty();
    }
    if (!pattern.matcher(value.asText()).matches()) {
      f.invalid(prefix + key, reason);
      return Optional.empty();
    }
    return Optional.of(value.asText());
  }

  private static Optional<String> beneficiary(RequestFields f, JsonNode entry, String prefix) {
    JsonNode value = entry.get("bank_beneficiary_name");
    if (!RequestFields.sent(value)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Texts.personName(value.asText()));
    } catch (dev.paysession.rules.InvalidValue e) {
      f.invalid(prefix + "bank_beneficiary_name", e.getMessage());
      return Optional.empty();
    }
  }
}
