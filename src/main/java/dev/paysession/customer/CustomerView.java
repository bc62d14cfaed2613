package dev.paysession.customer;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Juspay's customer object, as its create, get and update calls answer it: the {@code juspay} block
 * only when {@code options.get_client_auth_token} asked for a token.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(
    name = "Customer",
    requiredProperties = {
      "id",
      "object",
      "object_reference_id",
      "mobile_country_code",
      "mobile_number",
      "email_address",
      "first_name",
      "last_name",
      "date_created",
      "last_updated"
    },
    additionalProperties = Schema.False.class)
record CustomerView(
    @Schema(
            description = "Our id: cst_ and 16 lower-case letters or digits.",
            example = "cst_pcxaymwoh9vbse97")
        @JsonProperty("id")
        String id,
    @Schema(enumeration = {"customer"}) @JsonProperty("object") String object,
    @Schema(description = "The merchant's own id for the customer, unique per merchant.")
        @JsonProperty("object_reference_id")
        String objectReferenceId,
    @Schema(description = "Digits, without +; 91 unless given.")
        @JsonProperty("mobile_country_code")
        String mobileCountryCode,
    @JsonProperty("mobile_number") String mobileNumber,
    @Schema(nullable = true) @JsonProperty("email_address") String emailAddress,
    @Schema(nullable = true) @JsonProperty("first_name") String firstName,
    @Schema(nullable = true) @JsonProperty("last_name") String lastName,
    @Schema(description = "UTC, seconds: 2020-03-17T14:16:31Z") @JsonProperty("date_created")
        String dateCreated,
    @Schema(description = "UTC, seconds; moves when an update changes a value.")
        @JsonProperty("last_updated")
        String lastUpdated,
    @Schema(description = "Present when options.get_client_auth_token was true.")
        @JsonProperty("juspay")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        Token juspay) {

  static final String OBJECT = "customer";

  /** A client auth token for the customer's side, and when it expires. */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  @Schema(
      name = "CustomerToken",
      requiredProperties = {"client_auth_token", "client_auth_token_expiry"},
      additionalProperties = Schema.False.class)
  record Token(
      @JsonProperty("client_auth_token") String clientAuthToken,
      @JsonProperty("client_auth_token_expiry") String clientAuthTokenExpiry) {}

  static CustomerView of(Customer customer, Token token) {
    return new CustomerView(
        customer.id(),
        OBJECT,
        customer.objectReferenceId(),
        customer.mobileCountryCode(),
        customer.mobileNumber(),
        customer.emailAddress().orElse(null),
        customer.firstName().orElse(null),
        customer.lastName().orElse(null),
        customer.dateCreated().toString(),
        customer.lastUpdated().toString(),
        token);
  }
}
