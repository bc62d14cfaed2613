package dev.paysession.merchant;

import dev.paysession.api.ConfigBounds;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import java.time.Duration;

/** {@code paysession.auth.*}: API-key authentication. */
@ConfigMapping(prefix = "paysession.auth")
public interface AuthConfig {

  /** How long a verified API key is trusted without asking PostgreSQL; 0S turns the cache off. */
  @WithConverter(ConfigBounds.NotNegativeDuration.class)
  Duration cacheTtl();
}
