package dev.paysession.checkout;

import dev.paysession.api.ConfigBounds;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import java.time.Duration;

/** {@code paysession.checkout.*}: unfinished payment attempts (see application.properties). */
@ConfigMapping(prefix = "paysession.checkout")
public interface CheckoutConfig {

  /** How often unfinished attempts and owed refunds are checked (the reconciler's schedule). */
  @WithConverter(ConfigBounds.Positive.class)
  Duration sweepEvery();

  /** A challenge left unanswered this long fails (AUTHENTICATION_FAILED). */
  @WithConverter(ConfigBounds.Positive.class)
  Duration authenticationTimeout();
}
