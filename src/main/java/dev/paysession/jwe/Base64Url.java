package dev.paysession.jwe;

import java.util.Base64;

/** JOSE's base64url without padding; decoding also takes padding and the standard alphabet. */
final class Base64Url {

  private Base64Url() {}

  static String encode(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /**
   * Lenient as Node's {@code Buffer.from(text, 'base64')} is, which is how the SDK decodes: either
   * alphabet, padding optional. Anything else is refused with {@code what} named.
   */
  static byte[] decode(String text, String what) {
    if (text == null || text.isEmpty()) {
      throw new JweRefused("The " + what + " is missing");
    }
    String url = text.replace('+', '-').replace('/', '_');
    int end = url.length();
    while (end > 0 && url.charAt(end - 1) == '=') {
      end--;
    }
    try {
      return Base64.getUrlDecoder().decode(url.substring(0, end));
    } catch (IllegalArgumentException e) {
      throw new JweRefused("The " + what + " is not base64url");
    }
  }
}
