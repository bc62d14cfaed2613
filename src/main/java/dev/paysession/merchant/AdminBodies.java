package dev.paysession.merchant;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The admin API's request bodies as the OpenAPI document describes them; never instantiated. The
 * bodies are read from the raw JSON by {@link MerchantSettingsRules} and {@link
 * WebhookSettingsRules}, which list every offending field.
 */
final class AdminBodies {

  private AdminBodies() {}

  @Schema(
      name = "MerchantCreateRequest",
      requiredProperties = {"merchant_id", "name", "environment", "payment_page_client_ids"})
  record MerchantCreate(
      @Schema(pattern = "^[A-Za-z0-9_-]{1,64}$") @JsonProperty("merchant_id") String merchantId,
      @JsonProperty("name") String name,
      @Schema(enumeration = {"sandbox", "production"}) @JsonProperty("environment")
          String environment,
      @JsonProperty("payment_page_client_ids") List<String> paymentPageClientIds,
      @JsonProperty("default_return_url") String defaultReturnUrl,
      @Schema(description = "ISO 4217 codes; default [\"INR\"].")
          @JsonProperty("supported_currencies")
          List<String> supportedCurrencies,
      @JsonProperty("upi_payee_vpa") String upiPayeeVpa,
      @JsonProperty("upi_payee_name") String upiPayeeName,
      @JsonProperty("upi_merchant_code") String upiMerchantCode) {}

  @Schema(
      name = "MerchantUpdateRequest",
      description =
          "Only the keys sent change; null or \"\" clears an optional setting. merchant_id, if"
              + " sent, must be the merchant's own.")
  record MerchantUpdate(
      @JsonProperty("merchant_id") String merchantId,
      @JsonProperty("name") String name,
      @Schema(enumeration = {"sandbox", "production"}) @JsonProperty("environment")
          String environment,
      @JsonProperty("payment_page_client_ids") List<String> paymentPageClientIds,
      @Schema(nullable = true) @JsonProperty("default_return_url") String defaultReturnUrl,
      @JsonProperty("supported_currencies") List<String> supportedCurrencies,
      @Schema(nullable = true) @JsonProperty("upi_payee_vpa") String upiPayeeVpa,
      @Schema(nullable = true) @JsonProperty("upi_payee_name") String upiPayeeName,
      @Schema(nullable = true) @JsonProperty("upi_merchant_code") String upiMerchantCode) {}

  @Schema(
      name = "WebhookSettingsRequest",
      description = "Replaces the settings whole; \"url\": null turns webhooks off.",
      additionalProperties = Schema.False.class)
  record WebhookSettingsBody(
      @Schema(nullable = true) @JsonProperty("url") String url,
      @Schema(nullable = true, description = "Basic auth, with password.") @JsonProperty("username")
          String username,
      @Schema(nullable = true) @JsonProperty("password") String password,
      @Schema(nullable = true, description = "Header name to value, sent with every webhook.")
          @JsonProperty("custom_headers")
          Map<String, String> customHeaders) {}

  @Schema(
      name = "WebhookSecretRotateRequest",
      description = "Optional: an empty body keeps the old secret valid for a day.")
  record WebhookSecretRotate(
      @Schema(
              nullable = true,
              minimum = "0",
              maximum = "604800",
              description = "How long the old secret keeps signing beside the new one.")
          @JsonProperty("overlap_seconds")
          Long overlapSeconds) {}
}
