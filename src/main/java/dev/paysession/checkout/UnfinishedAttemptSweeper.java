package dev.paysession.checkout;

import dev.paysession.gateway.GatewayUnavailable;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Finishes attempts nobody is watching: a customer who closed the tab on the pending page still
 * gets their order settled, an abandoned 3-D Secure page stops counting as in progress, and a
 * refund owed for a charge that lost a race (and was not refunded at once, e.g. after a crash) is
 * paid back. Safe on several nodes at once: recording an outcome locks the order and ignores
 * attempts that have already ended, and gateway refunds are idempotent per payment.
 */
@ApplicationScoped
public class UnfinishedAttemptSweeper {

  private static final Logger LOG = Logger.getLogger(UnfinishedAttemptSweeper.class);
  private static final int BATCH = 100;
  // A request that started an attempt has its gateway answer stored well within this; an attempt
  // still STARTED after it lost its answer (database down, server killed) and is looked up.
  private static final Duration ANSWER_LOST_AFTER = Duration.ofSeconds(30);

  private final TransactionStore transactions;
  private final CheckoutService checkout;
  private final Clock clock;
  private final Duration authenticationTimeout;

  UnfinishedAttemptSweeper(
      TransactionStore transactions,
      CheckoutService checkout,
      Clock clock,
      @ConfigProperty(name = "paysession.checkout.authentication-timeout")
          Duration authenticationTimeout) {
    this.transactions = transactions;
    this.checkout = checkout;
    this.clock = clock;
    this.authenticationTimeout = authenticationTimeout;
  }

  @Scheduled(
      every = "${paysession.checkout.sweep-every}",
      delayed = "${paysession.checkout.sweep-every}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void sweep() {
    Instant now = clock.instant();
    Instant abandonedBefore = now.minus(authenticationTimeout);
    try {
      for (TransactionStore.Unfinished unfinished :
          transactions.unfinished(now.minus(ANSWER_LOST_AFTER), abandonedBefore, BATCH)) {
        isolated(unfinished.attempt().txnId(), () -> checkout.settle(unfinished, abandonedBefore));
      }
      for (TransactionStore.RefundOwed owed : transactions.refundsOwed(BATCH)) {
        isolated(owed.txnId(), () -> checkout.refund(owed));
      }
    } catch (SQLException e) {
      // The next run tries again; a database outage must not flood the log with stack traces.
      LOG.warnf("Sweeping unfinished payment attempts failed: %s", e.getMessage());
    }
  }

  /** One item's failure (its gateway call, say) must not hold up the rest of the batch. */
  private static void isolated(String txnId, Step step) {
    try {
      step.run();
    } catch (SQLException | GatewayUnavailable | PaymentUnconfirmed e) {
      LOG.warnf("Sweeping attempt %s failed, will retry: %s", txnId, e.getMessage());
    }
  }

  @FunctionalInterface
  private interface Step {
    void run() throws SQLException;
  }
}
