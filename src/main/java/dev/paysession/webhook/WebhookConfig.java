package dev.paysession.webhook;

import dev.paysession.api.ConfigBounds;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import java.time.Duration;
import java.util.Optional;

/** {@code paysession.webhooks.*}: delivery of webhooks (see application.properties). */
@ConfigMapping(prefix = "paysession.webhooks")
public interface WebhookConfig {

  /** Waits between failed attempts, comma-separated; parsed and bounded by RetrySchedule. */
  String retryDelays();

  @WithConverter(ConfigBounds.Positive.class)
  Duration timeout();

  boolean allowPrivate();

  /** Deliveries in flight at once on this node. */
  @WithConverter(ConfigBounds.AtLeastOne.class)
  int senders();

  /**
   * Deliveries in flight at once for one merchant on this node; empty: a quarter of the senders (at
   * least one), so a merchant with a slow endpoint and a backlog leaves the rest to others.
   */
  Optional<@WithConverter(ConfigBounds.AtLeastOne.class) Integer> sendersPerMerchant();

  @WithConverter(ConfigBounds.Positive.class)
  Duration pollEvery();
}
