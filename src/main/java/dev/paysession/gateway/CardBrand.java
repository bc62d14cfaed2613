package dev.paysession.gateway;

/** Card networks, told apart by the number's leading digits (IIN ranges). */
public enum CardBrand {
  VISA,
  MASTERCARD,
  AMEX,
  RUPAY,
  DINERS,
  DISCOVER,
  JCB,
  MAESTRO,
  UNKNOWN;

  /** The brand of a digits-only card number. */
  public static CardBrand of(String digits) {
    int two = prefix(digits, 2);
    int four = prefix(digits, 4);
    int six = prefix(digits, 6);
    if (digits.startsWith("4")) {
      return VISA;
    }
    if ((two >= 51 && two <= 55) || (four >= 2221 && four <= 2720)) {
      return MASTERCARD;
    }
    if (two == 34 || two == 37) {
      return AMEX;
    }
    // 6011 is Discover's own range, never RuPay's.
    if (four == 6011) {
      return DISCOVER;
    }
    // RuPay: 60, 65, 81, 82 and 508 (checked before Discover, which shares 65).
    if ((six >= 508500 && six <= 508999) || two == 60 || two == 65 || two == 81 || two == 82) {
      return RUPAY;
    }
    if (two == 36 || two == 38 || (six >= 300000 && six <= 305999)) {
      return DINERS;
    }
    if (digits.startsWith("64")) {
      return DISCOVER;
    }
    if (four >= 3528 && four <= 3589) {
      return JCB;
    }
    if (two == 50 || (two >= 56 && two <= 69)) {
      return MAESTRO;
    }
    return UNKNOWN;
  }

  private static int prefix(String digits, int length) {
    return digits.length() < length ? -1 : Integer.parseInt(digits.substring(0, length));
  }
}
