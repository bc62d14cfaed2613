package dev.paysession.order;

import dev.paysession.rules.Amount;
import java.time.Instant;
import java.util.Optional;

/**
 * One payment attempt on an order ({@code {merchant_id}-{order_id}-{attempt}}).
 *
 * @param authType how a card payment was authenticated, as the gateway reported it ({@code
 *     THREE_DS}, {@code NO_THREE_DS}); empty when it did not say
 */
public record TransactionRecord(
    String merchantId,
    String orderId,
    int attempt,
    String txnId,
    String txnUuid,
    TransactionStatus status,
    Amount amount,
    String currency,
    String routingId,
    String gateway,
    int gatewayId,
    Optional<String> gatewayTxnId,
    String paymentMethodType,
    String paymentMethod,
    Optional<String> cardBrand,
    Optional<String> cardLastFour,
    Optional<String> cardToken,
    Optional<String> payerVpa,
    Optional<String> rrn,
    Optional<String> respCode,
    Optional<String> respMessage,
    Optional<String> errorCode,
    Optional<String> errorMessage,
    Instant createdAt,
    Instant updatedAt,
    TxnObjectType objectType,
    Optional<String> mandateId,
    Optional<String> authType) {

  /**
   * Juspay allows at most this many attempts (transactions) on one order; the transactions table
   * checks it too.
   */
  public static final int MAX_PER_ORDER = 25;
}
