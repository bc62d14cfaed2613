package dev.paysession.checkout;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What {@code GET /orders/{order_id}/payment-methods} answers. */
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(
    name = "PaymentMethods",
    requiredProperties = {"order_id", "payment_methods", "saved_cards"},
    additionalProperties = Schema.False.class)
public record PaymentMethodsView(
    @JsonProperty("order_id") String orderId,
    @JsonProperty("payment_methods") List<Method> paymentMethods,
    @JsonProperty("saved_cards") List<SavedCardView> savedCards) {

  @JsonInclude(JsonInclude.Include.ALWAYS)
  @Schema(
      name = "PaymentMethod",
      requiredProperties = {"payment_method_type", "payment_method", "description"},
      additionalProperties = Schema.False.class)
  public record Method(
      @Schema(enumeration = {"CARD", "UPI", "NB", "WALLET"}) @JsonProperty("payment_method_type")
          String paymentMethodType,
      @JsonProperty("payment_method") String paymentMethod,
      @JsonProperty("description") String description) {}

  /** A card the customer saved: its token, never its number. */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  @Schema(
      name = "SavedCard",
      requiredProperties = {"card_token", "card_brand", "last_four_digits"},
      additionalProperties = Schema.False.class)
  public record SavedCardView(
      @JsonProperty("card_token") String cardToken,
      @JsonProperty("card_brand") String cardBrand,
      @JsonProperty("last_four_digits") String lastFourDigits) {}
}
