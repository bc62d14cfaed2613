package dev.paysession.mandate;

import dev.paysession.api.ApiException;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Runs every {@link DueWork} bean: on a schedule for everyone at the installation's time (and for
 * each merchant whose test clock is ahead, at its own time), and for one sandbox merchant when it
 * advances its test clock, stopping at each time something falls due on the way, so a year of
 * monthly debits runs each debit at its own time. A new kind of due work plugs in by being a bean.
 */
@ApplicationScoped
public class DueWorkRunner {

  private static final Logger LOG = Logger.getLogger(DueWorkRunner.class);

  /** Runs of one work in a row while it still finds items (each run handles a batch). */
  private static final int ROUNDS = 50;

  /** Stops on one advance; far more than ten years at the longest step needs. */
  private static final int MAX_STOPS = 200_000;

  private final Instance<DueWork> works;
  private final MerchantTime time;
  private final TestClockStore clocks;
  private final Duration longestStep;
  private final Map<String, Boolean> advancing = new ConcurrentHashMap<>();

  DueWorkRunner(
      @Any Instance<DueWork> works,
      MerchantTime time,
      TestClockStore clocks,
      MandateConfig config) {
    this.works = works;
    this.time = time;
    this.clocks = clocks;
    this.longestStep = config.testClockStep();
  }

  @Scheduled(
      every = "${paysession.mandates.due-every}",
      delayed = "${paysession.mandates.due-every}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void sweep() {
    try {
      // Merchants ahead first: their items then run at their own time, not the installation's.
      for (String merchantId : clocks.merchantsAhead()) {
        run(Optional.of(merchantId), time.now(merchantId));
      }
    } catch (SQLException | RuntimeException e) {
      LOG.warnf("Mandate due work could not list the test clocks: %s", e.toString());
    }
    run(Optional.empty(), time.installationNow());
  }

  /**
   * Runs every work due at {@code now}, for one merchant or all; answers how many items changed.
   * One work failing does not stop the others.
   */
  public int run(Optional<String> merchantId, Instant now) {
    int handled = 0;
    for (DueWork work : works) {
      try {
        for (int round = 0; round < ROUNDS; round++) {
          int done = work.runDue(merchantId, now);
          handled += done;
          if (done == 0) {
            break;
          }
        }
      } catch (Exception e) {
        LOG.warnf("Due work %s failed at %s: %s", work.name(), now, e.toString());
      }
    }
    return handled;
  }

  /** Where a merchant's clock stands after an advance, and how many items changed on the way. */
  public record Advanced(Instant merchantNow, Duration offset, int handled) {}

  /**
   * Moves a sandbox merchant's clock {@code by} ahead, stopping at every time its due work names
   * (and at least every {@code test-clock-step} for work that cannot say), storing the clock at
   * each stop before running what is due there. The caller has checked that the merchant is a
   * sandbox merchant. One advance per merchant at a time on a node (409 for a second).
   */
  Advanced advance(String merchantId, Duration by) throws SQLException {
    if (advancing.putIfAbsent(merchantId, Boolean.TRUE) != null) {
      throw ApiException.conflict(
          "The test clock of merchant " + merchantId + " is being advanced already");
    }
    try {
      Duration offset = clocks.offset(merchantId).orElse(Duration.ZERO);
      Instant current = time.installationNow().plus(offset);
      Instant target = current.plus(by);
      int handled = run(Optional.of(merchantId), current);
      for (int stops = 0; current.isBefore(target) && stops < MAX_STOPS; stops++) {
        Instant next = nextStop(merchantId, current, target);
        Instant installationNow = time.installationNow();
        offset =
            clocks.moveForward(
                merchantId, Duration.between(installationNow, next), installationNow);
        time.remember(merchantId, offset);
        current = next;
        handled += run(Optional.of(merchantId), current);
      }
      return new Advanced(time.installationNow().plus(offset), offset, handled);
    } finally {
      advancing.remove(merchantId);
    }
  }

  /** The earliest time after {@code current} anything is due, capped at {@code target}. */
  private Instant nextStop(String merchantId, Instant current, Instant target) {
    Instant next = target;
    for (DueWork work : works) {
      Optional<Instant> due = Optional.empty();
      boolean known = work.tellsWhenDue();
      if (known) {
        try {
          due = work.nextDue(merchantId, current);
        } catch (Exception e) {
          LOG.warnf("Due work %s could not say when it is due: %s", work.name(), e.toString());
          known = false;
        }
      }
      if (!known) {
        due = Optional.of(current.plus(longestStep));
      }
      if (due.isPresent() && due.get().isAfter(current) && due.get().isBefore(next)) {
        next = due.get();
      }
    }
    return next;
  }
}
