package dev.paysession.checkout;

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
    try {
      for (TransactionStore.Unfinished unfinished : transactions.unfinished(now, BATCH)) {
        checkout.settle(unfinished, now.minus(authenticationTimeout));
      }
      for (TransactionStore.RefundOwed owed : transactions.refundsOwed(BATCH)) {
        checkout.refund(owed);
      }
    } catch (SQLException | GatewayUnavailable e) {
      // The next run tries again; a database outage must not flood the log with stack traces.
      LOG.warnf("Sweeping unfinished payment attempts failed: %s", e.getMessage());
    }
  }
}
