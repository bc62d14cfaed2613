package dev.paysession.refund;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The request bodies of the refund endpoints, for the OpenAPI document (form or JSON). */
final class RefundRequestBodies {

  private RefundRequestBodies() {}

  @Schema(
      name = "OrderRefundRequest",
      requiredProperties = {"unique_request_id"})
  record ForOrder(
      @Schema(maxLength = 20, pattern = "^[A-Za-z0-9_-]{1,20}$") @JsonProperty("unique_request_id")
          String uniqueRequestId,
      @Schema(
              description = "Decimal string; absent: the whole remaining refundable amount",
              example = "100.00")
          @JsonProperty("amount")
          String amount) {}

  @Schema(
      name = "RefundRequest",
      requiredProperties = {"unique_request_id", "amount"})
  record ByReference(
      @Schema(description = "The order to refund (or send txn_id)") @JsonProperty("order_id")
          String orderId,
      @Schema(description = "The charged transaction to refund") @JsonProperty("txn_id")
          String txnId,
      @Schema(maxLength = 20, pattern = "^[A-Za-z0-9_-]{1,20}$") @JsonProperty("unique_request_id")
          String uniqueRequestId,
      @Schema(example = "100.00") @JsonProperty("amount") String amount,
      @Schema(
              enumeration = {"STANDARD", "INSTANT"},
              description = "INSTANT for card payments only")
          @JsonProperty("refund_type")
          String refundType) {}
}
