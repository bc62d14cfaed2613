package dev.paysession.webhook;

/**
 * Juspay's webhook event names that paysession emits today. ORDER_REFUNDED, ORDER_REFUND_FAILED and
 * the MANDATE_* events join this list with the refund API and the mandate lifecycle; nothing
 * produces them yet.
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
  AUTO_REFUND_SUCCEEDED;

  /**
   * Events about one attempt carry that attempt in their order object; the others carry the attempt
   * the order's outcome comes from, as {@code GET /orders/{order_id}} does.
   */
  boolean isAboutOneAttempt() {
    return this != ORDER_SUCCEEDED && this != ORDER_FAILED;
  }
}
