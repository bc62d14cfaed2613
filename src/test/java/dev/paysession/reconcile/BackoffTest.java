package dev.paysession.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffTest {

  private static final Duration FIRST = Duration.ofSeconds(5);
  private static final Duration MAX = Duration.ofMinutes(10);
  private static final double LARGEST_RANDOM = Math.nextDown(1.0);

  @Test
  void theDelayDoublesWithEachFailureInARow() {
    Backoff backoff = new Backoff(FIRST, MAX, () -> 0.0);

    assertThat(backoff.delay(1)).isEqualTo(Duration.ofSeconds(5));
    assertThat(backoff.delay(2)).isEqualTo(Duration.ofSeconds(10));
    assertThat(backoff.delay(3)).isEqualTo(Duration.ofSeconds(20));
    assertThat(backoff.delay(4)).isEqualTo(Duration.ofSeconds(40));
    assertThat(backoff.delay(7)).isEqualTo(Duration.ofSeconds(320));
  }

  @Test
  void theDelayStopsGrowingAtTheCap() {
    Backoff backoff = new Backoff(FIRST, MAX, () -> 0.0);

    assertThat(backoff.delay(8)).as("640 s capped").isEqualTo(MAX);
    assertThat(backoff.delay(100)).isEqualTo(MAX);
    assertThat(backoff.delay(Integer.MAX_VALUE)).isEqualTo(MAX);
  }

  @Test
  void aCapBelowTheFirstDelayWins() {
    Backoff backoff = new Backoff(Duration.ofHours(1), MAX, () -> 0.0);

    assertThat(backoff.delay(1)).isEqualTo(MAX);
    assertThat(backoff.delay(5)).isEqualTo(MAX);
  }

  @Test
  void jitterShortensEachDelayByAtMostATenth() {
    Backoff longest = new Backoff(FIRST, MAX, () -> 0.0);
    Backoff shortest = new Backoff(FIRST, MAX, () -> LARGEST_RANDOM);
    Random seeded = new Random(7);
    Backoff random = new Backoff(FIRST, MAX, seeded::nextDouble);

    for (int failures = 1; failures <= 12; failures++) {
      Duration ceiling = longest.delay(failures);
      Duration floor = ceiling.minus(ceiling.dividedBy(10));
      assertThat(shortest.delay(failures)).as("failures %d", failures).isGreaterThan(floor);
      for (int i = 0; i < 200; i++) {
        assertThat(random.delay(failures))
            .as("failures %d", failures)
            .isGreaterThan(floor)
            .isLessThanOrEqualTo(ceiling);
      }
    }
  }

  @Test
  void jitterSpreadsItemsThatFailedTogether() {
    Random seeded = new Random(11);
    Backoff backoff = new Backoff(FIRST, MAX, seeded::nextDouble);

    assertThat(
            java.util.stream.IntStream.range(0, 50)
                .mapToObj(i -> backoff.delay(3))
                .distinct()
                .count())
        .isGreaterThan(40);
  }

  @Test
  void theNextCheckIsThatFarFromNow() {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");
    Backoff backoff = new Backoff(FIRST, MAX, () -> 0.5);

    assertThat(backoff.nextCheck(now, 2)).isEqualTo(now.plus(Duration.ofMillis(9_500)));
  }

  @Test
  void delaysMustBePositive() {
    assertThatThrownBy(() -> new Backoff(Duration.ZERO, MAX, () -> 0.0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Backoff(FIRST, Duration.ofSeconds(-1), () -> 0.0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
