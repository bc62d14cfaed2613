package dev.paysession.reconcile;

import dev.paysession.reconcile.ReconciliationJob.Due;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.logging.Logger;

/**
 * Runs every {@link ReconciliationJob} bean on a schedule. Each item is checked on its own: one
 * that fails (however it fails) is logged and pushed back, and the rest of its batch and the other
 * jobs carry on. A new job plugs in by being a bean.
 *
 * <p>Safe on several nodes at once as long as each job's {@code reconcile} is (a node may check an
 * item another node is checking).
 */
@ApplicationScoped
public class Reconciler {

  private static final Logger LOG = Logger.getLogger(Reconciler.class);

  /** Items each job checks per sweep; the rest wait for the next one. */
  public static final int BATCH = 100;

  private final Iterable<? extends ReconciliationJob<?>> jobs;
  private final Clock clock;
  private final Backoff backoff;
  private final MeterRegistry metrics;

  @Inject
  Reconciler(
      @Any Instance<ReconciliationJob<?>> jobs,
      Clock clock,
      MeterRegistry metrics,
      ReconcileConfig config) {
    this(
        jobs,
        clock,
        new Backoff(
            config.backoffFirst(),
            config.backoffMax(),
            () -> ThreadLocalRandom.current().nextDouble()),
        metrics);
  }

  Reconciler(
      Iterable<? extends ReconciliationJob<?>> jobs,
      Clock clock,
      Backoff backoff,
      MeterRegistry metrics) {
    this.jobs = jobs;
    this.clock = clock;
    this.backoff = backoff;
    this.metrics = metrics;
  }

  @Scheduled(
      every = "${paysession.reconcile.every}",
      delayed = "${paysession.reconcile.every}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  public void sweep() {
    sweep(clock.instant());
  }

  /** One sweep of every job as at {@code now}; tests call it with a moved time. */
  public void sweep(Instant now) {
    for (ReconciliationJob<?> job : jobs) {
      sweep(job, now);
    }
  }

  private <T> void sweep(ReconciliationJob<T> job, Instant now) {
    List<Due<T>> due;
    try {
      due = job.due(now, BATCH);
    } catch (Exception e) {
      // The next sweep tries again; a database outage must not flood the log with stack traces.
      LOG.warnf("Reconciliation %s could not list its due items: %s", job.name(), describe(e));
      return;
    }
    for (Due<T> item : due) {
      check(job, item, now);
    }
  }

  private <T> void check(ReconciliationJob<T> job, Due<T> due, Instant now) {
    Exception failure = null;
    try {
      job.reconcile(due.item(), now);
    } catch (Exception e) {
      failure = e;
    }
    int failures = due.failures() + 1;
    Instant next = backoff.nextCheck(now, failures);
    String nextCheck;
    try {
      boolean open = job.retryLater(due.item(), now, next, failures);
      nextCheck = open ? next.toString() : "none";
      if (failure == null) {
        count(job, open ? "open" : "finished");
        return;
      }
    } catch (Exception e) {
      // The item keeps its old next check, so it is due again on the next sweep.
      LOG.warnf("Reconciliation %s could not defer %s: %s", job.name(), due.id(), describe(e));
      nextCheck = "next sweep";
    }
    if (failure != null) {
      LOG.warnf(
          "Reconciliation %s failed on %s (%d in a row), next check at %s: %s",
          job.name(), due.id(), failures, nextCheck, describe(failure));
      LOG.debugf(failure, "Reconciliation %s failed on %s", job.name(), due.id());
    }
    count(job, "failed");
  }

  private void count(ReconciliationJob<?> job, String outcome) {
    metrics
        .counter("paysession.reconcile.checks", "job", job.name(), "outcome", outcome)
        .increment();
  }

  /** The exception's type and message, without the stack trace (which is logged at DEBUG). */
  private static String describe(Exception e) {
    return e.getClass().getSimpleName() + ": " + e.getMessage();
  }
}
