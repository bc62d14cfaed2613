package dev.paysession.refund;

import dev.paysession.gateway.PaymentGateway.RefundAnswer;
import dev.paysession.order.OrderRefunds;
import dev.paysession.order.OrderStatusView;
import dev.paysession.order.WritesStatus;
import dev.paysession.refund.RefundRecord.RefundType;
import dev.paysession.rules.Amount;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code refunds} table, the only class that names it in SQL. Statuses (and {@code
 * sent_to_gateway}) are written only through {@link RefundStateMachine}. Every method takes its
 * connection from the datasource, so inside a caller's transaction it joins it.
 */
@ApplicationScoped
public class RefundStore implements OrderRefunds {

  private static final String COLUMNS =
      "merchant_id, refund_id, order_id, txn_id, unique_request_id, amount, currency, status,"
          + " sent_to_gateway, refund_type, initiated_by, gateway, gateway_txn_id,"
          + " gateway_reference, arn, error_code, error_message, created_at, updated_at";

  private final AgroalDataSource dataSource;

  RefundStore(AgroalDataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public List<OrderStatusView.Refund> ofOrder(String merchantId, String orderId)
      throws SQLException {
    return refundsOf(merchantId, orderId).stream().map(RefundRecord::view).toList();
  }

  /** The order's refunds, newest first. */
  public List<RefundRecord> refundsOf(String merchantId, String orderId) throws SQLException {
    return query(
        "merchant_id = ? AND order_id = ? ORDER BY created_at DESC, refund_id DESC",
        merchantId,
        orderId);
  }

  public Optional<RefundRecord> byUniqueRequestId(String merchantId, String uniqueRequestId)
      throws SQLException {
    return query("merchant_id = ? AND unique_request_id = ?", merchantId, uniqueRequestId).stream()
        .findFirst();
  }

  /** What counts against charge {@code txnId} (every refund but FAILURE), in the caller's view. */
  BigDecimal counted(String merchantId, String txnId) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT coalesce(sum(amount), 0) FROM refunds WHERE merchant_id = ? AND txn_id = ?"
                    + " AND status <> 'FAILURE'")) {
      select.setString(1, merchantId);
      select.setString(2, txnId);
      try (ResultSet row = select.executeQuery()) {
        row.next();
        return row.getBigDecimal(1);
      }
    }
  }

  /**
   * A merchant's refund of {@code amount} on the order, not failed, asked for since {@code since}.
   */
  boolean sameAmountSince(String merchantId, String orderId, BigDecimal amount, Instant since)
      throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT 1 FROM refunds WHERE merchant_id = ? AND order_id = ? AND amount = ?"
                    + " AND status <> 'FAILURE' AND initiated_by = 'API' AND created_at >= ?"
                    + " LIMIT 1")) {
      select.setString(1, merchantId);
      select.setString(2, orderId);
      select.setBigDecimal(3, amount);
      select.setObject(4, utc(since));
      try (ResultSet row = select.executeQuery()) {
        return row.next();
      }
    }
  }

  /** A refund still PENDING, with the checks in a row that have not finished it. */
  record Due(RefundRecord refund, int checkFailures) {}

  /** PENDING refunds due for a check at {@code now}, longest due first. */
  List<Due> due(Instant now, int limit) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT "
                    + COLUMNS
                    + ", check_failures FROM refunds WHERE status = 'PENDING'"
                    + " AND coalesce(next_check_at, created_at) <= ?"
                    + " ORDER BY coalesce(next_check_at, created_at) LIMIT ?")) {
      select.setObject(1, utc(now));
      select.setInt(2, limit);
      List<Due> due = new ArrayList<>();
      try (ResultSet row = select.executeQuery()) {
        while (row.next()) {
          due.add(new Due(read(row), row.getInt("check_failures")));
        }
      }
      return due;
    }
  }

  /** Pushes back a PENDING refund's next check; false once it has settled. */
  boolean deferCheck(String merchantId, String refundId, Instant nextCheckAt, int failures)
      throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement update =
            connection.prepareStatement(
                "UPDATE refunds SET next_check_at = ?, check_failures = ?"
                    + " WHERE merchant_id = ? AND refund_id = ? AND status = 'PENDING'")) {
      update.setObject(1, utc(nextCheckAt));
      update.setInt(2, failures);
      update.setString(3, merchantId);
      update.setString(4, refundId);
      return update.executeUpdate() == 1;
    }
  }

  /** The refund's status under a row lock. */
  Optional<RefundRecord> lock(String merchantId, String refundId) throws SQLException {
    return query("merchant_id = ? AND refund_id = ? FOR UPDATE", merchantId, refundId).stream()
        .findFirst();
  }

  /**
   * Stores a new refund; {@code chargedAmount} bounds it in the database too. A reused
   * unique_request_id fails with SQLState 23505.
   */
  @WritesStatus
  void insert(RefundRecord refund, Amount chargedAmount) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO refunds ("
                    + COLUMNS
                    + ", charged_amount) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                    + " ?, ?, ?, ?)")) {
      insert.setString(1, refund.merchantId());
      insert.setString(2, refund.refundId());
      insert.setString(3, refund.orderId());
      insert.setString(4, refund.txnId());
      insert.setString(5, refund.uniqueRequestId());
      insert.setBigDecimal(6, refund.amount().value());
      insert.setString(7, refund.currency());
      insert.setString(8, refund.status().name());
      insert.setBoolean(9, refund.sentToGateway());
      insert.setString(10, refund.refundType().name());
      insert.setString(11, refund.initiatedBy());
      insert.setString(12, refund.gateway());
      insert.setString(13, refund.gatewayTxnId());
      insert.setString(14, refund.gatewayReference());
      insert.setString(15, refund.arn());
      insert.setString(16, refund.errorCode());
      insert.setString(17, refund.errorMessage());
      insert.setObject(18, utc(refund.createdAt()));
      insert.setObject(19, utc(refund.updatedAt()));
      insert.setBigDecimal(20, chargedAmount.value());
      insert.executeUpdate();
    }
  }

  /**
   * Stores the gateway's word on a PENDING refund: the status it led to, that the gateway has it,
   * and what it said. False when the refund had settled already.
   */
  @WritesStatus
  boolean record(
      String merchantId, String refundId, RefundStatus status, RefundAnswer answer, Instant now)
      throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement update =
            connection.prepareStatement(
                "UPDATE refunds SET status = ?, sent_to_gateway = sent_to_gateway OR ?,"
                    + " gateway_reference = coalesce(?, gateway_reference), arn = coalesce(?, arn),"
                    + " error_code = ?, error_message = ?, updated_at = ?,"
                    + " next_check_at = NULL, check_failures = 0"
                    + " WHERE merchant_id = ? AND refund_id = ? AND status = 'PENDING'")) {
      update.setString(1, status.name());
      update.setBoolean(2, answer.reference() != null);
      update.setString(3, answer.reference());
      update.setString(4, answer.arn());
      update.setString(5, answer.errorCode());
      update.setString(6, answer.errorMessage());
      update.setObject(7, utc(now));
      update.setString(8, merchantId);
      update.setString(9, refundId);
      return update.executeUpdate() == 1;
    }
  }

  private List<RefundRecord> query(String condition, String... parameters) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement("SELECT " + COLUMNS + " FROM refunds WHERE " + condition)) {
      for (int i = 0; i < parameters.length; i++) {
        select.setString(i + 1, parameters[i]);
      }
      List<RefundRecord> refunds = new ArrayList<>();
      try (ResultSet row = select.executeQuery()) {
        while (row.next()) {
          refunds.add(read(row));
        }
      }
      return refunds;
    }
  }

  private static RefundRecord read(ResultSet row) throws SQLException {
    String currency = row.getString("currency");
    return new RefundRecord(
        row.getString("merchant_id"),
        row.getString("refund_id"),
        row.getString("order_id"),
        row.getString("txn_id"),
        row.getString("unique_request_id"),
        Amount.of(row.getBigDecimal("amount"), currency),
        currency,
        RefundStatus.valueOf(row.getString("status")),
        row.getBoolean("sent_to_gateway"),
        RefundType.valueOf(row.getString("refund_type")),
        row.getString("initiated_by"),
        row.getString("gateway"),
        row.getString("gateway_txn_id"),
        row.getString("gateway_reference"),
        row.getString("arn"),
        row.getString("error_code"),
        row.getString("error_message"),
        row.getTimestamp("created_at").toInstant(),
        row.getTimestamp("updated_at").toInstant());
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
