package dev.paysession.refund;

import dev.paysession.api.ConfigBounds;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import java.time.Duration;

/** {@code paysession.refunds.*} (see application.properties). */
@ConfigMapping(prefix = "paysession.refunds")
public interface RefundConfig {

  /** A refund PENDING this long after it was asked for goes to MANUAL_REVIEW (Juspay: 10 days). */
  @WithConverter(ConfigBounds.Positive.class)
  Duration manualReviewAfter();

  /** The same amount again on an order within this time, under another id, is a duplicate call. */
  @WithConverter(ConfigBounds.NotNegativeDuration.class)
  Duration duplicateAmountWindow();
}
