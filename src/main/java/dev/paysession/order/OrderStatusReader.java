package dev.paysession.order;

import dev.paysession.api.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * The order-status object of an order as it is now: the order, its attempts and its refunds. The
 * one read behind every answer that is this object (the Order Status API, a refund, an order
 * update); webhooks render it from the snapshot of their own transaction instead.
 */
@ApplicationScoped
public class OrderStatusReader {

  private final OrderReader orders;
  private final AttemptStore attempts;
  private final OrderRefunds refunds;
  private final OrderMandates mandates;
  private final PaymentLinks links;

  OrderStatusReader(
      OrderReader orders,
      AttemptStore attempts,
      OrderRefunds refunds,
      OrderMandates mandates,
      PaymentLinks links) {
    this.orders = orders;
    this.attempts = attempts;
    this.refunds = refunds;
    this.mandates = mandates;
    this.links = links;
  }

  /** The merchant's order, or the unknown-order 404 (Juspay's NOT_FOUND/40). */
  public OrderStatusView current(String merchantId, String orderId) throws SQLException {
    OrderRecord order =
        orders
            .byOrderId(merchantId, orderId)
            .orElseThrow(() -> ApiException.orderNotFound(orderId));
    List<TransactionRecord> transactions = attempts.ofOrder(merchantId, orderId);
    Optional<TransactionRecord> counting = OrderStatusView.counting(transactions);
    return OrderStatusView.of(
        order, counting, refunds.ofOrder(merchantId, orderId), mandates.of(counting), links);
  }
}
