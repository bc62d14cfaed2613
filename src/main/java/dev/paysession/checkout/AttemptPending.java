package dev.paysession.checkout;

/**
 * A new attempt was refused because another one on the order is still unanswered (a UPI collect
 * request waiting in the customer's app): the database's {@code
 * transactions_one_pending_request_per_order} index said so.
 */
public class AttemptPending extends RuntimeException {

  static final String INDEX = "transactions_one_pending_request_per_order";

  public AttemptPending() {
    super(
        "another payment request on this order is still waiting for the customer's bank",
        null,
        false,
        false);
  }
}
