package dev.paysession.checkout;

import dev.paysession.order.OrderStatus;
import java.util.Optional;

/**
 * Where a payment stands after a gateway call.
 *
 * @param status a transaction status from Juspay's table
 * @param challenge what the customer must pass next, when {@code status} is PENDING_VBV
 * @param cardToken the gateway's token for a card the customer asked to save
 */
public record GatewayOutcome(
    OrderStatus status,
    String gatewayTxnId,
    Optional<Challenge> challenge,
    String respCode,
    String respMessage,
    Optional<String> errorCode,
    Optional<String> errorMessage,
    Optional<String> cardToken,
    Optional<String> rrn) {

  /** The kind of page the customer sees before the gateway decides. */
  public enum Challenge {
    /** 3-D Secure: a one-time code. */
    ONE_TIME_CODE,
    /** The bank's or wallet's own page: approve or decline. */
    APPROVAL
  }

  public boolean isFinal() {
    return switch (status) {
      case PENDING_VBV, AUTHORIZING, STARTED, VBV_SUCCESSFUL -> false;
      default -> true;
    };
  }
}
