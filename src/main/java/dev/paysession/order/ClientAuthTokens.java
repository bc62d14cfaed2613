package dev.paysession.order;

import dev.paysession.api.RandomTokens;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Client auth tokens ({@code tkn_} + 32 hex) authorise the customer-side calls for one order. Only
 * their SHA-256 is stored: the token has 128 random bits, so an unkeyed hash is enough to make a
 * database dump useless.
 */
public final class ClientAuthTokens {

  private static final ThreadLocal<MessageDigest> SHA256 =
      ThreadLocal.withInitial(
          () -> {
            try {
              return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
              throw new IllegalStateException("SHA-256 unavailable", e);
            }
          });

  private ClientAuthTokens() {}

  public static String generate() {
    return "tkn_" + RandomTokens.hex32();
  }

  public static byte[] hash(String token) {
    return SHA256.get().digest(token.getBytes(StandardCharsets.UTF_8)); // digest() also resets
  }
}
