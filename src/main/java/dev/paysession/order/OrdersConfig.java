package dev.paysession.order;

import dev.paysession.api.ConfigBounds;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** {@code paysession.orders.*}: how new orders are written. */
@ConfigMapping(prefix = "paysession.orders")
public interface OrdersConfig {

  GroupCommit groupCommit();

  /** Lifetime of an order's links when {@code metadata.expiryInMins} is not sent. */
  @WithConverter(ConfigBounds.Positive.class)
  @WithDefault("24H")
  Duration defaultExpiry();

  /** The longest a {@code paymentManagement} link (saved cards) stays valid, even if asked. */
  @WithConverter(ConfigBounds.Positive.class)
  @WithDefault("15M")
  Duration managementLinkExpiry();

  /** Concurrent orders share a transaction (see application.properties). */
  interface GroupCommit {

    /** Threads writing batches; 0 writes each order in its own transaction. */
    @WithConverter(ConfigBounds.NotNegative.class)
    int writers();

    @WithConverter(ConfigBounds.AtLeastOne.class)
    int maxBatch();
  }
}
