package dev.paysession.refund;

import dev.paysession.reconcile.ReconciliationJob;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * Moves PENDING refunds to their end: sends queued ones to their gateway, asks the gateway about
 * sent ones, and sends those pending too long to manual review. Safe on several nodes at once: the
 * gateway call is idempotent per refund id, and the status is written under the refund's row lock
 * only while it is PENDING.
 */
@ApplicationScoped
class RefundJob implements ReconciliationJob<RefundRecord> {

  private final RefundService refunds;

  RefundJob(RefundService refunds) {
    this.refunds = refunds;
  }

  @Override
  public String name() {
    return "refunds";
  }

  @Override
  public List<Due<RefundRecord>> due(Instant now, int limit) throws SQLException {
    return refunds.due(now, limit).stream()
        .map(due -> new Due<>(due.refund(), due.refund().refundId(), due.checkFailures()))
        .toList();
  }

  @Override
  public void reconcile(RefundRecord refund, Instant now) throws SQLException {
    refunds.advance(refund, now);
  }

  @Override
  public boolean retryLater(RefundRecord refund, Instant now, Instant nextCheckAt, int failures)
      throws SQLException {
    return refunds.deferCheck(refund, nextCheckAt, failures);
  }
}
