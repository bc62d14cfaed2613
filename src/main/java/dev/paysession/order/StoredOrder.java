package dev.paysession.order;

import dev.paysession.rules.Amount;
import java.time.Instant;
import java.util.Optional;

/**
 * An order as the database holds it.
 *
 * @param paymentPageClientId null for an order made by {@code POST /orders} that no session has
 *     opened yet
 * @param details what the call that created it validated (with later updates)
 * @param requestJson the body of the session that first opened it (or of {@code POST /orders}), for
 *     the echo of a repeated session
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

  /**
   * The order as a repeated create leaves it (see {@link OrderStore#createOrReuse}): it takes the
   * caller's amount, and an order no session has opened yet takes the caller's payment page client,
   * action and body.
   */
  StoredOrder reopenedBy(NewOrder order) {
    boolean opens = paymentPageClientId == null && order.paymentPageClientId() != null;
    return new StoredOrder(
        id,
        orderId,
        status,
        order.amount(),
        currency,
        returnUrl,
        opens ? order.paymentPageClientId() : paymentPageClientId,
        expiresAt,
        createdAt,
        details,
        opens ? order.requestJson() : requestJson,
        attempts,
        false);
  }

  /** True when {@code reopened} must be written: {@link #reopenedBy} changed something. */
  boolean differsFrom(StoredOrder reopened) {
    return amount.compareTo(reopened.amount) != 0
        || !java.util.Objects.equals(paymentPageClientId, reopened.paymentPageClientId);
  }

  /** The order with an updated amount and details ({@code POST /orders/{order_id}}). */
  public StoredOrder changed(Amount newAmount, OrderDetails newDetails) {
    return new StoredOrder(
        id,
        orderId,
        status,
        newAmount,
        currency,
        returnUrl,
        paymentPageClientId,
        expiresAt,
        createdAt,
        newDetails,
        requestJson,
        attempts,
        false);
  }

  /** True when a payment was ever attempted on the order: its amount is then fixed. */
  public boolean paymentStarted() {
    return attempts > 0;
  }

  /** True when the order has used all {@link TransactionRecord#MAX_PER_ORDER} attempts. */
  public boolean outOfAttempts() {
    return attempts >= TransactionRecord.MAX_PER_ORDER;
  }
}
