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
import java.util.Optional;

/** Reads orders and their client auth tokens. */
@ApplicationScoped
public class OrderReader {

  private static final String ORDER_COLUMNS =
      "merchant_id, order_id, id, status, amount, currency, customer_id, routing_id,"
          + " payment_page_client_id, action, return_url, expires_at, created_at, details,"
          // The raw body only for a row stored before details existed (OrderDetailsJson.legacy).
          + " CASE WHEN details IS NULL THEN request END AS legacy_request";

  private final AgroalDataSource dataSource;

  OrderReader(AgroalDataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** The order behind a payment link; the public id is unguessable and unique. */
  public Optional<OrderRecord> byPublicId(String id) throws SQLException {
    return queryOrder("SELECT " + ORDER_COLUMNS + " FROM orders WHERE id = ?", id);
  }

  /**
   * A merchant's order (another merchant's order with the same id is never found), as the caller's
   * transaction sees it when there is one.
   */
  public Optional<OrderRecord> byOrderId(String merchantId, String orderId) throws SQLException {
    return queryOrder(
        "SELECT " + ORDER_COLUMNS + " FROM orders WHERE merchant_id = ? AND order_id = ?",
        merchantId,
        orderId);
  }

  /** The order a client auth token was issued for, and when the token expires. */
  public Optional<TokenGrant> tokenGrant(String token) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT merchant_id, order_id, expires_at FROM client_auth_tokens"
                    + " WHERE token_hash = ?")) {
      select.setBytes(1, ClientAuthTokens.hash(token));
      try (ResultSet row = select.executeQuery()) {
        return row.next()
            ? Optional.of(
                new TokenGrant(
                    row.getString("merchant_id"),
                    row.getString("order_id"),
                    row.getTimestamp("expires_at").toInstant()))
            : Optional.empty();
      }
    }
  }

  /** What a client auth token lets its holder do: act on one order until it expires. */
  public record TokenGrant(String merchantId, String orderId, Instant expiresAt) {}

  private Optional<OrderRecord> queryOrder(String sql, String... parameters) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        select.setString(i + 1, parameters[i]);
      }
      try (ResultSet row = select.executeQuery()) {
        return row.next() ? Optional.of(readOrder(row)) : Optional.empty();
      }
    }
  }

  private static OrderRecord readOrder(ResultSet row) throws SQLException {
    return new OrderRecord(
        row.getString("merchant_id"),
        row.getString("order_id"),
        row.getString("id"),
        OrderStatus.valueOf(row.getString("status")),
        Amount.of(row.getBigDecimal("amount"), row.getString("currency")),
        row.getString("currency"),
        optional(row.getString("customer_id")),
        row.getString("routing_id"),
        row.getString("payment_page_client_id"),
        row.getString("action"),
        optional(row.getString("return_url")),
        instant(row.getTimestamp("expires_at")),
        row.getTimestamp("created_at").toInstant(),
        OrderDetailsJson.read(row.getString("details"), row.getString("legacy_request")));
  }

  private static Optional<String> optional(String value) {
    return Optional.ofNullable(value).filter(text -> !text.isEmpty());
  }

  private static Optional<Instant> instant(Timestamp timestamp) {
    return Optional.ofNullable(timestamp).map(Timestamp::toInstant);
  }
}
