package dev.paysession.session;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The {@code POST /session} body as the OpenAPI document describes it; never instantiated. The body
 * is read by {@link SessionRules} from the raw JSON (nested objects and Juspay's flat dotted keys
 * alike, numbers or strings where Juspay accepts either), so this lists the main fields and leaves
 * the object open.
 */
@Schema(
    name = "SessionRequest",
    description =
        "Juspay's Session API body. Nested objects may also be sent as flat dotted keys"
            + " (\"metadata.webhook_url\").",
    requiredProperties = {"payment_page_client_id"},
    additionalProperties = Schema.True.class)
record SessionRequestBody(
    @Schema(
            pattern = "^[A-Za-z0-9_-]{1,21}$",
            description = "Required, except for a paymentManagement session.")
        @JsonProperty("order_id")
        String orderId,
    @Schema(
            description =
                "At least 1, at most two decimals; a number or a string (\"100.00\")."
                    + " Required, except for a paymentManagement session.",
            oneOf = {String.class, Number.class})
        @JsonProperty("amount")
        Object amount,
    @Schema(description = "ISO 4217, one of the merchant's supported currencies; default INR.")
        @JsonProperty("currency")
        String currency,
    @JsonProperty("payment_page_client_id") String paymentPageClientId,
    @Schema(
            enumeration = {"paymentPage", "paymentManagement", "enach"},
            defaultValue = "paymentPage")
        @JsonProperty("action")
        String action,
    @Schema(
            description =
                "Absent, null or empty for a guest checkout; required for paymentManagement.")
        @JsonProperty("customer_id")
        String customerId,
    @JsonProperty("customer_email") String customerEmail,
    @JsonProperty("customer_phone") String customerPhone,
    @JsonProperty("mobile_country_code") String mobileCountryCode,
    @JsonProperty("first_name") String firstName,
    @JsonProperty("last_name") String lastName,
    @JsonProperty("description") String description,
    @JsonProperty("return_url") String returnUrl,
    @JsonProperty("language") String language,
    @JsonProperty("order_type") String orderType,
    @Schema(description = "in.juspay.ec for eNACH.") @JsonProperty("service") String service,
    @Schema(description = "udf1 … udf10: the merchant's own fields, echoed back.")
        @JsonProperty("udf1")
        String udf1,
    @Schema(description = "webhook_url, expiryInMins, JUSPAY:gateway_reference_id, GATEWAY:key …")
        @JsonProperty("metadata")
        Map<String, Object> metadata,
    @Schema(description = "get_upi_deep_links …") @JsonProperty("options")
        Map<String, Object> options,
    @Schema(description = "Mandate registration details (action enach or a mandate order).")
        @JsonProperty("mandate")
        Map<String, Object> mandate) {}
