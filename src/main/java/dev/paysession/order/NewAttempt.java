package dev.paysession.order;

import dev.paysession.rules.Amount;

/**
 * A payment attempt as it is stored before the gateway hears of it. Of a card only the brand, the
 * last four digits and a saved card's token are kept.
 */
public record NewAttempt(
    AttemptKey key,
    String txnId,
    String txnUuid,
    Amount amount,
    String currency,
    String routingId,
    String gateway,
    int gatewayId,
    String paymentMethodType,
    String paymentMethod,
    String cardBrand,
    String cardLastFour,
    String cardToken,
    String payerVpa,
    TxnObjectType objectType,
    String mandateId) {

  /**
   * An ordinary payment, or a mandate's attempt naming its mandate: never one without the other.
   */
  public NewAttempt {
    if (objectType.isMandate() == (mandateId == null)) {
      throw new IllegalArgumentException(objectType + " with mandate " + mandateId);
    }
  }
}
