package dev.paysession.order;

import dev.paysession.rules.Amount;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.function.Consumer;

/** Orders and their client auth tokens in PostgreSQL. */
@ApplicationScoped
public class OrderStore {

  private final AgroalDataSource dataSource;

  OrderStore(AgroalDataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Creates the order, or finds the one that already has this {@code (merchant_id, order_id)}, and
   * stores a client auth token for it, all in one transaction. The unique key decides races: of two
   * concurrent calls, one inserts and the other waits for its commit and then sees the row.
   *
   * @param mayReuse inspects an existing order and throws to refuse it (nothing is then written)
   */
  public StoredOrder createOrReuse(
      NewOrder order, byte[] tokenHash, Instant tokenExpiry, Consumer<StoredOrder> mayReuse)
      throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        Optional<StoredOrder> inserted = insert(connection, order);
        StoredOrder stored =
            inserted.isPresent()
                ? inserted.get()
                : existing(connection, order.merchantId(), order.orderId());
        if (!stored.created()) {
          mayReuse.accept(stored);
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
                + " created_at, updated_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?)"
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
      insert.setObject(14, utc(order.createdAt()));
      insert.setObject(15, utc(order.createdAt()));
      if (insert.executeUpdate() == 0) {
        return Optional.empty();
      }
    }
    return Optional.of(
        new StoredOrder(
            order.id(),
            order.orderId(),
            OrderStatus.NEW,
            order.amount(),
            order.currency(),
            order.returnUrl(),
            order.expiresAt(),
            order.createdAt(),
            order.requestJson(),
            true));
  }

  /** The row that won the unique key; locked so its status cannot change under us. */
  private static StoredOrder existing(Connection connection, String merchantId, String orderId)
      throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT id, status, amount, currency, return_url, expires_at, created_at, request"
                + " FROM orders WHERE merchant_id = ? AND order_id = ? FOR SHARE")) {
      select.setString(1, merchantId);
      select.setString(2, orderId);
      try (ResultSet row = select.executeQuery()) {
        if (!row.next()) {
          throw new IllegalStateException("order vanished after a unique-key conflict");
        }
        Timestamp expires = row.getTimestamp("expires_at");
        return new StoredOrder(
            row.getString("id"),
            orderId,
            OrderStatus.valueOf(row.getString("status")),
            new Amount(row.getBigDecimal("amount")),
            row.getString("currency"),
            row.getString("return_url"),
            Optional.ofNullable(expires).map(Timestamp::toInstant),
            row.getTimestamp("created_at").toInstant(),
            row.getString("request"),
            false);
      }
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
