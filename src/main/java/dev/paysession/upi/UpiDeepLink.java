package dev.paysession.upi;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A UPI intent link per NPCI's UPI Linking Specification: {@code upi://pay?pa=…&pn=…&tr=…&am=…}.
 * Values are percent-encoded with {@code %20} for spaces (not {@code +}), as Juspay's docs ask;
 * {@code @} stays readable in the payee address.
 */
public final class UpiDeepLink {

  /** NPCI's transaction note is free text; UPI apps show about 50 characters. */
  static final int MAX_NOTE_LENGTH = 50;

  private UpiDeepLink() {}

  /**
   * @param payeeVpa {@code pa}: the merchant's UPI address
   * @param payeeName {@code pn}
   * @param merchantCode {@code mc}: 4-digit merchant category code, when known
   * @param reference {@code tr}: the merchant's reference for this payment (at most 35 chars)
   * @param amount {@code am}: two decimals
   * @param note {@code tn}: shown to the payer, cut to 50 characters
   */
  public static String build(
      String payeeVpa,
      String payeeName,
      Optional<String> merchantCode,
      String reference,
      String amount,
      Optional<String> note) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("pa", payeeVpa);
    params.put("pn", payeeName);
    merchantCode.ifPresent(code -> params.put("mc", code));
    params.put("tr", reference);
    params.put("am", amount);
    params.put("cu", "INR");
    note.map(UpiDeepLink::note).ifPresent(n -> params.put("tn", n));
    return link("upi://pay?", params);
  }

  /** {@code prefix} followed by the parameters, each value percent-encoded, in their order. */
  static String link(String prefix, Map<String, String> params) {
    StringBuilder link = new StringBuilder(prefix);
    boolean first = true;
    for (Map.Entry<String, String> param : params.entrySet()) {
      if (!first) {
        link.append('&');
      }
      first = false;
      link.append(param.getKey()).append('=').append(encode(param.getValue()));
    }
    return link.toString();
  }

  /** The note cut to what UPI apps show. */
  static String note(String text) {
    return text.length() > MAX_NOTE_LENGTH ? text.substring(0, MAX_NOTE_LENGTH) : text;
  }

  /** RFC 3986 percent-encoding of everything but unreserved characters and '@'. */
  static String encode(String value) {
    StringBuilder out = new StringBuilder();
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'A' && c <= 'Z')
          || (c >= 'a' && c <= 'z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '.'
          || c == '_'
          || c == '~'
          || c == '@') {
        out.append((char) c);
      } else {
        out.append('%')
            .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return out.toString();
  }
}
