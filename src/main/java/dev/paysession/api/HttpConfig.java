package dev.paysession.api;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import java.time.Duration;

/**
 * {@code paysession.http.*}: how much of a request body the server reads, and how long it waits.
 */
@ConfigMapping(prefix = "paysession.http")
public interface HttpConfig {

  /**
   * The largest request body any endpoint takes: the one body limit. It is read on the event loop
   * before routing (a JSON 413 beyond it); endpoints that take less derive their limit from it.
   */
  @WithConverter(ConfigBounds.AtLeastOne.class)
  int maxBodyBytes();

  /** Time a client has to send its body in full (a JSON 408 after it). */
  @WithConverter(ConfigBounds.Positive.class)
  Duration bodyTimeout();
}
