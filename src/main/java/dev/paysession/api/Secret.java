package dev.paysession.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * A secret held in memory (an API key, a response key, a webhook password or signing secret, the
 * admin token, the master key). It prints as {@code ****} wherever it ends up, a record's {@code
 * toString}, a log line or an exception message, so only an explicit {@link #reveal()} shows it.
 */
public final class Secret {

  private static final String MASK = "****";

  private final String value;

  private Secret(String value) {
    this.value = Objects.requireNonNull(value, "value");
  }

  public static Secret of(String value) {
    return new Secret(value);
  }

  /** The clear value, for the one place that must use it: a signature, a header, a seal. */
  public String reveal() {
    return value;
  }

  /** Compares with {@code candidate} in time that does not depend on where they differ. */
  public boolean matches(String candidate) {
    return candidate != null
        && MessageDigest.isEqual(
            value.getBytes(StandardCharsets.UTF_8), candidate.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Secret secret && matches(secret.value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return MASK;
  }
}
