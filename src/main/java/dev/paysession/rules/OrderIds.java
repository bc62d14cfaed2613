package dev.paysession.rules;

import java.util.regex.Pattern;

/**
 * The merchant's {@code order_id}, by Juspay's own rule as its sandbox enforces it (a recorded
 * 400): it begins with a letter or digit and may also hold {@code - _ ( ) { } + ~ .}; at most 21
 * characters, as the docs say.
 */
public final class OrderIds {

  public static final int MAX_LENGTH = 21;

  /** The characters after the first, as Juspay's error message lists them. */
  public static final String SPECIAL_CHARACTERS = "-_(){}+~.";

  private static final Pattern ORDER_ID =
      Pattern.compile("[A-Za-z0-9][A-Za-z0-9_(){}+~.\\-]{0," + (MAX_LENGTH - 1) + "}");

  private OrderIds() {}

  public static String check(String value) {
    if (value.length() > MAX_LENGTH) {
      throw new InvalidValue("must be at most " + MAX_LENGTH + " characters");
    }
    if (!ORDER_ID.matcher(value).matches()) {
      throw new InvalidValue(
          "must begin with a letter or digit and may contain only letters, digits and "
              + String.join(" ", SPECIAL_CHARACTERS.split("")));
    }
    return value;
  }

  /** True when {@code value} is a valid order id. */
  public static boolean isValid(String value) {
    return value != null && value.length() <= MAX_LENGTH && ORDER_ID.matcher(value).matches();
  }
}
