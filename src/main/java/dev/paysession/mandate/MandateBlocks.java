package dev.paysession.mandate;

import dev.paysession.order.OrderMandates;
import dev.paysession.order.OrderStatusView;
import dev.paysession.order.TransactionRecord;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.util.Optional;

/** The {@code mandate} block of orders that register or debit a mandate. */
@ApplicationScoped
class MandateBlocks implements OrderMandates {

  private final MandateStore mandates;

  MandateBlocks(MandateStore mandates) {
    this.mandates = mandates;
  }

  @Override
  public Optional<OrderStatusView.Mandate> of(Optional<TransactionRecord> counting)
      throws SQLException {
    if (counting.isEmpty() || counting.get().mandateId().isEmpty()) {
      return Optional.empty();
    }
    TransactionRecord txn = counting.get();
    return mandates.byId(txn.merchantId(), txn.mandateId().get()).map(MandateView::orderBlock);
  }
}
