package dev.paysession.mandate;

/**
 * Juspay's mandate statuses (juspay-lifecycle §2.3). CREATED waits for the registration's outcome;
 * ACTIVE and PAUSED are live; REVOKED, FAILURE and EXPIRED are final.
 */
public enum MandateStatus {
  CREATED,
  ACTIVE,
  PAUSED,
  REVOKED,
  FAILURE,
  EXPIRED;

  public boolean isFinal() {
    return this == REVOKED || this == FAILURE || this == EXPIRED;
  }
}
