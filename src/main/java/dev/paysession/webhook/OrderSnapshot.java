package dev.paysession.webhook;

import dev.paysession.order.OrderMandates;
import dev.paysession.order.OrderRecord;
import dev.paysession.order.OrderStatusView;
import dev.paysession.order.PaymentLinks;
import dev.paysession.order.TransactionRecord;
import dev.paysession.order.TransactionView;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * An order and its attempts as the transaction of a change sees them: the subject of {@link
 * PaymentEvent}s (and of any later event whose content is the order or one of its transactions),
 * read once for all the events of one change.
 *
 * @param attempt the attempt the events are about, when they are about one
 * @param refunds the order's refunds, newest first, as {@code refunds[]} shows them
 */
public record OrderSnapshot(
    OrderRecord order,
    List<TransactionRecord> transactions,
    Optional<TransactionRecord> attempt,
    List<OrderStatusView.Refund> refunds,
    OrderMandates mandates,
    PaymentLinks links) {

  /** The order-status object, as {@code GET /orders/{order_id}} shows it now. */
  public OrderStatusView orderStatus() {
    Optional<TransactionRecord> counting = OrderStatusView.counting(transactions);
    return OrderStatusView.of(order, counting, refunds, mandateOf(counting), links);
  }

  /** The order-status object with the transaction blocks of the attempt the events are about. */
  public OrderStatusView orderStatusOfAttempt() {
    return OrderStatusView.of(order, attempt, refunds, mandateOf(attempt), links);
  }

  private Optional<OrderStatusView.Mandate> mandateOf(Optional<TransactionRecord> txn) {
    try {
      return mandates.of(txn);
    } catch (SQLException e) {
      // Rendered inside the change's own transaction: failing it rolls the change back too.
      throw new IllegalStateException("mandate of " + order.orderId(), e);
    }
  }

  /** Juspay's transaction object of the attempt the events are about. */
  public TransactionView transaction() {
    return TransactionView.of(
        attempt.orElseThrow(
            () ->
                new IllegalStateException(
                    "a txn event on " + order.orderId() + " names no attempt")));
  }
}
