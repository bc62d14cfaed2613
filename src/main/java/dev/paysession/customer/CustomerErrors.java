package dev.paysession.customer;

import dev.paysession.api.ApiException;
import dev.paysession.api.FieldError;
import java.util.List;

/** The customer API's own errors, with the codes Juspay's customer API documents for them. */
final class CustomerErrors {

  private CustomerErrors() {}

  /**
   * An unknown customer, or another merchant's: Juspay's {@code object_not_found} 404 ("Customer
   * account not found."), which the SDK turns into its InvalidRequestError.
   */
  static ApiException notFound(String name) {
    return new ApiException(
        404,
        "invalid_request_error",
        "object_not_found",
        "Customer " + name + " not found: customer account not found.",
        "Cannot process your request as customer account not found.",
        "RESOURCE_NOT_FOUND",
        List.of());
  }

  /** A second create with a taken object reference: Juspay's 400 {@code unique}. */
  static ApiException referenceTaken() {
    return new ApiException(
        400,
        "invalid_request_error",
        "unique",
        "Customer with given object reference id already exist for your account.",
        "Already exists.",
        "ALREADY_EXISTS",
        List.of(
            FieldError.invalid(
                "object_reference_id",
                "is the object reference of an existing customer; read it with"
                    + " GET /customers/{object_reference_id}")));
  }

  /** A client auth token that is not one of this customer's. */
  static ApiException invalidToken() {
    return ApiException.unauthorized("Invalid client auth token for this customer.");
  }
}
