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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads orders, their transactions and their client auth tokens. */
@ApplicationScoped
public class OrderReader {

  private static final String ORDER_COLUMNS =
      "merchant_id, order_id, id, status, amount, currency, customer_id, routing_id,"
          + " payment_page_client_id, action, return_url, expires_at, created_at, details,"
          // The raw body only for a row stored before details existed (OrderDetailsJson.legacy).
          + " CASE WHEN details IS NULL THEN request END AS legacy_request";

  private static final String TRANSACTION_COLUMNS =
      "merchant_id, order_id, attempt, txn_id, txn_uuid, status, amount, currency, routing_id,"
          + " gateway, gateway_id, gateway_txn_id, payment_method_type, payment_method, card_brand,"
          + " card_last_four, card_token, payer_vpa, rrn, resp_code, resp_message, error_code,"
          + " error_message, created_at, updated_at";

  private final AgroalDataSource dataSource;

  OrderReader(AgroalDataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** The order behind a payment link; the public id is unguessable and unique. */
  public Optional<OrderRecord> byPublicId(String id) throws SQLException {
    return queryOrder("SELECT " + ORDER_COLUMNS + " FROM orders WHERE id = ?", id);
  }

  /** A merchant's order: another merchant's order with the same id is never found. */
  public Optional<OrderRecord> byOrderId(String merchantId, String orderId) throws SQLException {
    return queryOrder(
        "SELECT " + ORDER_COLUMNS + " FROM orders WHERE merchant_id = ? AND order_id = ?",
        merchantId,
        orderId);
  }

  /** The order's payment attempts, oldest first. */
  public List<TransactionRecord> transactions(String merchantId, String orderId)
      throws SQLException {
    return queryTransactions(
        "merchant_id = ? AND order_id = ? ORDER BY attempt", merchantId, orderId);
  }

  /** One attempt by the random uuid the payment page uses to address it. */
  public Optional<TransactionRecord> transactionByUuid(String merchantId, String txnUuid)
      throws SQLException {
    return queryTransactions("txn_uuid = ? AND merchant_id = ?", txnUuid, merchantId).stream()
        .findFirst();
  }

  /**
   * The order as the caller's own transaction sees it, with its attempts: for a webhook written in
   * the same transaction as the change it reports.
   */
  public static Optional<OrderRecord> byOrderId(
      Connection connection, String merchantId, String orderId) throws SQLException {
    return queryOrder(
        connection,
        "SELECT " + ORDER_COLUMNS + " FROM orders WHERE merchant_id = ? AND order_id = ?",
        merchantId,
        orderId);
  }

  /** The order's attempts, oldest first, as the caller's own transaction sees them. */
  public static List<TransactionRecord> transactions(
      Connection connection, String merchantId, String orderId) throws SQLException {
    return queryTransactions(
        connection, "merchant_id = ? AND order_id = ? ORDER BY attempt", merchantId, orderId);
  }

  private List<TransactionRecord> queryTransactions(String condition, String... parameters)
      throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      return queryTransactions(connection, condition, parameters);
    }
  }

  private static List<TransactionRecord> queryTransactions(
      Connection connection, String condition, String... parameters) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT " + TRANSACTION_COLUMNS + " FROM transactions WHERE " + condition)) {
      for (int i = 0; i < parameters.length; i++) {
        select.setString(i + 1, parameters[i]);
      }
      List<TransactionRecord> transactions = new ArrayList<>();
      try (ResultSet row = select.executeQuery()) {
        while (row.next()) {
          transactions.add(readTransaction(row));
        }
      }
      return transactions;
    }
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
    try (Connection connection = dataSource.getConnection()) {
      return queryOrder(connection, sql, parameters);
    }
  }

  private static Optional<OrderRecord> queryOrder(
      Connection connection, String sql, String... parameters) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(sql)) {
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

  private static TransactionRecord readTransaction(ResultSet row) throws SQLException {
    return new TransactionRecord(
        row.getString("merchant_id"),
        row.getString("order_id"),
        row.getInt("attempt"),
        row.getString("txn_id"),
        row.getString("txn_uuid"),
        OrderStatus.valueOf(row.getString("status")),
        Amount.of(row.getBigDecimal("amount"), row.getString("currency")),
        row.getString("currency"),
        row.getString("routing_id"),
        row.getString("gateway"),
        row.getInt("gateway_id"),
        optional(row.getString("gateway_txn_id")),
        row.getString("payment_method_type"),
        row.getString("payment_method"),
        optional(row.getString("card_brand")),
        optional(row.getString("card_last_four")),
        optional(row.getString("card_token")),
        optional(row.getString("payer_vpa")),
        optional(row.getString("rrn")),
        optional(row.getString("resp_code")),
        optional(row.getString("resp_message")),
        optional(row.getString("error_code")),
        optional(row.getString("error_message")),
        row.getTimestamp("created_at").toInstant(),
        row.getTimestamp("updated_at").toInstant());
  }

  private static Optional<String> optional(String value) {
    return Optional.ofNullable(value).filter(text -> !text.isEmpty());
  }

  private static Optional<Instant> instant(Timestamp timestamp) {
    return Optional.ofNullable(timestamp).map(Timestamp::toInstant);
  }
}
