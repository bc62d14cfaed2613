package dev.paysession.merchant;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The admin API's answers about merchants and their keys (no secret is ever shown twice). */
public final class AdminViews {

  private AdminViews() {}

  /** A merchant's settings: the first keys of every merchant answer. */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record Settings(
      @JsonProperty("merchant_id") String merchantId,
      @JsonProperty("name") String name,
      @Schema(enumeration = {"sandbox", "production"}) @JsonProperty("environment")
          String environment,
      @JsonProperty("payment_page_client_ids") List<String> paymentPageClientIds,
      @Schema(nullable = true) @JsonProperty("default_return_url") String defaultReturnUrl,
      @JsonProperty("supported_currencies") List<String> supportedCurrencies,
      @Schema(nullable = true) @JsonProperty("upi_payee_vpa") String upiPayeeVpa,
      @Schema(nullable = true) @JsonProperty("upi_payee_name") String upiPayeeName,
      @Schema(nullable = true) @JsonProperty("upi_merchant_code") String upiMerchantCode) {

    static Settings of(Merchant merchant) {
      return new Settings(
          merchant.merchantId(),
          merchant.name(),
          merchant.environment().wireName(),
          List.copyOf(merchant.clientIds()),
          merchant.defaultReturnUrl().orElse(null),
          merchant.supportedCurrencies(),
          merchant.upiPayeeVpa().orElse(null),
          merchant.upiPayeeName().orElse(null),
          merchant.upiMerchantCode().orElse(null));
    }
  }

  /** {@code GET} and {@code PATCH /admin/merchants/{id}}: settings and keys. */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  @Schema(
      name = "Merchant",
      requiredProperties = {
        "merchant_id",
        "name",
        "environment",
        "payment_page_client_ids",
        "default_return_url",
        "supported_currencies",
        "upi_payee_vpa",
        "upi_payee_name",
        "upi_merchant_code",
        "api_keys"
      },
      additionalProperties = Schema.False.class)
  public record MerchantView(
      @JsonUnwrapped Settings settings, @JsonProperty("api_keys") List<ApiKeyView> apiKeys) {}

  /** {@code POST /admin/merchants}: the merchant and its first secrets, shown this once. */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  @Schema(
      name = "MerchantCreated",
      requiredProperties = {
        "merchant_id",
        "name",
        "environment",
        "payment_page_client_ids",
        "default_return_url",
        "supported_currencies",
        "upi_payee_vpa",
        "upi_payee_name",
        "upi_merchant_code",
        "api_key",
        "api_key_id",
        "response_key",
        "webhook_secret",
        "api_keys"
      },
      additionalProperties = Schema.False.class)
  public record CreatedMerchantView(
      @JsonUnwrapped Settings settings,
      @JsonProperty("api_key") String apiKey,
      @JsonProperty("api_key_id") String apiKeyId,
      @JsonProperty("response_key") String responseKey,
      @JsonProperty("webhook_secret") String webhookSecret,
      @JsonProperty("api_keys") List<ApiKeyView> apiKeys) {}

  /** One API key as listed: never the key itself. */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  @Schema(
      name = "ApiKey",
      requiredProperties = {"key_id", "display_prefix", "created_at", "revoked_at", "active"},
      additionalProperties = Schema.False.class)
  public record ApiKeyView(
      @JsonProperty("key_id") String keyId,
      @JsonProperty("display_prefix") String displayPrefix,
      @JsonProperty("created_at") String createdAt,
      @Schema(nullable = true) @JsonProperty("revoked_at") String revokedAt,
      @JsonProperty("active") boolean active) {

    static List<ApiKeyView> of(List<MerchantStore.ApiKeyInfo> keys) {
      return keys.stream()
          .map(
              key ->
                  new ApiKeyView(
                      key.keyId(),
                      key.displayPrefix(),
                      key.createdAt().toString(),
                      key.revokedAt().map(Object::toString).orElse(null),
                      key.revokedAt().isEmpty()))
          .toList();
    }
  }

  /** {@code POST .../api-keys}: a new key, shown this once. */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  @Schema(
      name = "ApiKeyIssued",
      requiredProperties = {"key_id", "api_key", "display_prefix"},
      additionalProperties = Schema.False.class)
  public record IssuedKeyView(
      @JsonProperty("key_id") String keyId,
      @JsonProperty("api_key") String apiKey,
      @JsonProperty("display_prefix") String displayPrefix) {}

  /** {@code DELETE .../api-keys/{keyId}}. */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  @Schema(
      name = "ApiKeyRevoked",
      requiredProperties = {"key_id", "revoked"},
      additionalProperties = Schema.False.class)
  public record RevokedKeyView(
      @JsonProperty("key_id") String keyId, @JsonProperty("revoked") boolean revoked) {}

  /** {@code POST .../response-key}: the new response key, shown this once. */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  @Schema(
      name = "ResponseKeyRotated",
      requiredProperties = {"merchant_id", "response_key"},
      additionalProperties = Schema.False.class)
  public record ResponseKeyView(
      @JsonProperty("merchant_id") String merchantId,
      @JsonProperty("response_key") String responseKey) {}

  /** {@code GET} and {@code PUT .../webhook}: secrets are never shown back. */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  @Schema(
      name = "WebhookSettings",
      requiredProperties = {
        "merchant_id",
        "url",
        "username",
        "password_set",
        "custom_header_names"
      },
      additionalProperties = Schema.False.class)
  public record WebhookSettingsView(
      @JsonProperty("merchant_id") String merchantId,
      @Schema(nullable = true) @JsonProperty("url") String url,
      @Schema(nullable = true) @JsonProperty("username") String username,
      @JsonProperty("password_set") boolean passwordSet,
      @JsonProperty("custom_header_names") List<String> customHeaderNames) {

    static WebhookSettingsView of(String merchantId, WebhookSettings settings) {
      return new WebhookSettingsView(
          merchantId,
          settings.url().orElse(null),
          settings.username().orElse(null),
          settings.password().isPresent(),
          List.copyOf(settings.headers().keySet()));
    }
  }

  /** {@code POST .../webhook-secret}: the new signing secret, shown this once. */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  @Schema(
      name = "WebhookSecretRotated",
      requiredProperties = {"merchant_id", "webhook_secret", "previous_secret_expires_at"},
      additionalProperties = Schema.False.class)
  public record WebhookSecretView(
      @JsonProperty("merchant_id") String merchantId,
      @JsonProperty("webhook_secret") String webhookSecret,
      @JsonProperty("previous_secret_expires_at") String previousSecretExpiresAt) {}
}
