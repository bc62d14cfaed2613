package dev.paysession.order;

import java.sql.SQLException;
import java.util.List;

/**
 * The refunds of an order as the order-status object lists them ({@code refunds[]}), newest first.
 * The refund feature owns refunds and implements this; the order only shows them, so the order
 * package never learns how refunds are taken.
 */
public interface OrderRefunds {

  /** As the caller's transaction sees them, newest first; empty for an order never refunded. */
  List<OrderStatusView.Refund> ofOrder(String merchantId, String orderId) throws SQLException;
}
