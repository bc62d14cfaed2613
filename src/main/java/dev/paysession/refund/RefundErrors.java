package dev.paysession.refund;

import dev.paysession.api.ApiException;
import dev.paysession.api.FieldError;
import java.util.List;

/** Juspay's refund errors, with their exact {@code error_code} and {@code error_message}. */
final class RefundErrors {

  private RefundErrors() {}

  static ApiException duplicateId() {
    return error(
        "duplicate.call",
        "A refund call was already completed with this unique_request_id for the order.");
  }

  static ApiException duplicateAmount() {
    return error(
        "duplicate.call", "A refund call was already processing with this amount for the order.");
  }

  static ApiException exceeded() {
    return error("invalid.amount.exceeded", "Refund amount exceeds the refundable amount.");
  }

  static ApiException notSuccessful() {
    return error("invalid.order.not_successful", "Cannot process unsuccessful order.");
  }

  static ApiException invalidAmount(String reason) {
    return new ApiException(
        400,
        "ERROR",
        "invalid amount",
        "Amount is invalid.",
        "Invalid input data",
        "INVALID_INPUT",
        List.of(FieldError.invalid("amount", reason)));
  }

  static ApiException missing(List<FieldError> fields) {
    return new ApiException(
        400,
        "Bad Request",
        "Mandatory fields are missing",
        "Mandatory fields are missing",
        "Invalid input data",
        "INVALID_INPUT",
        fields);
  }

  private static ApiException error(String code, String message) {
    return new ApiException(400, "ERROR", code, message, message, "INVALID_REQUEST", List.of());
  }
}
