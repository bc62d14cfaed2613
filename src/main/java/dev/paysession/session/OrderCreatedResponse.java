package dev.paysession.session;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.paysession.order.OrderStatusView;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What {@code POST /orders} answers, Juspay's classic create answer: {@code CREATED}/1 (the order
 * itself is {@code NEW}/10 on {@code GET /orders/{order_id}}), the ids and the payment links, plus
 * the client auth token when {@code options.get_client_auth_token} asked for it.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(
    name = "OrderCreated",
    requiredProperties = {"status", "status_id", "id", "order_id", "payment_links"},
    additionalProperties = Schema.False.class)
record OrderCreatedResponse(
    @Schema(enumeration = {"CREATED"}) @JsonProperty("status") String status,
    @Schema(enumeration = {"1"}) @JsonProperty("status_id") int statusId,
    @JsonProperty("id") String id,
    @JsonProperty("order_id") String orderId,
    @JsonProperty("payment_links") OrderStatusView.Links paymentLinks,
    @Schema(description = "Present when options.get_client_auth_token was true.")
        @JsonProperty("juspay")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        Juspay juspay) {

  static final String CREATED = "CREATED";
  static final int CREATED_ID = 1;

  @JsonInclude(JsonInclude.Include.ALWAYS)
  @Schema(
      name = "OrderCreatedToken",
      requiredProperties = {"client_auth_token", "client_auth_token_expiry"},
      additionalProperties = Schema.False.class)
  record Juspay(
      @JsonProperty("client_auth_token") String clientAuthToken,
      @JsonProperty("client_auth_token_expiry") String clientAuthTokenExpiry) {}
}
