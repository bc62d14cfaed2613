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
 * The application's Clock in every {@code @QuarkusTest}: the system clock, plus however far a test
 * moved it ({@link #advance}). Moving only forward keeps the rest of the app sane (leases, tokens
 * and expiries only ever see time pass); a test that moves it needs no reset.
 */
@Alternative
@Priority(1)
@Singleton
public class MovableClock extends Clock {

  private volatile Duration ahead = Duration.ZERO;

  public synchronized void advance(Duration by) {
    if (by.isNegative()) {
      throw new IllegalArgumentException("time only moves forward");
    }
    ahead = ahead.plus(by);
  }

  @Override
  public Instant instant() {
    return Instant.now().plus(ahead);
  }

  @Override
  public long millis() {
    return instant().toEpochMilli();
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return Clock.offset(Clock.system(zone), ahead);
  }
}
