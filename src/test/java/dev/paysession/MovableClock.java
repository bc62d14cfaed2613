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
 * moved it ({@link #advance}). A test moves it only forward, so leases, tokens and expiries only
 * ever see time pass; one that runs in the shared default profile puts it back with {@link #reset}
 * afterwards, since the other tests of that application compare answers with the real time. The
 * offset is per application (a bean, not a static), so a profile's moves end with its application.
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

  public synchronized void reset() {
    ahead = Duration.ZERO;
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
