package dev.paysession.checkout;

import dev.paysession.order.OrderStatus;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signed redirect to the merchant's return URL after a payment attempt, with Juspay's signature
 * algorithm (status-verification page; test vector in Juspay's {@code HMACsignature.java}).
 *
 * <p>Signature: every parameter except {@code signature} and {@code signature_algorithm}; each key
 * and value encoded with Java's {@link URLEncoder} (UTF-8, space as {@code +}); pairs sorted by
 * encoded key; joined {@code k=v&...}; the whole string encoded again; HMAC-SHA256 under the
 * merchant's response key (UTF-8 bytes); Base64. In the URL the Base64 is encoded twice, as in
 * Juspay's main example ({@code ...vQ%253D}): one decode by the merchant's framework leaves a
 * once-encoded value.
 *
 * <p>Query parameters already in the return URL are kept and signed. Rules for them:
 *
 * <ul>
 *   <li>They are read as form encoding ({@code +} is a space, {@code %XX} UTF-8 bytes), as every
 *       web framework reads them, and written back re-encoded with {@link URLEncoder}; the merchant
 *       decodes the same values we signed. Malformed escapes or bytes that are not UTF-8 are
 *       refused: the merchant's framework could decode them differently from us.
 *   <li>A name we set ({@link #RESERVED}) is dropped: ours wins. The redirect happens after the
 *       payment, so refusing would strand a paying customer, and the signed set can hold one value
 *       per name; the outcome is the only truthful one.
 *   <li>Repeated names are refused: Juspay's verifiers read parameters into a map and frameworks
 *       disagree about which repeat they keep, so no signature over them could verify everywhere.
 *   <li>Names must be letters, digits, {@code . _ -}: for such names sorting by encoded key (the
 *       documented rule) and by raw key (Juspay's Java sample, and the Node/PHP kits) agree.
 * </ul>
 *
 * <p>Return URLs with a query are refused at session creation today ({@code Urls.returnUrl}), so
 * these rules bind only if that changes; session validation should then call {@link
 * #merchantParams} to refuse such URLs before the payment rather than after.
 *
 * <p>The signature covers parameters only, not scheme, host or path (Juspay's algorithm).
 */
public final class ReturnUrlSignature {

  public static final String ALGORITHM = "HMAC-SHA256";

  /** Names this redirect sets; a merchant's own parameter with one of these names is dropped. */
  public static final Set<String> RESERVED =
      Set.of(
          "order_id",
          "status",
          "status_id",
          "mandate_id",
          "mandate_token",
          "mandate_status",
          "signature",
          "signature_algorithm");

  private static final Pattern MERCHANT_KEY = Pattern.compile("[A-Za-z0-9._-]+");

  private ReturnUrlSignature() {}

  /** Mandate orders add these three parameters. */
  public record Mandate(String mandateId, String mandateToken, String mandateStatus) {
    public Mandate {
      requireText(mandateId, "mandate_id");
      requireText(mandateToken, "mandate_token");
      requireText(mandateStatus, "mandate_status");
    }
  }

  /** What the redirect reports about the order. */
  public record Outcome(String orderId, String status, int statusId, Optional<Mandate> mandate) {
    public Outcome {
      requireText(orderId, "order_id");
      requireText(status, "status");
      Objects.requireNonNull(mandate, "mandate");
    }

    public static Outcome of(String orderId, OrderStatus status) {
      return new Outcome(orderId, status.name(), status.id(), Optional.empty());
    }

    public Outcome withMandate(Mandate mandate) {
      return new Outcome(orderId, status, statusId, Optional.of(mandate));
    }

    /** In Juspay's order: order_id, status, status_id, then the mandate's. */
    Map<String, String> params() {
      Map<String, String> params = new LinkedHashMap<>();
      params.put("order_id", orderId);
      params.put("status", status);
      params.put("status_id", Integer.toString(statusId));
      mandate.ifPresent(
          m -> {
            params.put("mandate_id", m.mandateId());
            params.put("mandate_token", m.mandateToken());
            params.put("mandate_status", m.mandateStatus());
          });
      return params;
    }
  }

  /**
   * The plain Base64 signature of {@code params} ({@code signature} and {@code
   * signature_algorithm}, if present, are left out as the algorithm says).
   */
  public static String sign(Map<String, String> params, String responseKey) {
    if (responseKey == null || responseKey.isEmpty()) {
      throw new IllegalArgumentException("A response key is required");
    }
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(responseKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] digest = mac.doFinal(message(params).getBytes(StandardCharsets.US_ASCII));
      return Base64.getEncoder().encodeToString(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  /** The sorted, once-encoded {@code k=v&...} string (Juspay's "queryStr"). */
  static String canonical(Map<String, String> params) {
    Map<String, String> sorted = new TreeMap<>();
    params.forEach(
        (key, value) -> {
          if (!key.equals("signature") && !key.equals("signature_algorithm")) {
            sorted.put(encode(key), encode(value));
          }
        });
    StringBuilder joined = new StringBuilder();
    sorted.forEach(
        (key, value) -> {
          if (!joined.isEmpty()) {
            joined.append('&');
          }
          joined.append(key).append('=').append(value);
        });
    return joined.toString();
  }

  /** What is MACed: the canonical string encoded once more. */
  static String message(Map<String, String> params) {
    return encode(canonical(params));
  }

  /**
   * The URL to redirect the customer to: the return URL's own parameters (re-encoded, see the class
   * comment), the outcome, {@code signature} and {@code signature_algorithm}. Non-ASCII characters
   * in the path come back percent-encoded, so the result is safe for a {@code Location} header.
   *
   * @throws IllegalArgumentException when the return URL cannot be signed (see the class comment)
   */
  public static URI redirectUrl(String returnUrl, Outcome outcome, String responseKey) {
    Map<String, String> params = merchantParams(returnUrl);
    params.keySet().removeAll(RESERVED);
    params.putAll(outcome.params());
    String signature = sign(params, responseKey);

    StringBuilder url = new StringBuilder(base(returnUrl)).append('?');
    params.forEach(
        (key, value) -> url.append(encode(key)).append('=').append(encode(value)).append('&'));
    url.append("signature=").append(encode(encode(signature)));
    url.append("&signature_algorithm=").append(ALGORITHM);
    try {
      return URI.create(new URI(url.toString()).toASCIIString());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("The return URL is not a valid URL", e);
    }
  }

  /**
   * The parameters already in {@code returnUrl}, decoded, in their order; reserved names included.
   *
   * @throws IllegalArgumentException for a fragment, a malformed escape, bytes that are not UTF-8,
   *     a name outside letters, digits and {@code . _ -}, or a repeated name
   */
  public static Map<String, String> merchantParams(String returnUrl) {
    Objects.requireNonNull(returnUrl, "returnUrl");
    if (returnUrl.indexOf('#') >= 0) {
      throw new IllegalArgumentException("A return URL with a fragment cannot carry the outcome");
    }
    Map<String, String> params = new LinkedHashMap<>();
    int question = returnUrl.indexOf('?');
    if (question < 0) {
      return params;
    }
    for (String pair : returnUrl.substring(question + 1).split("&", -1)) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      String key = formDecode(equals < 0 ? pair : pair.substring(0, equals));
      String value = equals < 0 ? "" : formDecode(pair.substring(equals + 1));
      if (!MERCHANT_KEY.matcher(key).matches()) {
        throw new IllegalArgumentException(
            "Return URL parameter names must be letters, digits, '.', '_' or '-'");
      }
      if (params.put(key, value) != null) {
        throw new IllegalArgumentException("Return URL parameter " + key + " is repeated");
      }
    }
    return params;
  }

  private static String base(String returnUrl) {
    int question = returnUrl.indexOf('?');
    return question < 0 ? returnUrl : returnUrl.substring(0, question);
  }

  /**
   * Java's URLEncoder, refusing what it would silently turn into '?': two different values must
   * never sign alike.
   */
  private static String encode(String text) {
    Objects.requireNonNull(text, "parameter");
    try {
      StandardCharsets.UTF_8
          .newEncoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .encode(CharBuffer.wrap(text));
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("Parameter has an unpaired UTF-16 surrogate", e);
    }
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  /** Strict form decoding: '+' is a space; escapes must be well formed and spell UTF-8. */
  private static String formDecode(String text) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '%') {
        if (i + 2 >= text.length()
            || Character.digit(text.charAt(i + 1), 16) < 0
            || Character.digit(text.charAt(i + 2), 16) < 0) {
          throw new IllegalArgumentException("Return URL has a malformed percent escape");
        }
        bytes.write(
            Character.digit(text.charAt(i + 1), 16) * 16 + Character.digit(text.charAt(i + 2), 16));
        i += 2;
        continue;
      }
      flushUtf8(bytes, out);
      out.append(c == '+' ? ' ' : c);
    }
    flushUtf8(bytes, out);
    return out.toString();
  }

  private static void flushUtf8(ByteArrayOutputStream bytes, StringBuilder out) {
    if (bytes.size() == 0) {
      return;
    }
    try {
      out.append(
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes.toByteArray())));
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("Return URL escapes are not UTF-8", e);
    }
    bytes.reset();
  }

  private static void requireText(String value, String name) {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException(name + " is required");
    }
  }
}
