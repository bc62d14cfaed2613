package dev.paysession.session;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The {@code POST /orders/{order_id}} body as the OpenAPI document describes it; never
 * instantiated. Only these fields change anything; others are ignored, as Juspay does.
 */
@Schema(
    name = "OrderUpdateRequest",
    description =
        "amount, udf1 … udf10, billing_address_* and shipping_address_*, form-encoded or JSON."
            + " An empty udf or address field clears it.",
    additionalProperties = Schema.True.class)
record OrderUpdateBody(
    @Schema(
            description =
                "At least 1, at most the currency's decimals: \"90.00\" (JSON: or a number).",
            oneOf = {String.class, Number.class})
        @JsonProperty("amount")
        Object amount,
    @JsonProperty("udf1") String udf1,
    @JsonProperty("billing_address_city") String billingAddressCity,
    @JsonProperty("shipping_address_city") String shippingAddressCity) {}
