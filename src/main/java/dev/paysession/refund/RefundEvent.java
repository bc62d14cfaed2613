package dev.paysession.refund;

import dev.paysession.webhook.OrderSnapshot;
import dev.paysession.webhook.PaymentContent;
import dev.paysession.webhook.WebhookContent;
import dev.paysession.webhook.WebhookEvent;

/**
 * The refund events, with Juspay's names (juspay-real-wire §6; Juspay has no {@code
 * REFUND_SUCCEEDED}): each carries {@code content.order} with {@code refunds[]} as of the change.
 * {@code AUTO_REFUND_SUCCEEDED} is a payment event ({@link dev.paysession.webhook.PaymentEvent}),
 * since a charge that lost a race is given back by checkout as well.
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
  /** The gateway refused for good to give back a charge that lost a race. */
  AUTO_REFUND_FAILED;

  @Override
  public WebhookContent<OrderSnapshot> content() {
    // As AUTO_REFUND_SUCCEEDED: the order as seen from the refunded attempt, not from the winner.
    return this == AUTO_REFUND_FAILED ? PaymentContent.ORDER_OF_ATTEMPT : PaymentContent.ORDER;
  }
}
