package dev.paysession.order;

import java.sql.SQLException;
import java.util.Optional;

/**
 * The {@code mandate} block of the order-status object. The mandate feature owns mandates and
 * implements this; the order only shows the block, so the order package never learns how mandates
 * are kept.
 */
public interface OrderMandates {

  /**
   * The block of the mandate the order's counting attempt registers or debits, as the caller's
   * transaction sees it; empty for an ordinary payment or an order with no attempt.
   */
  Optional<OrderStatusView.Mandate> of(Optional<TransactionRecord> counting) throws SQLException;
}
