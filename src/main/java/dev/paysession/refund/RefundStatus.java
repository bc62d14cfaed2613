package dev.paysession.refund;

/** Juspay's refund statuses ({@code refunds[].status}); the database refuses any other. */
public enum RefundStatus {
  /** Queued with paysession ({@code sent_to_gateway} false) or with the gateway (true). */
  PENDING,
  SUCCESS,
  /** The money was not given back: the amount is refundable again, under a new id. */
  FAILURE,
  /** The gateway's answer was ambiguous, or the refund stayed pending too long. */
  MANUAL_REVIEW;

  /** Counts against the charge: every status but FAILURE (Juspay's amount_refunded). */
  public boolean counts() {
    return this != FAILURE;
  }
}
