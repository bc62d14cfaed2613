package dev.paysession.checkout;

import dev.paysession.checkout.TransactionStore.RefundOwed;
import dev.paysession.order.AttemptStore.Backlog;
import dev.paysession.reconcile.ReconciliationJob;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * Pays back a charge that lost a race and was not refunded at once (the gateway refused, or the
 * server stopped first), until the gateway confirms. Safe to repeat and on several nodes at once:
 * gateway refunds are idempotent per payment.
 */
@ApplicationScoped
class RefundsOwedJob implements ReconciliationJob<RefundOwed> {

  private final TransactionStore transactions;
  private final CheckoutService checkout;

  RefundsOwedJob(TransactionStore transactions, CheckoutService checkout) {
    this.transactions = transactions;
    this.checkout = checkout;
  }

  @Override
  public String name() {
    return "refunds-owed";
  }

  @Override
  public List<Due<RefundOwed>> due(Instant now, int limit) throws SQLException {
    return transactions.refundsOwed(now, limit);
  }

  @Override
  public void reconcile(RefundOwed owed, Instant now) throws SQLException {
    checkout.refund(owed);
  }

  @Override
  public boolean retryLater(RefundOwed owed, Instant now, Instant nextCheckAt, int failures)
      throws SQLException {
    return transactions.deferCheck(
        Backlog.REFUNDS_OWED, owed.merchantId(), owed.txnId(), nextCheckAt, failures);
  }
}
