package dev.paysession.mandate;

import dev.paysession.rules.Amount;
import java.time.Instant;
import java.util.Optional;

/**
 * One pre-debit notification as stored (juspay-lifecycle §2.8): the debit it announces ({@code
 * amount}, {@code txnDate}) and what the gateway said of it.
 *
 * @param status Juspay's notification statuses: CREATED, PENDING, SUCCESS, FAILURE
 */
public record NotificationRecord(
    String merchantId,
    String notificationId,
    String mandateId,
    String objectReferenceId,
    Optional<String> description,
    Amount amount,
    String currency,
    Instant txnDate,
    Optional<String> displayInvoiceNumber,
    String status,
    String providerName,
    String providerRefId,
    Optional<String> responseCode,
    Optional<String> responseMessage,
    Instant createdAt,
    Instant updatedAt) {

  public static final String SUCCESS = "SUCCESS";
  public static final String FAILURE = "FAILURE";

  public boolean succeeded() {
    return SUCCESS.equals(status);
  }
}
