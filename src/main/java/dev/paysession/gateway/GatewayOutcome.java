package dev.paysession.gateway;

import dev.paysession.order.AttemptOutcome;
import dev.paysession.order.TransactionStatus;
import java.util.Optional;

/**
 * Where a payment stands after a gateway call.
 *
 * @param status a transaction status from Juspay's table
 * @param cardToken the gateway's token for a card the customer asked to save
 */
public record GatewayOutcome(
    TransactionStatus status,
    String gatewayTxnId,
    String respCode,
    String respMessage,
    Optional<String> errorCode,
    Optional<String> errorMessage,
    Optional<String> cardToken,
    Optional<String> rrn)
    implements AttemptOutcome {}
