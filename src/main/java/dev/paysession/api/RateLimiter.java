package dev.paysession.api;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Token buckets in memory, one per key: {@code perMinute} tokens a minute refill each bucket, which
 * holds at most {@code burst}. No database round trip: a check is a map lookup and a few arithmetic
 * operations under the bucket's lock. Each node counts for itself, so N nodes allow N times the
 * numbers; that is the price of keeping the hot path free of shared state.
 */
public final class RateLimiter {

  /** Buckets remembered at most; beyond it the full ones (idle keys) are forgotten first. */
  static final int MAX_KEYS = 100_000;

  private final double tokensPerMilli;
  private final int burst;
  private final Clock clock;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  /**
   * @param perMinute 0 turns the limiter off
   * @param burst 0: as many as {@code perMinute}
   */
  public RateLimiter(int perMinute, int burst, Clock clock) {
    this.tokensPerMilli = perMinute / 60_000.0;
    this.burst = burst > 0 ? burst : perMinute;
    this.clock = clock;
  }

  public boolean isOn() {
    return tokensPerMilli > 0;
  }

  /**
   * Takes a token from the key's bucket.
   *
   * @return empty when allowed; otherwise how long until the next token
   */
  public Optional<Duration> take(String key) {
    if (!isOn()) {
      return Optional.empty();
    }
    long now = clock.millis();
    if (buckets.size() >= MAX_KEYS) {
      forgetIdle(now);
    }
    Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(burst, now));
    synchronized (bucket) {
      bucket.refill(now, tokensPerMilli, burst);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return Optional.empty();
      }
      long waitMillis = (long) Math.ceil((1 - bucket.tokens) / tokensPerMilli);
      return Optional.of(Duration.ofMillis(Math.max(1, waitMillis)));
    }
  }

  /**
   * How long until the key's bucket has a token again, without taking one; empty when it has one.
   */
  public Optional<Duration> waitFor(String key) {
    Bucket bucket = isOn() ? buckets.get(key) : null;
    if (bucket == null) {
      return Optional.empty();
    }
    synchronized (bucket) {
      bucket.refill(clock.millis(), tokensPerMilli, burst);
      if (bucket.tokens >= 1) {
        return Optional.empty();
      }
      long waitMillis = (long) Math.ceil((1 - bucket.tokens) / tokensPerMilli);
      return Optional.of(Duration.ofMillis(Math.max(1, waitMillis)));
    }
  }

  /** A full bucket is the same as none; if every bucket is in use, all are dropped (fail open). */
  private void forgetIdle(long now) {
    buckets
        .entrySet()
        .removeIf(
            entry -> {
              Bucket bucket = entry.getValue();
              synchronized (bucket) {
                bucket.refill(now, tokensPerMilli, burst);
                return bucket.tokens >= burst;
              }
            });
    if (buckets.size() >= MAX_KEYS) {
      buckets.clear();
    }
  }

  private static final class Bucket {
    double tokens;
    long updatedAt;

    Bucket(double tokens, long updatedAt) {
      this.tokens = tokens;
      this.updatedAt = updatedAt;
    }

    void refill(long now, double tokensPerMilli, int burst) {
      if (now > updatedAt) {
        tokens = Math.min(burst, tokens + (now - updatedAt) * tokensPerMilli);
        updatedAt = now;
      }
    }
  }
}
