package dev.paysession.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The runner alone, with jobs kept in memory: what happens to the rest of a sweep when one item or
 * one job fails, and when a failed item comes back. The jobs over PostgreSQL are tested in {@code
 * checkout/ReconciliationTest}.
 */
class ReconcilerTest {

  private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
  private static final Duration FIRST = Duration.ofSeconds(5);

  private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();

  @Test
  void anItemThatThrowsStopsNeitherItsBatchNorTheOtherJobs() {
    Job payments = new Job("payments", "p1", "poison", "p3");
    Job refunds = new Job("refunds", "r1");
    payments.poisoned.add("poison");

    reconciler(payments, refunds).sweep();

    assertThat(payments.checked).containsExactly("p1", "poison", "p3");
    assertThat(refunds.checked).containsExactly("r1");
    assertThat(payments.open).containsExactly("poison");
    assertThat(refunds.open).isEmpty();
    assertThat(payments.failures).containsEntry("poison", 1);
    assertThat(checks("payments", "finished")).isEqualTo(2);
    assertThat(checks("payments", "failed")).isEqualTo(1);
    assertThat(checks("refunds", "finished")).isEqualTo(1);
  }

  @Test
  void aFailingItemComesBackWithAGrowingDelay() {
    Job payments = new Job("payments", "poison");
    payments.poisoned.add("poison");
    Reconciler reconciler = reconciler(payments);

    reconciler.sweep(NOW);
    Instant first = payments.nextCheck.get("poison");
    assertThat(Duration.between(NOW, first)).isEqualTo(FIRST);

    reconciler.sweep(first.minusMillis(1));
    assertThat(payments.checked).as("not due yet").hasSize(1);

    reconciler.sweep(first);
    Instant second = payments.nextCheck.get("poison");
    assertThat(Duration.between(first, second)).isEqualTo(FIRST.multipliedBy(2));
    reconciler.sweep(second);
    Instant third = payments.nextCheck.get("poison");
    assertThat(Duration.between(second, third)).isEqualTo(FIRST.multipliedBy(4));
    assertThat(payments.failures).containsEntry("poison", 3);
    assertThat(checks("payments", "failed")).isEqualTo(3);
  }

  @Test
  void anItemStillOpenIsPushedBackLikeAFailedOne() {
    Job payments = new Job("payments", "pending", "done");
    payments.stuck.add("pending");

    Reconciler reconciler = reconciler(payments);
    reconciler.sweep(NOW);
    reconciler.sweep(NOW.plusSeconds(1));

    assertThat(payments.checked).containsExactly("pending", "done");
    assertThat(payments.nextCheck).containsEntry("pending", NOW.plus(FIRST));
    assertThat(checks("payments", "open")).isEqualTo(1);
    assertThat(checks("payments", "finished")).isEqualTo(1);
  }

  @Test
  void aJobThatCannotListItsItemsDoesNotStopTheOthers() {
    Job broken =
        new Job("broken", "b1") {
          @Override
          public List<Due<String>> due(Instant now, int limit) {
            throw new IllegalStateException("database gone");
          }
        };
    Job refunds = new Job("refunds", "r1");

    reconciler(broken, refunds).sweep(NOW);

    assertThat(refunds.checked).containsExactly("r1");
  }

  @Test
  void anItemWhoseDeferralFailsStaysDueAndTheOthersCarryOn() {
    Job payments =
        new Job("payments", "p1", "p2") {
          @Override
          public boolean retryLater(String item, Instant now, Instant nextCheckAt, int failures) {
            if (item.equals("p1")) {
              throw new IllegalStateException("cannot write");
            }
            return super.retryLater(item, now, nextCheckAt, failures);
          }
        };
    payments.stuck.add("p1");

    Reconciler reconciler = reconciler(payments);
    reconciler.sweep(NOW);
    reconciler.sweep(NOW);

    assertThat(payments.checked).containsExactly("p1", "p2", "p1");
    assertThat(checks("payments", "failed")).isEqualTo(2);
  }

  @Test
  void eachJobChecksAtMostABatchPerSweep() {
    List<String> items = new ArrayList<>();
    for (int i = 0; i < Reconciler.BATCH + 20; i++) {
      items.add("item-" + i);
    }
    Job payments = new Job("payments", items.toArray(String[]::new));

    reconciler(payments).sweep(NOW);

    assertThat(payments.checked).hasSize(Reconciler.BATCH);
  }

  private Reconciler reconciler(Job... jobs) {
    return new Reconciler(
        List.of(jobs),
        Clock.fixed(NOW, ZoneOffset.UTC),
        new Backoff(FIRST, Duration.ofMinutes(10), () -> 0.0),
        metrics);
  }

  private double checks(String job, String outcome) {
    return metrics.counter("paysession.reconcile.checks", "job", job, "outcome", outcome).count();
  }

  /**
   * Items in memory: each is open until checked, unless stuck (still open) or poisoned (throws).
   */
  private static class Job implements ReconciliationJob<String> {
    final String name;
    final Set<String> open = new LinkedHashSet<>();
    final Set<String> stuck = new LinkedHashSet<>();
    final Set<String> poisoned = new LinkedHashSet<>();
    final Map<String, Instant> nextCheck = new HashMap<>();
    final Map<String, Integer> failures = new HashMap<>();
    final List<String> checked = new ArrayList<>();
    private final List<String> order;

    Job(String name, String... items) {
      this.name = name;
      this.order = List.of(items);
      open.addAll(order);
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public List<Due<String>> due(Instant now, int limit) {
      return order.stream()
          .filter(open::contains)
          .filter(item -> !nextCheck.getOrDefault(item, Instant.MIN).isAfter(now))
          .sorted(Comparator.comparing(item -> nextCheck.getOrDefault(item, Instant.MIN)))
          .limit(limit)
          .map(item -> new Due<>(item, item, failures.getOrDefault(item, 0)))
          .toList();
    }

    @Override
    public void reconcile(String item, Instant now) {
      checked.add(item);
      if (poisoned.contains(item)) {
        throw new IllegalStateException("unexpected state of " + item);
      }
      if (!stuck.contains(item)) {
        open.remove(item);
      }
    }

    @Override
    public boolean retryLater(String item, Instant now, Instant nextCheckAt, int failures) {
      if (!open.contains(item)) {
        return false;
      }
      nextCheck.put(item, nextCheckAt);
      this.failures.put(item, failures);
      return true;
    }
  }
}
