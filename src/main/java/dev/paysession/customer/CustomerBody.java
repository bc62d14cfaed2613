package dev.paysession.customer;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The customer create and update body as the OpenAPI document describes it; never instantiated.
 * Juspay's SDKs send it as a form; JSON is read the same way, with the flat dotted key or a nested
 * {@code options} object.
 */
@Schema(
    name = "CustomerRequest",
    description =
        "Juspay's customer fields, form-encoded or JSON. Create needs object_reference_id and"
            + " mobile_number; an update changes what it sends (\"\" clears email_address,"
            + " first_name, last_name).",
    additionalProperties = Schema.True.class)
record CustomerBody(
    @Schema(
            description =
                "Create only: 1-128 printable characters, unique per merchant; not shaped like"
                    + " cst_ + 16 letters or digits.")
        @JsonProperty("object_reference_id")
        String objectReferenceId,
    @Schema(description = "Digits with an optional leading +, spaces, - ( ); 4-15 digits.")
        @JsonProperty("mobile_number")
        String mobileNumber,
    @Schema(description = "1-4 digits; a leading + is dropped. Default 91.")
        @JsonProperty("mobile_country_code")
        String mobileCountryCode,
    @JsonProperty("email_address") String emailAddress,
    @Schema(description = "Letters, digits, spaces and ( ) . - _; at most 255 characters.")
        @JsonProperty("first_name")
        String firstName,
    @JsonProperty("last_name") String lastName,
    @Schema(description = "true: the answer carries juspay.client_auth_token.")
        @JsonProperty("options.get_client_auth_token")
        String getClientAuthToken) {}
