package dev.paysession.gateway.sandbox;

import dev.paysession.api.ConfigBounds;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import java.time.Duration;

/** {@code paysession.sandbox.*}: the sandbox gateway's test behaviour. */
@ConfigMapping(prefix = "paysession.sandbox")
public interface SandboxConfig {

  /** How long a "pending" test instrument stays pending (0S: it settles at the first sync). */
  @WithConverter(ConfigBounds.NotNegativeDuration.class)
  Duration pendingSettlesAfter();

  /** How long after the sandbox receives a refund it settles (0S: at the first status check). */
  @WithConverter(ConfigBounds.NotNegativeDuration.class)
  Duration refundSettlesAfter();
}
