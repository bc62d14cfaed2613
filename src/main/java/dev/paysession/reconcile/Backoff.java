package dev.paysession.reconcile;

import java.time.Duration;
import java.time.Instant;
import java.util.function.DoubleSupplier;

/**
 * When an item that is still open is checked again: {@code first} after one check that did not
 * finish it, doubling with each further one, never more than {@code max}. Each delay is shortened
 * by up to a tenth at random, so items that failed together (a gateway outage) do not come back in
 * lockstep.
 */
public final class Backoff {

  static final double JITTER = 0.1;

  private final Duration first;
  private final Duration max;
  private final DoubleSupplier random;

  /**
   * @param random uniform in [0, 1)
   */
  public Backoff(Duration first, Duration max, DoubleSupplier random) {
    if (first.isNegative() || first.isZero() || max.isNegative() || max.isZero()) {
      throw new IllegalArgumentException("backoff delays must be positive: " + first + ", " + max);
    }
    this.first = first;
    this.max = max;
    this.random = random;
  }

  /** The delay before the next check after {@code failures} (at least 1) in a row. */
  public Duration delay(int failures) {
    Duration delay = first;
    for (int i = 1; i < failures && delay.compareTo(max) < 0; i++) {
      delay = delay.multipliedBy(2);
    }
    if (delay.compareTo(max) > 0) {
      delay = max;
    }
    long nanos = delay.toNanos();
    return Duration.ofNanos(nanos - (long) (nanos * JITTER * random.getAsDouble()));
  }

  public Instant nextCheck(Instant now, int failures) {
    return now.plus(delay(failures));
  }
}
