package dev.paysession.order;

import dev.paysession.api.ConfigBounds;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;

/** {@code paysession.orders.*}: how new orders are written. */
@ConfigMapping(prefix = "paysession.orders")
public interface OrdersConfig {

  GroupCommit groupCommit();

  /** Concurrent orders share a transaction (see application.properties). */
  interface GroupCommit {

    /** Threads writing batches; 0 writes each order in its own transaction. */
    @WithConverter(ConfigBounds.NotNegative.class)
    int writers();

    @WithConverter(ConfigBounds.AtLeastOne.class)
    int maxBatch();
  }
}
