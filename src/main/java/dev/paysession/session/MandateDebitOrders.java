package dev.paysession.session;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.paysession.merchant.Merchant;
import dev.paysession.order.StoredOrder;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;

/**
 * Opens the order of a mandate debit ({@code POST /txns} with {@code mandate_id}) through the one
 * path {@code /session} and {@code /orders} take ({@link OrderOpening}): the same field rules and
 * store, except that an order id already used is refused, never re-opened.
 */
@ApplicationScoped
public class MandateDebitOrders {

  private final OrderOpening opening;

  MandateDebitOrders(OrderOpening opening) {
    this.opening = opening;
  }

  /**
   * @param order the order's fields in the Orders API's names ({@code order_id}, {@code amount},
   *     {@code customer_id}, …)
   */
  public StoredOrder open(Merchant merchant, ObjectNode order) throws SQLException {
    return opening
        .open(merchant, order, new OrderOpening.Headers(null, null), SessionRules.Api.MANDATE_DEBIT)
        .stored();
  }
}
