package dev.paysession.mandate;

import dev.paysession.api.ApiException;
import dev.paysession.api.PaysessionConfig;
import dev.paysession.merchant.Merchant;
import dev.paysession.merchant.MerchantStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What time it is for a merchant's mandates: the installation's clock, moved forward for a sandbox
 * merchant that advanced its own test clock. Every mandate rule and job that reads "now" for a
 * merchant reads it here.
 *
 * <p>It is read on every mandate call, so each node keeps a merchant's offset for {@code
 * paysession.mandates.test-clock-cache} (an advance on this node is seen at once, one on another
 * node within that time). A production installation has no test clocks and reads nothing.
 */
@ApplicationScoped
public class MerchantTime {

  private final Clock clock;
  private final TestClockStore clocks;
  private final MerchantStore merchants;
  private final boolean sandboxAllowed;
  private final long cacheNanos;
  private final Map<String, Cached> offsets = new ConcurrentHashMap<>();

  private record Cached(Duration offset, long readAtNanos) {}

  MerchantTime(
      Clock clock,
      TestClockStore clocks,
      MerchantStore merchants,
      PaysessionConfig installation,
      MandateConfig config) {
    this.clock = clock;
    this.clocks = clocks;
    this.merchants = merchants;
    this.sandboxAllowed = installation.mode().allowsSandbox();
    this.cacheNanos = config.testClockCache().toNanos();
  }

  public Instant now(String merchantId) {
    Instant installation = clock.instant();
    return sandboxAllowed ? installation.plus(offset(merchantId)) : installation;
  }

  /** The installation's own time, which test clocks never move. */
  Instant installationNow() {
    return clock.instant();
  }

  /** How far the merchant's clock is ahead, as this node last read it (at most the cache time). */
  Duration offset(String merchantId) {
    Cached cached = offsets.get(merchantId);
    long nanos = System.nanoTime();
    if (cached != null && nanos - cached.readAtNanos() < cacheNanos) {
      return cached.offset();
    }
    try {
      Duration offset = readOffset(merchantId);
      offsets.put(merchantId, new Cached(offset, nanos));
      return offset;
    } catch (SQLException e) {
      throw ApiException.unavailable("The merchant's time could not be read; try again.");
    }
  }

  /** An advance made on this node: seen at once here, without waiting for the cache. */
  void remember(String merchantId, Duration offset) {
    offsets.put(merchantId, new Cached(offset, System.nanoTime()));
  }

  /** The stored offset, counted only while the merchant is a sandbox merchant. */
  private Duration readOffset(String merchantId) throws SQLException {
    Duration offset = clocks.offset(merchantId).orElse(Duration.ZERO);
    if (offset.isZero()) {
      return offset;
    }
    // A merchant moved to production keeps its row but not its moved time.
    return merchants.find(merchantId).filter(Merchant::isSandbox).isPresent()
        ? offset
        : Duration.ZERO;
  }
}
