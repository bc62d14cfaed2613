package dev.paysession.checkout;

import dev.paysession.gateway.CardBrand;
import dev.paysession.gateway.PaymentInstrument;
import dev.paysession.order.OrderDetails;
import dev.paysession.order.OrderRecord;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
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

  /** How a customer may authorise an eNACH mandate, by Juspay's {@code auth_type}. */
  public static final Map<String, String> ENACH_AUTH_TYPES =
      orderedMap(
          "NETBANKING", "Net banking",
          "DEBIT_CARD", "Debit card",
          "AADHAAR", "Aadhaar");

  /** The error key of the mandate rules, shown above the payment methods. */
  public static final String MANDATE = "mandate";

  /** Banks by the first four letters of their IFSC, as net banking codes ({@link #BANKS}). */
  private static final Map<String, String> IFSC_BANKS =
      orderedMap(
          "SBIN", "NB_SBI",
          "HDFC", "NB_HDFC",
          "ICIC", "NB_ICICI",
          "UTIB", "NB_AXIS",
          "KKBK", "NB_KOTAK");

  private static final Pattern IFSC = Pattern.compile("[A-Z]{4}0[A-Z0-9]{6}");
  private static final Pattern ACCOUNT_NUMBER = Pattern.compile("\\d{9,18}");

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

  /**
   * Whether this payment registers the order's mandate: always for {@code REQUIRED} (and eNACH),
   * for {@code OPTIONAL} only when the customer ticked the choice, never without a mandate.
   */
  public static boolean registersMandate(OrderRecord order, String optIn) {
    Optional<OrderDetails.Mandate> mandate = order.details().mandate();
    if (mandate.isEmpty()) {
      return false;
    }
    return isEnach(order)
        || mandate.get().createMandate() == OrderDetails.CreateMandate.REQUIRED
        || (optIn != null && YES.contains(optIn.trim()));
  }

  public static boolean isEnach(OrderRecord order) {
    return "enach".equals(order.action());
  }

  /**
   * Refuses an instrument the order's mandate cannot be registered with: an eNACH order takes only
   * its bank-account flow (and only it takes that flow); a registering payment takes UPI or a card,
   * and a {@code ONETIME} mandate (funds blocked) UPI only, as the seed says.
   */
  public static void checkMandateInstrument(
      OrderRecord order, PaymentInstrument instrument, boolean registers) {
    boolean bankMandate = instrument instanceof PaymentInstrument.BankAccountMandate;
    if (isEnach(order) != bankMandate) {
      throw mandateError(
          bankMandate
              ? "This order takes no eNACH mandate"
              : "This order sets up an eNACH mandate: authorise it from your bank account");
    }
    if (!registers || bankMandate) {
      return;
    }
    boolean upi = instrument instanceof PaymentInstrument.UpiCollect;
    boolean card =
        instrument instanceof PaymentInstrument.NewCard
            || instrument instanceof PaymentInstrument.SavedCard;
    if (order.details().mandate().orElseThrow().frequency() == OrderDetails.Frequency.ONETIME
        && !upi) {
      throw mandateError(
          "A one-time mandate blocks the funds in your bank account: set it up with UPI");
    }
    if (!upi && !card) {
      throw mandateError(
          "Automatic payments can be set up with UPI or a card, not "
              + (instrument instanceof PaymentInstrument.Wallet ? "a wallet" : "net banking"));
    }
  }

  private static InvalidPaymentInput mandateError(String message) {
    return new InvalidPaymentInput(Map.of(MANDATE, message));
  }

  /**
   * The eNACH account: one of the order's {@code metadata.bank_account_details} by its position
   * when the order lists any (a TPV mandate must use one of them), else the account typed in; and
   * how the customer authorises the mandate.
   */
  public static PaymentInstrument.BankAccountMandate enachAccount(
      List<OrderDetails.BankAccount> listed,
      String chosen,
      String accountNumber,
      String ifsc,
      String beneficiaryName,
      String authType) {
    Map<String, String> errors = new LinkedHashMap<>();
    String number;
    String code;
    String holder;
    if (!listed.isEmpty()) {
      OrderDetails.BankAccount account = listedAccount(listed, chosen, errors);
      number = account == null ? "" : account.accountNumber().orElse("");
      code = account == null ? "" : account.ifsc().orElse("").toUpperCase(Locale.ROOT);
      holder = account == null ? "" : account.beneficiaryName().orElse("");
    } else {
      number = accountNumber == null ? "" : accountNumber.replaceAll("\\s", "");
      code = ifsc == null ? "" : ifsc.trim().toUpperCase(Locale.ROOT);
      holder = beneficiaryName == null ? "" : beneficiaryName.trim();
      if (!ACCOUNT_NUMBER.matcher(number).matches()) {
        errors.put("account_number", "Enter the account number (9 to 18 digits)");
      }
      if (!IFSC.matcher(code).matches()) {
        errors.put("ifsc", "Enter the branch IFSC (11 characters, such as HDFC0001234)");
      }
      if (!NAME.matcher(holder).matches()) {
        errors.put("beneficiary_name", "Enter the name of the account holder");
      }
    }
    if (authType == null || !ENACH_AUTH_TYPES.containsKey(authType)) {
      errors.put("auth_type", "Choose how to authorise the mandate");
    }
    if (!errors.isEmpty()) {
      throw new InvalidPaymentInput(errors);
    }
    String prefix = code.length() >= 4 ? code.substring(0, 4) : code;
    String netBanking = IFSC_BANKS.get(prefix);
    String bankName = netBanking == null ? prefix : BANKS.get(netBanking);
    String bankCode = "JP_" + (netBanking == null ? prefix : netBanking.substring(3));
    return new PaymentInstrument.BankAccountMandate(
        number, code, holder, bankName, bankCode, authType);
  }

  private static OrderDetails.BankAccount listedAccount(
      List<OrderDetails.BankAccount> listed, String chosen, Map<String, String> errors) {
    try {
      int index = Integer.parseInt(chosen == null ? "" : chosen.trim());
      if (index >= 0 && index < listed.size() && listed.get(index).accountNumber().isPresent()) {
        return listed.get(index);
      }
    } catch (NumberFormatException e) {
      // Falls through to the error below.
    }
    errors.put("account", "Choose one of the listed bank accounts");
    return null;
  }

  /**
   * TPV: the account the payer's bank reports, as the sandbox page's test choice says; empty when
   * none was chosen (the payment is then refused if the order needs TPV).
   */
  public static Optional<String> payerAccount(String chosen) {
    return Optional.ofNullable(chosen).map(String::trim).filter(a -> a.matches("\\d{1,18}"));
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
