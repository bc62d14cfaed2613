package dev.paysession.checkout;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A merchant's return-URL handler, written from Juspay's status-verification page and not from
 * {@link ReturnUrlSignature}: it shares no code with it, so a test passing both proves the two
 * readings of the documented algorithm agree.
 */
public final class MerchantSideVerifier {

  private static final Pattern BASE64_SHA256 = Pattern.compile("[A-Za-z0-9+/]{43}=");
  private static final Charset UTF8 = StandardCharsets.UTF_8;

  private MerchantSideVerifier() {}

  /** True when the redirect carries a valid HMAC-SHA256 signature under {@code responseKey}. */
  public static boolean verify(String redirectUrl, String responseKey) {
    Map<String, String> params;
    try {
      params = query(redirectUrl);
    } catch (IllegalArgumentException e) {
      return false;
    }
    String signature = params.remove("signature");
    String algorithm = params.remove("signature_algorithm");
    if (signature == null || !"HMAC-SHA256".equals(algorithm)) {
      return false;
    }
    // Juspay's samples encode the signature once or twice: decode until it is plain Base64.
    String received = signature;
    for (int round = 0; round < 3 && received.contains("%"); round++) {
      try {
        received = URLDecoder.decode(received, UTF8);
      } catch (IllegalArgumentException e) {
        return false;
      }
    }
    if (!BASE64_SHA256.matcher(received).matches()) {
      return false;
    }
    return MessageDigest.isEqual(
        expectedSignature(params, responseKey).getBytes(StandardCharsets.US_ASCII),
        received.getBytes(StandardCharsets.US_ASCII));
  }

  /**
   * The query as a web framework hands it to the handler: each name and value decoded once. A
   * repeated name is an error: a handler cannot know which one was signed.
   */
  public static Map<String, String> query(String redirectUrl) {
    int question = redirectUrl.indexOf('?');
    int hash = redirectUrl.indexOf('#');
    String raw =
        question < 0
            ? ""
            : redirectUrl.substring(question + 1, hash > question ? hash : redirectUrl.length());
    Map<String, String> params = new LinkedHashMap<>();
    for (String pair : raw.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), UTF8);
      String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), UTF8);
      if (params.put(name, value) != null) {
        throw new IllegalArgumentException("repeated parameter " + name);
      }
    }
    return params;
  }

  /** Steps 2–4 of the documented algorithm. */
  public static String expectedSignature(Map<String, String> params, String responseKey) {
    TreeMap<String, String> byEncodedKey = new TreeMap<>();
    for (Map.Entry<String, String> param : params.entrySet()) {
      byEncodedKey.put(
          URLEncoder.encode(param.getKey(), UTF8), URLEncoder.encode(param.getValue(), UTF8));
    }
    StringBuilder joined = new StringBuilder();
    for (Map.Entry<String, String> pair : byEncodedKey.entrySet()) {
      joined.append(joined.length() == 0 ? "" : "&");
      joined.append(pair.getKey()).append('=').append(pair.getValue());
    }
    String message = URLEncoder.encode(joined.toString(), UTF8);
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(responseKey.getBytes(UTF8), "HmacSHA256"));
      return Base64.getEncoder().encodeToString(mac.doFinal(message.getBytes(UTF8)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
