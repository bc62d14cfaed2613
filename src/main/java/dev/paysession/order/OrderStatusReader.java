package dev.paysession.order;

import dev.paysession.api.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;

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
  private final PaymentLinks links;

  OrderStatusReader(
      OrderReader orders, AttemptStore attempts, OrderRefunds refunds, PaymentLinks links) {
    this.orders = orders;
    this.attempts = attempts;
    this.refunds = refunds;
    this.links = links;
  }

  /** The merchant's order, or the unknown-order 404 (Juspay's NOT_FOUND/40). */
  public OrderStatusView current(String merchantId, String orderId) throws SQLException {
    OrderRecord order =
        orders
            .byOrderId(merchantId, orderId)
            .orElseThrow(() -> ApiException.orderNotFound(orderId));
    return OrderStatusView.of(
        order, attempts.ofOrder(merchantId, orderId), refunds.ofOrder(merchantId, orderId), links);
  }
}
