package dev.paysession.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A merchant's receiver, written from the Standard Webhooks specification (sections "Signature
 * scheme", "Webhook headers" and "Verifying signatures") and not from {@link WebhookSignature}: it
 * shares no code with it, so a test passing both shows the two readings of the spec agree.
 *
 * <p>Rules: the three {@code webhook-*} headers must be present; the timestamp is whole seconds and
 * at most five minutes away from {@code now}, either way; the signature header is a space-separated
 * list of {@code version,signature} entries and one {@code v1} entry must equal the HMAC-SHA256 of
 * {@code id.timestamp.body} under the Base64-decoded secret, compared in constant time. Other
 * versions (such as {@code v1a}) are skipped.
 */
public final class StandardWebhooksVerifier {

  public static final Duration TOLERANCE = Duration.ofMinutes(5);

  private static final Pattern SECONDS = Pattern.compile("[0-9]{1,18}");

  private StandardWebhooksVerifier() {}

  /**
   * True when the webhook is authentic and fresh.
   *
   * @param secret {@code whsec_} + Base64; an invalid secret is a bug in the test and throws
   * @param headers lower-case header names to values
   */
  public static boolean verify(
      String secret, Map<String, String> headers, byte[] body, Instant now) {
    byte[] key = Base64.getDecoder().decode(stripPrefix(secret));
    String id = headers.get("webhook-id");
    String timestamp = headers.get("webhook-timestamp");
    String signatures = headers.get("webhook-signature");
    if (id == null || timestamp == null || signatures == null) {
      return false;
    }
    if (!SECONDS.matcher(timestamp).matches()) {
      return false;
    }
    Instant sent = Instant.ofEpochSecond(Long.parseLong(timestamp));
    if (Duration.between(sent, now).abs().compareTo(TOLERANCE) > 0) {
      return false;
    }
    byte[] expected = hmac(key, id + "." + timestamp + ".", body);
    boolean matched = false;
    for (String entry : signatures.split(" ")) {
      int comma = entry.indexOf(',');
      if (comma < 0 || !entry.substring(0, comma).equals("v1")) {
        continue;
      }
      byte[] received;
      try {
        received = Base64.getDecoder().decode(entry.substring(comma + 1));
      } catch (IllegalArgumentException e) {
        continue;
      }
      // No early exit: every entry costs the same whichever one matches.
      matched |= MessageDigest.isEqual(expected, received);
    }
    return matched;
  }

  private static String stripPrefix(String secret) {
    if (!secret.startsWith("whsec_")) {
      throw new IllegalArgumentException("not a whsec_ secret");
    }
    return secret.substring("whsec_".length());
  }

  private static byte[] hmac(byte[] key, String head, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      mac.update(head.getBytes(StandardCharsets.UTF_8));
      return mac.doFinal(body);
    } catch (GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }
}
