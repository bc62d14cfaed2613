package dev.paysession.rules;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.regex.Pattern;

/**
 * A money amount in major units with at most two decimal places. Parsed from the exact text the
 * merchant sent (a JSON string or number), never through {@code double}.
 */
public record Amount(BigDecimal value) implements Comparable<Amount> {

  /** Up to 12 integer digits fits numeric(14,2) in the database. */
  private static final Pattern FORMAT = Pattern.compile("[0-9]{1,12}(\\.[0-9]{1,2})?");

  public static final Amount ONE = new Amount(BigDecimal.ONE.setScale(2));

  public Amount {
    value = value.setScale(2, RoundingMode.UNNECESSARY);
  }

  /** Parses "100", "100.1", "100.15"; rejects "100.1532", "1e3", "-5", " 5", "". */
  public static Amount parse(String text) {
    if (text == null || !FORMAT.matcher(text).matches()) {
      throw new InvalidValue(
          "must be a number with at most two decimal places, like \"100\" or \"100.15\"");
    }
    return new Amount(new BigDecimal(text));
  }

  /** An order amount: the format above and at least 1. */
  public static Amount parseAtLeastOne(String text) {
    Amount amount = parse(text);
    if (amount.compareTo(ONE) < 0) {
      throw new InvalidValue("must be at least 1");
    }
    return amount;
  }

  /** Juspay's echo form: "1.0", "100.5", "100.15". */
  public String display() {
    BigDecimal stripped = value.stripTrailingZeros();
    if (stripped.scale() <= 0) {
      stripped = stripped.setScale(1);
    }
    return stripped.toPlainString();
  }

  /** Two decimals, as UPI's {@code am} and most gateways want it. */
  public String twoDecimals() {
    return value.toPlainString();
  }

  public Amount plus(Amount other) {
    return new Amount(value.add(other.value));
  }

  @Override
  public int compareTo(Amount other) {
    return value.compareTo(other.value);
  }
}
