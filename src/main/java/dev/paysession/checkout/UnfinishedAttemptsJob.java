package dev.paysession.checkout;

import dev.paysession.checkout.TransactionStore.Unfinished;
import dev.paysession.order.AttemptStore.Backlog;
import dev.paysession.order.TransactionStatus;
import dev.paysession.reconcile.ReconciliationJob;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Finishes attempts nobody is watching: a customer who closed the tab on the pending page still
 * gets their order settled, an answer lost with its request is looked up at the gateway, and an
 * abandoned 3-D Secure page stops counting as in progress. Safe on several nodes at once: recording
 * an outcome locks the order and ignores attempts that have already ended.
 */
@ApplicationScoped
class UnfinishedAttemptsJob implements ReconciliationJob<Unfinished> {

  // A request that started an attempt has its gateway answer stored well within this; an attempt
  // still STARTED after it lost its answer (database down, server killed) and is looked up.
  private static final Duration ANSWER_LOST_AFTER = Duration.ofSeconds(30);

  private final TransactionStore transactions;
  private final CheckoutService checkout;
  private final Duration authenticationTimeout;

  UnfinishedAttemptsJob(
      TransactionStore transactions, CheckoutService checkout, CheckoutConfig config) {
    this.transactions = transactions;
    this.checkout = checkout;
    this.authenticationTimeout = config.authenticationTimeout();
  }

  @Override
  public String name() {
    return "unfinished-attempts";
  }

  @Override
  public List<Due<Unfinished>> due(Instant now, int limit) throws SQLException {
    return transactions.unfinished(
        now, now.minus(ANSWER_LOST_AFTER), now.minus(authenticationTimeout), limit);
  }

  @Override
  public void reconcile(Unfinished attempt, Instant now) throws SQLException {
    checkout.settle(attempt, now.minus(authenticationTimeout));
  }

  /**
   * An attempt that may yet be abandoned is checked again no later than its authentication timeout,
   * however long its backoff has grown, so it fails on time.
   */
  @Override
  public boolean retryLater(Unfinished attempt, Instant now, Instant nextCheckAt, int failures)
      throws SQLException {
    Instant next = nextCheckAt;
    Instant abandonedAt = attempt.startedAt().plus(authenticationTimeout);
    if (attempt.status() != TransactionStatus.AUTHORIZING
        && abandonedAt.isAfter(now)
        && abandonedAt.isBefore(next)) {
      next = abandonedAt;
    }
    return transactions.deferCheck(
        Backlog.UNFINISHED_ATTEMPTS,
        attempt.attempt().merchantId(),
        attempt.attempt().txnId(),
        next,
        failures);
  }
}
