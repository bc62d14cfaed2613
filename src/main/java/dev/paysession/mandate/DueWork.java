package dev.paysession.mandate;

import java.time.Instant;
import java.util.Optional;

/**
 * Mandate work that falls due with time: expiries, pauses that end, notifications and debits whose
 * time has come. The scheduler runs every bean of this type for all merchants; advancing a sandbox
 * merchant's test clock runs them for that merchant alone, at its new time, so the merchant's tests
 * see every change a real day would bring.
 */
public interface DueWork {

  /** Short and stable: names the work in logs. */
  String name();

  /**
   * Does what is due at {@code now} (for {@code merchantId} only, when given); returns how many
   * items it handled.
   */
  int runDue(Optional<String> merchantId, Instant now) throws Exception;
}
