package dev.paysession.webhook;

import dev.paysession.api.ConfigBounds;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import java.time.Duration;

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

  @WithConverter(ConfigBounds.Positive.class)
  Duration pollEvery();
}
