package dev.paysession.webhook;

/**
 * The events of paying an order, with Juspay's names and content keys (juspay-real-wire §6): the
 * {@code ORDER_*} events and {@code TXN_CREATED} carry {@code content.order}, {@code TXN_CHARGED}
 * and {@code TXN_FAILED} carry {@code content.txn}. Refunds and mandates declare their own events
 * beside their features ({@link WebhookEvent}).
 */
public enum PaymentEvent implements WebhookEvent<OrderSnapshot> {
  /** A payment attempt was started on the order. */
  TXN_CREATED(PaymentContent.ORDER_OF_ATTEMPT),
  /** An attempt was charged. */
  TXN_CHARGED(PaymentContent.TXN),
  /** An attempt ended without taking money. */
  TXN_FAILED(PaymentContent.TXN),
  /** The order was paid. */
  ORDER_SUCCEEDED(PaymentContent.ORDER),
  /** The order's latest attempt failed (the order can still be paid by another attempt). */
  ORDER_FAILED(PaymentContent.ORDER);

  private final PaymentContent content;

  PaymentEvent(PaymentContent content) {
    this.content = content;
  }

  @Override
  public WebhookContent<OrderSnapshot> content() {
    return content;
  }
}
