package dev.paysession.mandate;

import dev.paysession.api.ConfigBounds;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import java.time.Duration;

/** {@code paysession.mandates.*} (see application.properties). */
@ConfigMapping(prefix = "paysession.mandates")
public interface MandateConfig {

  /** How often the mandate work that falls due with time runs (read by {@code @Scheduled} too). */
  @WithConverter(ConfigBounds.Positive.class)
  Duration dueEvery();

  /**
   * How long a node trusts the test-clock offset it read for a merchant; another node's advance is
   * seen within this time.
   */
  @WithConverter(ConfigBounds.Positive.class)
  Duration testClockCache();

  /**
   * The longest step a test clock takes while it advances, for due work that cannot say when it is
   * next due ({@link DueWork#nextDue}): such work is run at least this often along the way.
   */
  @WithConverter(ConfigBounds.Positive.class)
  Duration testClockStep();
}
