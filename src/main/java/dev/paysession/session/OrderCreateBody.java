package dev.paysession.session;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The {@code POST /orders} body as the OpenAPI document describes it; never instantiated. It takes
 * the {@code /session} fields ({@link SessionRequestBody}) as a form or as JSON, with flat dotted
 * keys in both; {@code payment_page_client_id} and {@code action} are left to the later session.
 */
@Schema(
    name = "OrderCreateRequest",
    description =
        "Juspay's order create body: the /session fields, form-encoded or JSON, with flat dotted"
            + " keys (\"metadata.webhook_url\", \"mandate.max_amount\"). Form values are text.",
    requiredProperties = {"order_id", "amount"},
    additionalProperties = Schema.True.class)
record OrderCreateBody(
    @Schema(
            description =
                "1-21 characters; begins with a letter or digit, then letters, digits and"
                    + " - _ ( ) { } + ~ .")
        @JsonProperty("order_id")
        String orderId,
    @Schema(
            description =
                "At least 1, at most the currency's decimals: \"100.00\" (JSON: or a number).",
            oneOf = {String.class, Number.class})
        @JsonProperty("amount")
        Object amount,
    @JsonProperty("currency") String currency,
    @JsonProperty("customer_id") String customerId,
    @JsonProperty("customer_email") String customerEmail,
    @JsonProperty("customer_phone") String customerPhone,
    @JsonProperty("return_url") String returnUrl,
    @JsonProperty("description") String description,
    @JsonProperty("product_id") String productId,
    @Schema(description = "udf1 … udf10") @JsonProperty("udf1") String udf1,
    @Schema(
            description =
                "billing_address_* and shipping_address_*: first_name, last_name,"
                    + " line1, line2, line3, city, state, country, postal_code, phone, country_code_iso")
        @JsonProperty("billing_address_line1")
        String billingAddressLine1,
    @Schema(description = "true: the answer carries juspay.client_auth_token.")
        @JsonProperty("options.get_client_auth_token")
        String getClientAuthToken) {}
