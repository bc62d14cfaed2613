package dev.paysession.refund;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.paysession.order.OrderStatusView;
import java.math.BigDecimal;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The flat refund object {@code POST /refunds} answers, with Juspay's names for that endpoint. */
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(
    name = "Refund",
    requiredProperties = {
      "unique_request_id",
      "txn_id",
      "order_id",
      "status",
      "sent_to_gateway",
      "response_code",
      "refund_type",
      "refund_source",
      "refund_arn",
      "reference_id",
      "initiated_by",
      "gateway",
      "error_message",
      "epg_txn_id",
      "created",
      "authorization_id",
      "amount"
    },
    additionalProperties = Schema.False.class)
public record RefundView(
    @JsonProperty("unique_request_id") String uniqueRequestId,
    @JsonProperty("txn_id") String txnId,
    @JsonProperty("order_id") String orderId,
    @Schema(enumeration = {"PENDING", "SUCCESS", "FAILURE", "MANUAL_REVIEW"})
        @JsonProperty("status")
        String status,
    @JsonProperty("sent_to_gateway") boolean sentToGateway,
    @Schema(nullable = true) @JsonProperty("response_code") String responseCode,
    @JsonProperty("refund_type") String refundType,
    @JsonProperty("refund_source") String refundSource,
    @Schema(nullable = true) @JsonProperty("refund_arn") String refundArn,
    @Schema(nullable = true) @JsonProperty("reference_id") String referenceId,
    @JsonProperty("initiated_by") String initiatedBy,
    @JsonProperty("gateway") String gateway,
    @Schema(nullable = true) @JsonProperty("error_message") String errorMessage,
    @Schema(nullable = true) @JsonProperty("epg_txn_id") String epgTxnId,
    @JsonProperty("created") String created,
    @Schema(nullable = true) @JsonProperty("authorization_id") String authorizationId,
    @JsonProperty("amount") BigDecimal amount) {

  static RefundView of(RefundRecord refund) {
    return new RefundView(
        refund.uniqueRequestId(),
        refund.txnId(),
        refund.orderId(),
        refund.status().name(),
        refund.sentToGateway(),
        refund.errorCode(),
        refund.refundType().name(),
        refund.gateway(),
        refund.arn(),
        refund.gatewayReference(),
        refund.initiatedBy(),
        refund.gateway(),
        refund.errorMessage(),
        refund.gatewayReference(),
        OrderStatusView.timestamp(refund.createdAt()),
        null,
        OrderStatusView.number(refund.amount()));
  }
}
