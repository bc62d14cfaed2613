package dev.paysession.checkout;

/**
 * The gateway answered but its answer could not be stored: money may have moved. The customer is
 * sent to the attempt's page, which asks the gateway again (by our transaction id) on each load,
 * and the sweeper reconciles the attempt if nobody does.
 */
public final class PaymentUnconfirmed extends RuntimeException {

  private final String txnUuid;

  public PaymentUnconfirmed(String txnUuid, Throwable cause) {
    super("could not store the gateway's answer for attempt " + txnUuid, cause);
    this.txnUuid = txnUuid;
  }

  public String txnUuid() {
    return txnUuid;
  }
}
