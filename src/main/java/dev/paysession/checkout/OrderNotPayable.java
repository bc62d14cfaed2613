package dev.paysession.checkout;

/** The order cannot take a payment attempt now; the page explains why with the matching status. */
public final class OrderNotPayable extends RuntimeException {

  /** Why, with the HTTP status the payment page answers. */
  public enum Reason {
    ALREADY_PAID(409),
    EXPIRED(410),
    TOO_MANY_ATTEMPTS(409),
    NOT_FOUND(404),
    /**
     * The merchant changed the amount ({@code POST /orders/{id}}, a repeated session) after the
     * page read it: the customer confirms the new amount before anything is charged.
     */
    AMOUNT_CHANGED(409),
    /** A production merchant: the only gateway built in is the sandbox, which moves no money. */
    NO_LIVE_GATEWAY(503);

    private final int httpStatus;

    Reason(int httpStatus) {
      this.httpStatus = httpStatus;
    }

    public int httpStatus() {
      return httpStatus;
    }
  }

  private final Reason reason;

  public OrderNotPayable(Reason reason) {
    super(reason.name(), null, false, false);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
