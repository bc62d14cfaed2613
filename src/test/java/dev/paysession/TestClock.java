package dev.paysession;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The application's {@link Clock} in {@code @QuarkusTest}s: the system clock, moved forward by what
 * a test asks, so expiry is checked without sleeping. A test that moves it puts it back with {@link
 * #reset()} (in a {@code finally}), since every test shares one application.
 */
@Alternative
@Priority(1)
@Singleton
public class TestClock extends Clock {

  private static volatile Duration offset = Duration.ZERO;

  public static void advance(Duration by) {
    offset = offset.plus(by);
  }

  public static void reset() {
    offset = Duration.ZERO;
  }

  @Override
  public Instant instant() {
    return Instant.now().plus(offset);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
