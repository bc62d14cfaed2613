package dev.paysession.merchant;

import dev.paysession.api.RandomTokens;
import java.util.Base64;

/**
 * Standard Webhooks signing secrets: {@code whsec_} and the Base64 of 32 random bytes (the spec
 * asks for at least 24). Made here, where merchants are created; {@code webhook.WebhookSignature}
 * signs with them.
 */
public final class WebhookSecrets {

  public static final String PREFIX = "whsec_";

  private WebhookSecrets() {}

  public static String generate() {
    return PREFIX + Base64.getEncoder().encodeToString(RandomTokens.bytes(32));
  }
}
