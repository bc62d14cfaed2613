package dev.paysession.order;

/**
 * The statuses a payment attempt (Juspay's transaction) can have, with Juspay's numeric ids. Which
 * are pending, final or failed, and which may follow which, is said once, in {@link
 * PaymentStateMachine}. Juspay's pre-authorisation statuses (VOIDED, CAPTURE_INITIATED, …) and
 * VBV_SUCCESSFUL are left out until a flow produces them: the database refuses what is not here.
 */
public enum TransactionStatus {
  STARTED(20),
  CHARGED(21),
  JUSPAY_DECLINED(22),
  PENDING_VBV(23),
  AUTHENTICATION_FAILED(26),
  AUTHORIZATION_FAILED(27),
  AUTHORIZING(28),
  AUTO_REFUNDED(36);

  private final int id;

  TransactionStatus(int id) {
    this.id = id;
  }

  public int id() {
    return id;
  }
}
