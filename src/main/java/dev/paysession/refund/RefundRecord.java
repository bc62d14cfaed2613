package dev.paysession.refund;

import dev.paysession.order.OrderStatusView;
import dev.paysession.rules.Amount;
import java.time.Instant;

/**
 * One refund as stored.
 *
 * @param refundId ours: what the gateway is asked with, so asking again never refunds twice
 * @param txnId the charged attempt it refunds
 * @param initiatedBy {@code API}, or {@code AUTO_REFUNDED} for a second charge given back
 * @param gatewayReference the gateway's refund id (Juspay's {@code ref}), once known
 */
public record RefundRecord(
    String merchantId,
    String refundId,
    String orderId,
    String txnId,
    String uniqueRequestId,
    Amount amount,
    String currency,
    RefundStatus status,
    boolean sentToGateway,
    RefundType refundType,
    String initiatedBy,
    String gateway,
    String gatewayTxnId,
    String gatewayReference,
    String arn,
    String errorCode,
    String errorMessage,
    Instant createdAt,
    Instant updatedAt) {

  public static final String BY_API = "API";

  /** STANDARD (the default) or INSTANT (paid out at once; card payments only). */
  public enum RefundType {
    STANDARD,
    INSTANT
  }

  /** The entry of {@code refunds[]} in the order-status object. */
  public OrderStatusView.Refund view() {
    return new OrderStatusView.Refund(
        uniqueRequestId,
        // Juspay maps id to the unique_request_id once the gateway has the refund.
        sentToGateway ? uniqueRequestId : null,
        gatewayReference,
        OrderStatusView.number(amount),
        status.name(),
        sentToGateway,
        refundType.name(),
        gateway,
        initiatedBy,
        errorCode,
        errorMessage == null ? "" : errorMessage,
        arn,
        OrderStatusView.timestamp(createdAt));
  }
}
