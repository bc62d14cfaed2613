package dev.paysession.merchant;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A merchant's settings as the session rules and admin API see them (no secrets). */
public record Merchant(
    String merchantId,
    String name,
    Environment environment,
    Set<String> clientIds,
    Optional<String> defaultReturnUrl,
    List<String> supportedCurrencies,
    Optional<String> upiPayeeVpa,
    Optional<String> upiPayeeName,
    Optional<String> upiMerchantCode) {

  public Merchant {
    clientIds = Set.copyOf(clientIds);
    supportedCurrencies = List.copyOf(supportedCurrencies);
  }

  public boolean isSandbox() {
    return environment == Environment.SANDBOX;
  }

  public boolean canBuildUpiLinks() {
    return upiPayeeVpa.isPresent() && upiPayeeName.isPresent();
  }
}
