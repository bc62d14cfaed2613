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

  // Each call is its own pending order: identity, not the record's component-wise equality
  // (which would hash the whole order and its JSON row on every map operation).
  @Override
  public boolean equals(Object other) {
    return this == other;
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(this);
  }

  record OrderKey(String merchantId, String orderId) {
    @Override
    public int hashCode() {
      return merchantId.hashCode() * 31 + orderId.hashCode();
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof OrderKey key
          && merchantId.equals(key.merchantId)
          && orderId.equals(key.orderId);
    }
  }
}
