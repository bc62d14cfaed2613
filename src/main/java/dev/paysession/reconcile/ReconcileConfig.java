package dev.paysession.reconcile;

import dev.paysession.api.ConfigBounds;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import java.time.Duration;

/** {@code paysession.reconcile.*}: the background runner and its per-item backoff. */
@ConfigMapping(prefix = "paysession.reconcile")
public interface ReconcileConfig {

  /** How often every job runs (read by the {@code @Scheduled} expression too). */
  @WithConverter(ConfigBounds.Positive.class)
  Duration every();

  /** The wait after an item's first check that did not finish it; doubled per further check. */
  @WithConverter(ConfigBounds.Positive.class)
  Duration backoffFirst();

  /** The longest wait between two checks of one item. */
  @WithConverter(ConfigBounds.Positive.class)
  Duration backoffMax();
}
