package dev.paysession.jwe;

/**
 * An encrypted call that cannot be trusted: it does not parse, does not decrypt, or its signature
 * does not verify. Its message is safe to show the caller (no key material, no plaintext); the
 * resource answers it as a 401.
 */
public final class JweRefused extends RuntimeException {

  JweRefused(String message) {
    super(message, null, false, false);
  }
}
