package dev.paysession.checkout;

import dev.paysession.gateway.CardBrand;
import dev.paysession.gateway.PaymentInstrument;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns the payment page's form fields into a {@link PaymentInstrument}, or every problem at once.
 * Plain Java: the page, an SDK call and the tests share these rules.
 */
public final class PaymentFormRules {

  /** Banks offered for net banking, by Juspay's payment-method code. */
  public static final Map<String, String> BANKS =
      orderedMap(
          "NB_SBI", "State Bank of India",
          "NB_HDFC", "HDFC Bank",
          "NB_ICICI", "ICICI Bank",
          "NB_AXIS", "Axis Bank",
          "NB_KOTAK", "Kotak Mahindra Bank");

  /** Wallets offered, by Juspay's payment-method code. */
  public static final Map<String, String> WALLETS =
      orderedMap(
          "PAYTM", "Paytm",
          "PHONEPE", "PhonePe",
          "AMAZONPAY", "Amazon Pay",
          "MOBIKWIK", "MobiKwik");

  // A VPA is handle@psp: the NPCI spec allows letters, digits, '.', '-' and '_' in the handle.
  private static final Pattern VPA =
      Pattern.compile("[A-Za-z0-9._-]{2,256}@[A-Za-z][A-Za-z0-9.]{1,63}");
  private static final Pattern EXPIRY = Pattern.compile("(\\d{1,2})\\s*/\\s*(\\d{2}|\\d{4})");
  private static final Pattern NAME = Pattern.compile("[\\p{L} .'-]{1,64}");
  private static final Set<String> YES = Set.of("on", "true", "yes", "1");

  private PaymentFormRules() {}

  /**
   * A card typed in: a Luhn-valid number of 12–19 digits (spaces and dashes ignored), an expiry
   * ({@code MM/YY} or {@code MM/YYYY}) not before this month, a CVV of 3 digits (4 for Amex).
   */
  public static PaymentInstrument.NewCard newCard(
      String number, String name, String expiry, String cvv, String save, YearMonth thisMonth) {
    Map<String, String> errors = new LinkedHashMap<>();
    String digits = number == null ? "" : number.replaceAll("[\\s-]", "");
    CardBrand brand = CardBrand.UNKNOWN;
    if (digits.isEmpty()) {
      errors.put("card_number", "Enter the card number");
    } else if (!digits.matches("\\d{12,19}") || !luhnValid(digits)) {
      errors.put("card_number", "This card number is not valid");
    } else {
      brand = CardBrand.of(digits);
    }
    YearMonth validThrough = expiry(expiry, thisMonth, errors);
    String code = cvv == null ? "" : cvv.trim();
    int cvvLength = brand == CardBrand.AMEX ? 4 : 3;
    if (!code.matches("\\d{" + cvvLength + "}")) {
      errors.put("card_cvv", "Enter the " + cvvLength + "-digit security code");
    }
    String holder = name == null ? "" : name.trim();
    if (!holder.isEmpty() && !NAME.matcher(holder).matches()) {
      errors.put("name_on_card", "Use letters, spaces, dots, apostrophes or dashes (up to 64)");
    }
    if (!errors.isEmpty()) {
      throw new InvalidPaymentInput(errors);
    }
    return new PaymentInstrument.NewCard(
        digits, holder, validThrough, code, brand, save != null && YES.contains(save.trim()));
  }

  /** The CVV for a saved card, checked against the saved brand. */
  public static String savedCardCvv(String cvv, CardBrand brand) {
    String code = cvv == null ? "" : cvv.trim();
    int length = brand == CardBrand.AMEX ? 4 : 3;
    if (!code.matches("\\d{" + length + "}")) {
      throw new InvalidPaymentInput(
          Map.of("card_cvv", "Enter the " + length + "-digit security code"));
    }
    return code;
  }

  public static PaymentInstrument.UpiCollect upiCollect(String vpa) {
    String address = vpa == null ? "" : vpa.trim();
    if (!VPA.matcher(address).matches()) {
      throw new InvalidPaymentInput(Map.of("vpa", "Enter a UPI ID such as name@bank"));
    }
    return new PaymentInstrument.UpiCollect(address.toLowerCase(java.util.Locale.ROOT));
  }

  public static PaymentInstrument.NetBanking netBanking(String bank) {
    if (bank == null || !BANKS.containsKey(bank)) {
      throw new InvalidPaymentInput(Map.of("bank", "Choose a bank from the list"));
    }
    return new PaymentInstrument.NetBanking(bank);
  }

  public static PaymentInstrument.Wallet wallet(String wallet) {
    if (wallet == null || !WALLETS.containsKey(wallet)) {
      throw new InvalidPaymentInput(Map.of("wallet", "Choose a wallet from the list"));
    }
    return new PaymentInstrument.Wallet(wallet);
  }

  /** The Luhn checksum every card number carries in its last digit. */
  public static boolean luhnValid(String digits) {
    int sum = 0;
    boolean doubled = false;
    for (int i = digits.length() - 1; i >= 0; i--) {
      int digit = digits.charAt(i) - '0';
      if (doubled) {
        digit *= 2;
        if (digit > 9) {
          digit -= 9;
        }
      }
      sum += digit;
      doubled = !doubled;
    }
    return sum % 10 == 0;
  }

  private static YearMonth expiry(String text, YearMonth thisMonth, Map<String, String> errors) {
    var matcher = EXPIRY.matcher(text == null ? "" : text.trim());
    if (!matcher.matches()) {
      errors.put("card_exp", "Enter the expiry as MM/YY");
      return null;
    }
    int month = Integer.parseInt(matcher.group(1));
    int year = Integer.parseInt(matcher.group(2));
    if (year < 100) {
      year += 2000;
    }
    if (month < 1 || month > 12) {
      errors.put("card_exp", "Enter the expiry as MM/YY");
      return null;
    }
    YearMonth validThrough = YearMonth.of(year, month);
    if (validThrough.isBefore(thisMonth)) {
      errors.put("card_exp", "This card has expired");
    } else if (validThrough.isAfter(thisMonth.plusYears(20))) {
      errors.put("card_exp", "Check the expiry year");
    }
    return validThrough;
  }

  private static Map<String, String> orderedMap(String... pairs) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put(pairs[i], pairs[i + 1]);
    }
    return java.util.Collections.unmodifiableMap(map);
  }
}
