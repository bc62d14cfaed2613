package dev.paysession.mandate;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** {@code paysession.mandate-debits.*}. */
@ConfigMapping(prefix = "paysession.mandate-debits")
public interface DebitConfig {

  /**
   * An eNACH debit is presented to the bank at its execution date and settles this much later (NACH
   * runs in batches; juspay-lifecycle §2.11).
   */
  @WithDefault("P1D")
  Duration enachSettlesAfter();

  /** How many due debits one run of the debit job takes. */
  @WithDefault("100")
  int batchSize();
}
