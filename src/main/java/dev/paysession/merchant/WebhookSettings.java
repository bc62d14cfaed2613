package dev.paysession.merchant;

import dev.paysession.api.Secret;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where and how a merchant receives webhooks, Juspay's way: a URL, optional Basic auth and custom
 * headers. The password and the header values are secrets (sealed at rest, never shown again).
 */
public record WebhookSettings(
    Optional<String> url,
    Optional<String> username,
    Optional<Secret> password,
    Map<String, Secret> headers) {

  public static final WebhookSettings NONE =
      new WebhookSettings(Optional.empty(), Optional.empty(), Optional.empty(), Map.of());

  public WebhookSettings {
    headers = Map.copyOf(headers);
  }

  /**
   * What the dispatcher needs to deliver one of the merchant's events: the settings and every
   * signing secret in force, the current one first (a rotated-out secret signs until it expires).
   */
  public record Endpoint(WebhookSettings settings, List<Secret> signingSecrets) {
    public Endpoint {
      signingSecrets = List.copyOf(signingSecrets);
    }
  }
}
