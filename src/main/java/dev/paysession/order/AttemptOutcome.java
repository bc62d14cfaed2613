package dev.paysession.order;

import java.util.Optional;

/** What a gateway answered about an attempt, as the attempt's row stores it. */
public interface AttemptOutcome {
  TransactionStatus status();

  /** The gateway's id for the payment; null keeps the one stored. */
  String gatewayTxnId();

  String respCode();

  String respMessage();

  Optional<String> errorCode();

  Optional<String> errorMessage();

  /** The gateway's token for a card the customer asked to save. */
  Optional<String> cardToken();

  Optional<String> rrn();

  /**
   * How the customer was authenticated ({@code THREE_DS}, or {@code NO_THREE_DS} for a card charged
   * without a challenge); empty keeps what is stored.
   */
  default Optional<String> authType() {
    return Optional.empty();
  }
}
