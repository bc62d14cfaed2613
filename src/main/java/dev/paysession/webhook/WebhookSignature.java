package dev.paysession.webhook;

import dev.paysession.merchant.WebhookSecrets;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code webhook-signature} header of the Standard Webhooks scheme (standardwebhooks.com, spec
 * "Signature scheme" and "Webhook headers"), symmetric variant only.
 *
 * <p>Signed content: {@code id.timestamp.body}, the body exactly as sent. Key: the Base64-decoded
 * part of a {@code whsec_} secret. Each signature is {@code v1,} + Base64 of the HMAC-SHA256; the
 * header lists one per secret, separated by a space, so a merchant rotating its secret verifies
 * with either the old or the new one while both are live.
 */
final class WebhookSignature {

  static final String SECRET_PREFIX = WebhookSecrets.PREFIX;

  private static final String VERSION = "v1,";
  private static final String HMAC = "HmacSHA256";

  private WebhookSignature() {}

  /** The header value: one {@code v1,} signature per secret, in the order given. */
  static String header(List<String> secrets, String id, long timestampSeconds, byte[] body) {
    Objects.requireNonNull(body, "body");
    if (secrets == null || secrets.isEmpty()) {
      throw new IllegalArgumentException("at least one webhook secret is needed to sign");
    }
    // The spec asks that the id cannot contain the delimiter: "a.b" + "c" and "a" + "b.c" would
    // otherwise sign the same content.
    if (id == null || id.isEmpty() || id.indexOf('.') >= 0) {
      throw new IllegalArgumentException("a webhook id must be non-empty and contain no '.'");
    }
    byte[] prefix = (id + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8);
    StringBuilder header = new StringBuilder();
    for (String secret : secrets) {
      if (header.length() > 0) {
        header.append(' ');
      }
      header.append(VERSION).append(sign(key(secret), prefix, body));
    }
    return header.toString();
  }

  private static String sign(byte[] key, byte[] prefix, byte[] body) {
    try {
      Mac mac = Mac.getInstance(HMAC);
      mac.init(new SecretKeySpec(key, HMAC));
      mac.update(prefix);
      return Base64.getEncoder().encodeToString(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable", e);
    }
  }

  /**
   * The HMAC key inside a secret. Messages never quote the secret, and the decoder's exception is
   * not chained: its message names the offending character.
   */
  private static byte[] key(String secret) {
    if (secret == null || !secret.startsWith(SECRET_PREFIX)) {
      throw new IllegalArgumentException("a webhook secret must start with " + SECRET_PREFIX);
    }
    byte[] key;
    try {
      key = Base64.getDecoder().decode(secret.substring(SECRET_PREFIX.length()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "a webhook secret must be " + SECRET_PREFIX + " followed by standard Base64");
    }
    if (key.length == 0) {
      throw new IllegalArgumentException("a webhook secret must not be empty");
    }
    return key;
  }
}
