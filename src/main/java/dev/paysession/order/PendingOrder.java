package dev.paysession.order;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * One {@link OrderStore#createOrReuse} call waiting for its batch; {@code result} completes only
 * after the transaction that wrote it has committed.
 *
 * @param row the order and its token as a JSON object for {@link OrderBatch}, rendered by the
 *     calling thread so the writer thread only joins rows
 */
record PendingOrder(
    NewOrder order,
    byte[] tokenHash,
    Instant tokenExpiry,
    Consumer<StoredOrder> mayReuse,
    CompletableFuture<StoredOrder> result,
    String row) {

  PendingOrder(
      NewOrder order,
      byte[] tokenHash,
      Instant tokenExpiry,
      Consumer<StoredOrder> mayReuse,
      CompletableFuture<StoredOrder> result) {
    this(
        order,
        tokenHash,
        tokenExpiry,
        mayReuse,
        result,
        OrderBatch.row(order, tokenHash, tokenExpiry));
  }

  /** The unique key that decides races between calls for the same order. */
  OrderKey key() {
    return new OrderKey(order.merchantId(), order.orderId());
  }

  record OrderKey(String merchantId, String orderId) {}
}
