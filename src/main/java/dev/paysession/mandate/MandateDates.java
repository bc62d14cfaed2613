package dev.paysession.mandate;

import static dev.paysession.api.Committed.committed;

import dev.paysession.mandate.MandateStore.DueDate;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The changes a mandate's own dates bring, as {@link DueWork}: it EXPIRES at its end date
 * (MANDATE_EXPIRED), a pause ends at its end date (ACTIVE again, MANDATE_ACTIVATED), and a pause
 * scheduled for later starts (PAUSED, MANDATE_PAUSED). Each mandate changes in its own transaction,
 * claimed with {@code FOR UPDATE SKIP LOCKED} and its date checked again under the lock, so several
 * nodes (and a test clock's advance beside the scheduler) never change one twice.
 */
@ApplicationScoped
class MandateDates {

  private static final Logger LOG = Logger.getLogger(MandateDates.class);

  /** Mandates each work changes per run; the runner calls again while there are more. */
  static final int BATCH = 100;

  private final MandateStore mandates;
  private final MandateStateMachine states;

  MandateDates(MandateStore mandates, MandateStateMachine states) {
    this.mandates = mandates;
    this.states = states;
  }

  @Produces
  @Singleton
  DueWork expiries() {
    return new Work("mandate-expiry", DueDate.END);
  }

  @Produces
  @Singleton
  DueWork pauseEnds() {
    return new Work("mandate-pause-end", DueDate.PAUSE_END);
  }

  @Produces
  @Singleton
  DueWork pauseStarts() {
    return new Work("mandate-pause-start", DueDate.PAUSE_START);
  }

  /** Changes one mandate if its date is still due; false when there was nothing to change. */
  @Transactional(rollbackOn = Exception.class)
  boolean changeIfDue(MandateRecord mandate, DueDate date, Instant now) throws SQLException {
    Optional<MandateRecord> claimed =
        mandates.claimIfDue(mandate.merchantId(), mandate.mandateId(), date, now);
    if (claimed.isEmpty()) {
      return false;
    }
    MandateRecord due = claimed.get();
    Optional<MandateRecord> changed =
        switch (date) {
          case END -> states.expire(due.merchantId(), due.mandateId(), now);
          case PAUSE_END -> states.activate(due.merchantId(), due.mandateId(), now);
          case PAUSE_START ->
              states.pause(
                  due.merchantId(),
                  due.mandateId(),
                  due.pauseStartDate().orElseThrow(),
                  due.pauseEndDate().orElseThrow(),
                  now);
        };
    return changed.isPresent();
  }

  /**
   * One kind of date as due work. Its items go through the bean's {@code @Transactional} method
   * (ArC intercepts a bean's calls to itself), one transaction each.
   */
  private final class Work implements DueWork {

    private final String name;
    private final DueDate date;

    Work(String name, DueDate date) {
      this.name = name;
      this.date = date;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public int runDue(Optional<String> merchantId, Instant now) throws SQLException {
      int changed = 0;
      for (MandateRecord mandate : mandates.due(date, merchantId, now, BATCH)) {
        try {
          if (committed(() -> changeIfDue(mandate, date, now))) {
            changed++;
          }
        } catch (SQLException | RuntimeException e) {
          // The mandate stays due: the next run tries again; the rest of the batch goes on.
          LOG.warnf(
              "%s could not change mandate %s of %s: %s",
              name, mandate.mandateId(), mandate.merchantId(), e.toString());
        }
      }
      return changed;
    }

    @Override
    public boolean tellsWhenDue() {
      return true;
    }

    @Override
    public Optional<Instant> nextDue(String merchantId, Instant after) throws SQLException {
      return mandates.nextDue(date, merchantId, after);
    }
  }
}
