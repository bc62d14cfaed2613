package dev.paysession.merchant;

import java.util.Locale;
import java.util.Optional;

/** Where a merchant's orders go: the sandbox gateway, or (later) real gateways. */
public enum Environment {
  SANDBOX,
  PRODUCTION;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Environment> fromWire(String value) {
    for (Environment environment : values()) {
      if (environment.wireName().equals(value)) {
        return Optional.of(environment);
      }
    }
    return Optional.empty();
  }
}
