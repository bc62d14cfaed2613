package dev.paysession.checkout;

import dev.paysession.rules.Amount;

/**
 * Amounts as the payment page shows them. Rupees read as an Indian customer expects, in every
 * language: {@code ₹1,499.00}, {@code ₹1,49,999.00} (lakh grouping), Latin digits. Other currencies
 * keep their ISO code and thousands grouping: {@code USD 1,499.00}.
 */
public final class PageMoney {

  private PageMoney() {}

  public static String format(Amount amount, String currency) {
    String plain = amount.value().abs().toPlainString();
    int dot = plain.indexOf('.');
    String whole = dot < 0 ? plain : plain.substring(0, dot);
    String fraction = dot < 0 ? "" : plain.substring(dot);
    boolean rupees = "INR".equals(currency);
    String grouped = rupees ? indianGrouping(whole) : thousandsGrouping(whole);
    String sign = amount.value().signum() < 0 ? "-" : "";
    return rupees ? sign + "₹" + grouped + fraction : currency + " " + sign + grouped + fraction;
  }

  /** The last three digits, then pairs: 1,49,999 and 12,34,56,789. */
  static String indianGrouping(String digits) {
    if (digits.length() <= 3) {
      return digits;
    }
    String head = digits.substring(0, digits.length() - 3);
    StringBuilder out = new StringBuilder();
    int first = head.length() % 2;
    if (first > 0) {
      out.append(head, 0, first);
    }
    for (int i = first; i < head.length(); i += 2) {
      if (out.length() > 0) {
        out.append(',');
      }
      out.append(head, i, i + 2);
    }
    return out.append(',').append(digits.substring(digits.length() - 3)).toString();
  }

  static String thousandsGrouping(String digits) {
    StringBuilder out = new StringBuilder();
    int lead = digits.length() % 3 == 0 ? 3 : digits.length() % 3;
    out.append(digits, 0, lead);
    for (int i = lead; i < digits.length(); i += 3) {
      out.append(',').append(digits, i, i + 3);
    }
    return out.toString();
  }
}
