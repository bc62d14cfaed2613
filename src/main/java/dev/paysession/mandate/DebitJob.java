package dev.paysession.mandate;

import dev.paysession.mandate.DebitStore.Debit;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Debits whose execution date has come: each is debited (or refused, its mandate no longer ACTIVE)
 * through {@link MandateDebits#execute}; an eNACH debit is presented first and settles {@code
 * paysession.mandate-debits.enach-settles-after} later. Each debit is handled alone, so one that
 * fails is logged and retried on the next run without holding the others back.
 */
@ApplicationScoped
class DebitJob implements DueWork {

  private static final Logger LOG = Logger.getLogger(DebitJob.class);

  private final DebitStore debits;
  private final MandateDebits mandateDebits;
  private final Duration enachSettlesAfter;
  private final int batchSize;

  DebitJob(DebitStore debits, MandateDebits mandateDebits, DebitConfig config) {
    this.debits = debits;
    this.mandateDebits = mandateDebits;
    this.enachSettlesAfter = config.enachSettlesAfter();
    this.batchSize = config.batchSize();
  }

  @Override
  public String name() {
    return "mandate-debits";
  }

  /** An advancing test clock stops at each debit's own time, not every hour of a year. */
  @Override
  public boolean tellsWhenDue() {
    return true;
  }

  @Override
  public Optional<Instant> nextDue(String merchantId, Instant after) throws Exception {
    return debits.nextDue(merchantId, after);
  }

  @Override
  public int runDue(Optional<String> merchantId, Instant now) throws Exception {
    int handled = 0;
    for (Debit due : debits.due(merchantId, now, batchSize)) {
      try {
        if (mandateDebits.execute(due, enachSettlesAfter)) {
          handled++;
        }
      } catch (Exception e) {
        LOG.warnf(e, "mandate debit %s of %s: retried on the next run", due.orderId(), due.txnId());
      }
    }
    return handled;
  }
}
