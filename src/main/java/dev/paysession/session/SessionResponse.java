package dev.paysession.session;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What {@code POST /session} answers, Juspay's shape: the order's ids, its payment links and the
 * {@code sdk_payload} a Juspay SDK opens the checkout with.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(
    name = "SessionResponse",
    requiredProperties = {"status", "id", "order_id", "payment_links", "sdk_payload"},
    additionalProperties = Schema.False.class)
public record SessionResponse(
    @Schema(description = "Always NEW: the session is new, whatever earlier attempts did.")
        @JsonProperty("status")
        String status,
    @JsonProperty("id") String id,
    @JsonProperty("order_id") String orderId,
    @JsonProperty("payment_links") Links paymentLinks,
    @JsonProperty("sdk_payload") SdkPayloadView sdkPayload,
    @JsonProperty("order_expiry") @JsonInclude(JsonInclude.Include.NON_NULL) String orderExpiry) {

  @JsonInclude(JsonInclude.Include.ALWAYS)
  @Schema(
      name = "SessionPaymentLinks",
      requiredProperties = {"web", "expiry"},
      additionalProperties = Schema.False.class)
  public record Links(
      @JsonProperty("web") String web,
      @Schema(
              description =
                  "The order's expiry when it has one, else the client auth token's (ISO-8601"
                      + " UTC), as Juspay answers.")
          @JsonProperty("expiry")
          String expiry,
      @Schema(description = "A upi:// intent link, when options.get_upi_deep_links asked for one.")
          @JsonProperty("deep_link")
          @JsonInclude(JsonInclude.Include.NON_NULL)
          String deepLink) {}

  @JsonInclude(JsonInclude.Include.ALWAYS)
  @Schema(
      name = "SdkPayload",
      requiredProperties = {"requestId", "service", "payload"},
      additionalProperties = Schema.False.class)
  public record SdkPayloadView(
      @JsonProperty("requestId") String requestId,
      @JsonProperty("service") String service,
      @Schema(implementation = SdkPayloadFields.class) @JsonProperty("payload")
          Map<String, Object> payload,
      @JsonProperty("expiry") @JsonInclude(JsonInclude.Include.NON_NULL) String expiry) {}

  /**
   * For the document only: {@code sdk_payload.payload} echoes the request with camelCase keys (any
   * key the request had), beside the keys it always has.
   */
  @Schema(
      name = "SdkPayloadFields",
      requiredProperties = {
        "clientId",
        "merchantId",
        "clientAuthToken",
        "clientAuthTokenExpiry",
        "environment",
        "currency",
        "action"
      })
  record SdkPayloadFields(
      String clientId,
      @Schema(
              description =
                  "The amount as text, e.g. \"1.0\"; absent for a paymentManagement session"
                      + " without an order.")
          String amount,
      String merchantId,
      String clientAuthToken,
      String clientAuthTokenExpiry,
      String environment,
      @Schema(description = "Absent for a paymentManagement session without an order.")
          String orderId,
      String currency,
      @Schema(description = "paymentPage (the default), paymentManagement or enach.") String action,
      @Schema(description = "Absent when neither the session nor the merchant gives one.")
          String returnUrl) {}
}
