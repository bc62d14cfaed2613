package dev.paysession.order;

import dev.paysession.rules.Amount;
import java.time.Instant;
import java.util.Optional;

/**
 * An order as the database holds it.
 *
 * @param details what the session that created it validated
 * @param requestJson that session's body as sent, for the echo of a repeated session
 * @param attempts payment attempts made on it so far (its last transaction's number)
 * @param created true when this call created it, false when it already existed
 */
public record StoredOrder(
    String id,
    String orderId,
    OrderStatus status,
    Amount amount,
    String currency,
    String returnUrl,
    String paymentPageClientId,
    Optional<Instant> expiresAt,
    Instant createdAt,
    OrderDetails details,
    String requestJson,
    int attempts,
    boolean created) {

  /** The row a call has just inserted: NEW, no attempts yet. */
  static StoredOrder justCreated(NewOrder order) {
    return new StoredOrder(
        order.id(),
        order.orderId(),
        OrderStatus.NEW,
        order.amount(),
        order.currency(),
        order.returnUrl(),
        order.paymentPageClientId(),
        order.expiresAt(),
        order.createdAt(),
        order.details(),
        order.requestJson(),
        0,
        true);
  }

  /** True when the order has used all {@link TransactionRecord#MAX_PER_ORDER} attempts. */
  public boolean outOfAttempts() {
    return attempts >= TransactionRecord.MAX_PER_ORDER;
  }
}
