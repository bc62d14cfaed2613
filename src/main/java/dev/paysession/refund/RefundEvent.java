package dev.paysession.refund;

import dev.paysession.webhook.OrderSnapshot;
import dev.paysession.webhook.PaymentContent;
import dev.paysession.webhook.WebhookContent;
import dev.paysession.webhook.WebhookEvent;

/**
 * The refund events, with Juspay's names (juspay-real-wire §6; Juspay has no {@code
 * REFUND_SUCCEEDED}): each carries {@code content.order} with {@code refunds[]} as of the change;
 * the {@code AUTO_REFUND_*} ones show the order from the refunded attempt (the charge that lost a
 * race), not from the charge that counts.
 */
public enum RefundEvent implements WebhookEvent<OrderSnapshot> {
  /** The merchant asked for a refund: it is in {@code refunds[]}, PENDING. */
  REFUND_INITIATED,
  /** A refund succeeded. */
  ORDER_REFUNDED,
  /** A refund failed; its amount is refundable again (under a new unique_request_id). */
  ORDER_REFUND_FAILED,
  /** A refund's outcome is unclear (or it stayed pending too long): the merchant must reconcile. */
  REFUND_MANUAL_REVIEW_NEEDED,
  /** A charge that lost a race was given back by the gateway. */
  AUTO_REFUND_SUCCEEDED,
  /** The gateway refused for good to give back a charge that lost a race: it is not retried. */
  AUTO_REFUND_FAILED;

  @Override
  public WebhookContent<OrderSnapshot> content() {
    return this == AUTO_REFUND_SUCCEEDED || this == AUTO_REFUND_FAILED
        ? PaymentContent.ORDER_OF_ATTEMPT
        : PaymentContent.ORDER;
  }
}
