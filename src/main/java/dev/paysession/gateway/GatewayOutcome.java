package dev.paysession.gateway;

import dev.paysession.order.AttemptOutcome;
import dev.paysession.order.TransactionStatus;
import java.util.Optional;

/**
 * Where a payment stands after a gateway call.
 *
 * @param status a transaction status from Juspay's table
 * @param cardToken the gateway's token for a card the customer asked to save
 * @param authType how a card payment was authenticated ({@link #THREE_DS} or {@link #NO_THREE_DS});
 *     empty when the gateway does not say
 */
public record GatewayOutcome(
    TransactionStatus status,
    String gatewayTxnId,
    String respCode,
    String respMessage,
    Optional<String> errorCode,
    Optional<String> errorMessage,
    Optional<String> cardToken,
    Optional<String> rrn,
    Optional<String> authType)
    implements AttemptOutcome {

  /** Juspay's {@code auth_type} of a card payment the issuer authenticated (3-D Secure). */
  public static final String THREE_DS = "THREE_DS";

  /** Juspay's {@code auth_type} of a card payment charged without 3-D Secure. */
  public static final String NO_THREE_DS = "NO_THREE_DS";

  /** An outcome that says nothing about authentication. */
  public GatewayOutcome(
      TransactionStatus status,
      String gatewayTxnId,
      String respCode,
      String respMessage,
      Optional<String> errorCode,
      Optional<String> errorMessage,
      Optional<String> cardToken,
      Optional<String> rrn) {
    this(
        status,
        gatewayTxnId,
        respCode,
        respMessage,
        errorCode,
        errorMessage,
        cardToken,
        rrn,
        Optional.empty());
  }

  /** This outcome, saying the payment was authenticated by {@code authType} (null: not said). */
  public GatewayOutcome authenticatedBy(String authType) {
    return new GatewayOutcome(
        status,
        gatewayTxnId,
        respCode,
        respMessage,
        errorCode,
        errorMessage,
        cardToken,
        rrn,
        Optional.ofNullable(authType));
  }
}
