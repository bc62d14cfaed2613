package dev.paysession.order;

import dev.paysession.rules.Amount;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/** Orders and their client auth tokens in PostgreSQL. */
@ApplicationScoped
public class OrderStore {

  private final AgroalDataSource dataSource;

  /** Null when {@code paysession.orders.group-commit.writers} is 0: one transaction per call. */
  private final GroupCommit groupCommit;

  @Inject
  OrderStore(AgroalDataSource dataSource, OrdersConfig config, MeterRegistry registry) {
    this(dataSource, config.groupCommit().writers(), config.groupCommit().maxBatch(), registry);
  }

  OrderStore(AgroalDataSource dataSource, int writers, int maxBatch, MeterRegistry registry) {
    this.dataSource = dataSource;
    this.groupCommit =
        writers > 0 ? new GroupCommit(dataSource, writers, maxBatch, registry) : null;
  }

  @PreDestroy
  void stop() {
    if (groupCommit != null) {
      groupCommit.close();
    }
  }

  /**
   * Creates the order, or finds the one that already has this {@code (merchant_id, order_id)}, and
   * stores a client auth token for it, all in one transaction. The unique key decides races: of two
   * concurrent calls, one inserts and the other waits for its commit and then sees the row.
   *
   * <p>An existing order is locked, shown to {@code mayReuse}, and re-opened: it takes the caller's
   * amount (when {@code mayReuse} let a different one through), and an order made by {@code POST
   * /orders} that no session has opened takes the caller's payment page client, action and body
   * ({@link StoredOrder#reopenedBy}). Concurrent calls on one order therefore run one after the
   * other, and the last to commit leaves its amount.
   *
   * <p>Concurrent calls share transactions ({@link GroupCommit}); each returns only after the
   * transaction holding its order has committed.
   *
   * @param mayReuse inspects an existing order and throws to refuse it (nothing is then written)
   */
  public StoredOrder createOrReuse(
      NewOrder order, byte[] tokenHash, Instant tokenExpiry, Consumer<StoredOrder> mayReuse)
      throws SQLException {
    if (groupCommit == null) {
      return createOrReuseAlone(order, tokenHash, tokenExpiry, mayReuse);
    }
    try {
      return createOrReuseAsync(order, tokenHash, tokenExpiry, mayReuse)
          .toCompletableFuture()
          .get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof SQLException sql) {
        throw sql;
      }
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLException("interrupted while waiting for the order's commit", "57014");
    }
  }

  /**
   * {@link #createOrReuse} without holding the calling thread: completes after the commit, with the
   * stored order or the exception {@code createOrReuse} would have thrown. {@code mayReuse} runs on
   * a writer thread.
   */
  public CompletionStage<StoredOrder> createOrReuseAsync(
      NewOrder order, byte[] tokenHash, Instant tokenExpiry, Consumer<StoredOrder> mayReuse) {
    CompletableFuture<StoredOrder> result = new CompletableFuture<>();
    if (groupCommit == null) {
      try {
        result.complete(createOrReuseAlone(order, tokenHash, tokenExpiry, mayReuse));
      } catch (SQLException | RuntimeException e) {
        result.completeExceptionally(e);
      }
    } else {
      groupCommit.submit(new PendingOrder(order, tokenHash, tokenExpiry, mayReuse, result));
    }
    return result;
  }

  /** One call, one transaction: the path without group commit. */
  private StoredOrder createOrReuseAlone(
      NewOrder order, byte[] tokenHash, Instant tokenExpiry, Consumer<StoredOrder> mayReuse)
      throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        Optional<StoredOrder> inserted = insert(connection, order);
        StoredOrder stored;
        if (inserted.isPresent()) {
          stored = inserted.get();
        } else {
          StoredOrder existing =
              locked(connection, order.merchantId(), order.orderId())
                  .orElseThrow(
                      () ->
                          new IllegalStateException("order vanished after a unique-key conflict"));
          mayReuse.accept(existing);
          stored = existing.reopenedBy(order);
          if (existing.differsFrom(stored)) {
            OrderBatch.updateReopened(connection, List.of(order));
          }
        }
        insertToken(connection, order.merchantId(), order.orderId(), tokenHash, tokenExpiry);
        connection.commit();
        return stored;
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      }
    }
  }

  private static Optional<StoredOrder> insert(Connection connection, NewOrder order)
      throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO orders (merchant_id, order_id, id, status, amount, currency, customer_id,"
                + " routing_id, payment_page_client_id, action, return_url, expires_at, request,"
                + " details, created_at, updated_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?)"
                + " ON CONFLICT (merchant_id, order_id) DO NOTHING")) {
      insert.setString(1, order.merchantId());
      insert.setString(2, order.orderId());
      insert.setString(3, order.id());
      insert.setString(4, OrderStatus.NEW.name());
      insert.setBigDecimal(5, order.amount().value());
      insert.setString(6, order.currency());
      insert.setString(7, order.customerId());
      insert.setString(8, order.routingId());
      insert.setString(9, order.paymentPageClientId());
      insert.setString(10, order.action());
      insert.setString(11, order.returnUrl());
      insert.setObject(12, order.expiresAt().map(OrderStore::utc).orElse(null));
      insert.setString(13, order.requestJson());
      insert.setString(14, OrderDetailsJson.toJson(order.details()));
      insert.setObject(15, utc(order.createdAt()));
      insert.setObject(16, utc(order.createdAt()));
      if (insert.executeUpdate() == 0) {
        return Optional.empty();
      }
    }
    return Optional.of(StoredOrder.justCreated(order));
  }

  /** The attempts made on order {@code o}, selected with it: see {@link AttemptStore}. */
  static final String ATTEMPTS = AttemptStore.ATTEMPTS_OF_ORDER_O;

  /**
   * The order, locked until the transaction ends so that no payment can start on it and no other
   * call can change it (the lock an UPDATE takes, so a later write never upgrades it).
   */
  private static Optional<StoredOrder> locked(
      Connection connection, String merchantId, String orderId) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT o.id, o.status, o.amount, o.currency, o.return_url,"
                + " o.payment_page_client_id, o.expires_at, o.created_at, o.request, o.details, "
                + ATTEMPTS
                + " FROM orders o WHERE o.merchant_id = ? AND o.order_id = ?"
                + " FOR NO KEY UPDATE OF o")) {
      select.setString(1, merchantId);
      select.setString(2, orderId);
      try (ResultSet row = select.executeQuery()) {
        return row.next() ? Optional.of(readExisting(row, orderId)) : Optional.empty();
      }
    }
  }

  /**
   * Changes an order's amount and details ({@code POST /orders/{order_id}}) in one transaction,
   * under the order's lock: {@code change} sees the order as locked (attempts included) and returns
   * it changed, or throws to refuse (nothing is then written).
   *
   * @return the changed order; empty when the merchant has no such order
   */
  public Optional<StoredOrder> change(
      String merchantId, String orderId, UnaryOperator<StoredOrder> change, Instant now)
      throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        Optional<StoredOrder> existing = locked(connection, merchantId, orderId);
        if (existing.isEmpty()) {
          connection.rollback();
          return Optional.empty();
        }
        StoredOrder changed = change.apply(existing.get());
        try (PreparedStatement update =
            connection.prepareStatement(
                "UPDATE orders SET amount = ?, details = ?::jsonb, updated_at = ?"
                    + " WHERE merchant_id = ? AND order_id = ?")) {
          update.setBigDecimal(1, changed.amount().value());
          update.setString(2, OrderDetailsJson.toJson(changed.details()));
          update.setObject(3, utc(now));
          update.setString(4, merchantId);
          update.setString(5, orderId);
          update.executeUpdate();
        }
        connection.commit();
        return Optional.of(changed);
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      }
    }
  }

  /** An existing order from a row with the columns {@link #existing} selects. */
  static StoredOrder readExisting(ResultSet row, String orderId) throws SQLException {
    Timestamp expires = row.getTimestamp("expires_at");
    return new StoredOrder(
        row.getString("id"),
        orderId,
        OrderStatus.valueOf(row.getString("status")),
        Amount.of(row.getBigDecimal("amount"), row.getString("currency")),
        row.getString("currency"),
        row.getString("return_url"),
        row.getString("payment_page_client_id"),
        Optional.ofNullable(expires).map(Timestamp::toInstant),
        row.getTimestamp("created_at").toInstant(),
        OrderDetailsJson.read(row.getString("details"), row.getString("request")),
        row.getString("request"),
        row.getInt("attempts"),
        false);
  }

  /**
   * Locks the order's row for a payment step and reads its status; empty when there is no such
   * order. Every step on an order's payments takes this lock first, so they happen one at a time.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public Optional<OrderStatus> lock(String merchantId, String orderId) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT status FROM orders WHERE merchant_id = ? AND order_id = ? FOR UPDATE")) {
      select.setString(1, merchantId);
      select.setString(2, orderId);
      try (ResultSet row = select.executeQuery()) {
        return row.next() ? Optional.of(OrderStatus.valueOf(row.getString(1))) : Optional.empty();
      }
    }
  }

  /**
   * When the order's fulfilment window ({@code order_fullfillment_threshold_in_mins}) closes,
   * counted from its creation; empty for an order without one. Read only on the rare late charge.
   */
  public Optional<Instant> fulfilmentWindowEnd(String merchantId, String orderId)
      throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT created_at + make_interval(mins =>"
                    + " (details->>'order_fullfillment_threshold_in_mins')::int)"
                    + " FROM orders WHERE merchant_id = ? AND order_id = ?")) {
      select.setString(1, merchantId);
      select.setString(2, orderId);
      try (ResultSet row = select.executeQuery()) {
        if (!row.next() || row.getTimestamp(1) == null) {
          return Optional.empty();
        }
        return Optional.of(row.getTimestamp(1).toInstant());
      }
    }
  }

  /** Moves the order to the status its attempt led to (under the lock {@link #lock} took). */
  @WritesStatus
  void follow(String merchantId, String orderId, OrderStatus status, Instant now)
      throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement update =
            connection.prepareStatement(
                "UPDATE orders SET status = ?, updated_at = ? WHERE merchant_id = ? AND order_id = ?")) {
      update.setString(1, status.name());
      update.setObject(2, utc(now));
      update.setString(3, merchantId);
      update.setString(4, orderId);
      update.executeUpdate();
    }
  }

  private static void insertToken(
      Connection connection, String merchantId, String orderId, byte[] hash, Instant expiry)
      throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO client_auth_tokens (merchant_id, token_hash, order_id, expires_at)"
                + " VALUES (?, ?, ?, ?)")) {
      insert.setString(1, merchantId);
      insert.setBytes(2, hash);
      insert.setString(3, orderId);
      insert.setObject(4, utc(expiry));
      insert.executeUpdate();
    }
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
