package dev.paysession.rules;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.regex.Pattern;

/**
 * A money amount in major units, at the scale of its currency's minor unit: two decimals for INR,
 * none for JPY, three for KWD or BHD ({@link Currency#getDefaultFractionDigits()}). Parsed from the
 * exact text the merchant sent (a JSON string or number), never through {@code double}.
 *
 * @param minorDigits how many decimals the currency's minor unit has; the value has that scale
 */
public record Amount(BigDecimal value, int minorDigits) implements Comparable<Amount> {

  /** Decimals of INR and of currencies this JDK does not know. */
  public static final int DEFAULT_MINOR_DIGITS = 2;

  /** The most any ISO 4217 currency has (CLF); the database refuses more. */
  public static final int MAX_MINOR_DIGITS = 4;

  /** Up to 12 integer digits, as the database allows. */
  private static final int MAX_INTEGER_DIGITS = 12;

  private static final String[] DECIMALS_IN_WORDS = {"", "one", "two", "three", "four"};

  public static final Amount ONE = new Amount(BigDecimal.ONE);

  public Amount {
    if (minorDigits < 0 || minorDigits > MAX_MINOR_DIGITS) {
      throw new IllegalArgumentException("minor unit digits out of range: " + minorDigits);
    }
    value = value.setScale(minorDigits, RoundingMode.UNNECESSARY);
  }

  /**
   * An amount with two decimals (INR and the other two-decimal currencies); more decimals than that
   * throw {@link ArithmeticException}. Use {@link #of} when the currency is known.
   */
  public Amount(BigDecimal value) {
    this(value, DEFAULT_MINOR_DIGITS);
  }

  /** The value at the minor unit of {@code currencyCode} (an ISO 4217 code). */
  public static Amount of(BigDecimal value, String currencyCode) {
    return new Amount(value, minorDigits(currencyCode));
  }

  /** How many decimals the currency's minor unit has; two for a code this JDK does not know. */
  public static int minorDigits(String currencyCode) {
    if (currencyCode == null) {
      return DEFAULT_MINOR_DIGITS;
    }
    try {
      int digits = Currency.getInstance(currencyCode).getDefaultFractionDigits();
      return digits < 0 ? DEFAULT_MINOR_DIGITS : Math.min(digits, MAX_MINOR_DIGITS);
    } catch (IllegalArgumentException unknownCode) {
      return DEFAULT_MINOR_DIGITS;
    }
  }

  /** Parses "100", "100.1", "100.15"; rejects "100.1532", "1e3", "-5", " 5", "". Two decimals. */
  public static Amount parse(String text) {
    return parse(text, DEFAULT_MINOR_DIGITS);
  }

  /** As {@link #parse(String)}, allowing as many decimals as the currency's minor unit has. */
  public static Amount parse(String text, String currencyCode) {
    return parse(text, minorDigits(currencyCode));
  }

  private static Amount parse(String text, int minorDigits) {
    if (text == null || !format(minorDigits).matcher(text).matches()) {
      throw new InvalidValue(formatMessage(minorDigits));
    }
    return new Amount(new BigDecimal(text), minorDigits);
  }

  /** An order amount: the format above and at least 1. */
  public static Amount parseAtLeastOne(String text) {
    return atLeastOne(parse(text));
  }

  /** An order amount in the given currency: its format and at least 1. */
  public static Amount parseAtLeastOne(String text, String currencyCode) {
    return atLeastOne(parse(text, currencyCode));
  }

  private static Amount atLeastOne(Amount amount) {
    if (amount.value.compareTo(BigDecimal.ONE) < 0) {
      throw new InvalidValue("must be at least 1");
    }
    return amount;
  }

  private static Pattern format(int minorDigits) {
    String integer = "[0-9]{1," + MAX_INTEGER_DIGITS + "}";
    return Pattern.compile(
        minorDigits == 0 ? integer : integer + "(\\.[0-9]{1," + minorDigits + "})?");
  }

  private static String formatMessage(int minorDigits) {
    if (minorDigits == 0) {
      return "must be a whole number, like \"100\"";
    }
    String example = "100." + "1234".substring(0, minorDigits - 1) + "5";
    return "must be a number with at most "
        + DECIMALS_IN_WORDS[minorDigits]
        + (minorDigits == 1 ? " decimal place" : " decimal places")
        + ", like \"100\" or \""
        + example
        + "\"";
  }

  /** Juspay's echo form: "1.0", "100.5", "100.15". */
  public String display() {
    BigDecimal stripped = value.stripTrailingZeros();
    if (stripped.scale() <= 0) {
      stripped = stripped.setScale(1);
    }
    return stripped.toPlainString();
  }

  /**
   * Every decimal of the minor unit: "100.00" for INR (as UPI's {@code am} and most gateways want
   * it), "100" for JPY, "1.250" for KWD.
   */
  public String text() {
    return value.toPlainString();
  }

  /** The amount in minor units (paise, yen, fils), as most gateway APIs take it. */
  public long minorUnits() {
    return value.movePointRight(minorDigits).longValueExact();
  }

  public Amount plus(Amount other) {
    return new Amount(value.add(other.value), Math.max(minorDigits, other.minorDigits));
  }

  @Override
  public int compareTo(Amount other) {
    return value.compareTo(other.value);
  }
}
