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

  /**
   * True when {@link #nextDue} says when this work is next due. Work that cannot tell keeps this
   * default, and an advancing test clock then stops at least every {@code
   * paysession.mandates.test-clock-step} to run it.
   */
  default boolean tellsWhenDue() {
    return false;
  }

  /**
   * When this work is next due for {@code merchantId}, strictly after {@code after}; empty when
   * nothing is waiting. An advancing test clock stops there, so each item runs at its own time.
   */
  default Optional<Instant> nextDue(String merchantId, Instant after) throws Exception {
    return Optional.empty();
  }
}
