package dev.paysession.api;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;

/**
 * {@code paysession.rate-limits.*}: requests a minute per merchant on the server APIs, and per
 * order and per client address on the hosted page's form posts. Each is off (0) by default.
 */
@ConfigMapping(prefix = "paysession.rate-limits")
public interface RateLimitConfig {

  /** Server-to-server calls of one merchant (every call its API key authenticates). */
  Limit merchant();

  /** Form posts to one order's payment page (payment attempts, OTPs, card deletions). */
  Limit pageOrder();

  /** Form posts to any payment page from one client address. */
  Limit pageClient();

  interface Limit {
    /** Tokens a minute; 0 turns the limit off. */
    @WithDefault("0")
    @WithConverter(ConfigBounds.NotNegative.class)
    int perMinute();

    /** Requests allowed at once after a quiet spell; 0: as many as perMinute. */
    @WithDefault("0")
    @WithConverter(ConfigBounds.NotNegative.class)
    int burst();
  }
}
