package dev.paysession.webhook;

/**
 * Juspay's webhook event names that paysession emits. The MANDATE_* events join this list with the
 * mandate lifecycle.
 */
public enum WebhookEvent {
  /** A payment attempt was started on the order. */
  TXN_CREATED,
  /** An attempt was charged. */
  TXN_CHARGED,
  /** An attempt ended without taking money. */
  TXN_FAILED,
  /** The order was paid. */
  ORDER_SUCCEEDED,
  /** The order's latest attempt failed (the order can still be paid by another attempt). */
  ORDER_FAILED,
  /** A second charge on an already-paid order was given back by the gateway. */
  AUTO_REFUND_SUCCEEDED,
  /** The gateway refused for good to give back a second charge. */
  AUTO_REFUND_FAILED,
  /** The merchant asked for a refund: it is in {@code refunds[]}, PENDING. */
  REFUND_INITIATED,
  /** A refund succeeded. */
  ORDER_REFUNDED,
  /** A refund failed; its amount is refundable again (under a new unique_request_id). */
  ORDER_REFUND_FAILED,
  /** A refund's outcome is unclear (or it stayed pending too long): the merchant must reconcile. */
  REFUND_MANUAL_REVIEW_NEEDED;

  /**
   * Events about one attempt carry that attempt in their order object; the others carry the attempt
   * the order's outcome comes from, as {@code GET /orders/{order_id}} does.
   */
  boolean isAboutOneAttempt() {
    return this != ORDER_SUCCEEDED && this != ORDER_FAILED;
  }
}
