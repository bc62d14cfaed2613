package dev.paysession.merchant;

import dev.paysession.api.RandomTokens;
import dev.paysession.api.Secret;

/** The shape of API keys: 32 upper-case hex characters (128 bits), like Juspay's. */
final class ApiKeys {

  static final int DISPLAY_PREFIX_LENGTH = 6;

  private ApiKeys() {}

  static MerchantStore.IssuedKey generate() {
    String key = RandomTokens.upperHex(16);
    return new MerchantStore.IssuedKey(
        "key_" + RandomTokens.hex32().substring(0, 16),
        Secret.of(key),
        key.substring(0, DISPLAY_PREFIX_LENGTH));
  }
}
