package dev.paysession.mandate;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code mandate_debits} table, the only class that names it in SQL. Every method takes its
 * connection from the datasource, so inside a caller's transaction it joins it.
 */
@ApplicationScoped
class DebitStore {

  /** Where a debit stands; its attempt carries the payment status the merchant sees. */
  enum Status {
    /** Waiting for its execution date. */
    SCHEDULED,
    /** eNACH: presented to the bank, settling. */
    PRESENTED,
    CHARGED,
    FAILED;

    boolean live() {
      return this != FAILED;
    }
  }

  /** One debit of a mandate: its order, its attempt and when it is next due. */
  record Debit(
      String merchantId,
      String orderId,
      String mandateId,
      String txnId,
      Amount amount,
      String currency,
      Instant executionDate,
      Optional<String> notificationId,
      Status status,
      Instant dueAt,
      Optional<String> failure,
      Instant createdAt,
      Instant updatedAt) {}

  private static final String COLUMNS =
      "merchant_id, order_id, mandate_id, txn_id, amount, currency, execution_date,"
          + " notification_id, status, due_at, failure, created_at, updated_at";

  private final AgroalDataSource dataSource;

  DebitStore(AgroalDataSource dataSource) {
    this.dataSource = dataSource;
  }

  void insert(Debit d) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO mandate_debits ("
                    + COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      insert.setString(1, d.merchantId());
      insert.setString(2, d.orderId());
      insert.setString(3, d.mandateId());
      insert.setString(4, d.txnId());
      insert.setBigDecimal(5, d.amount().value());
      insert.setString(6, d.currency());
      insert.setObject(7, utc(d.executionDate()));
      insert.setString(8, d.notificationId().orElse(null));
      insert.setString(9, d.status().name());
      insert.setObject(10, utc(d.dueAt()));
      insert.setString(11, d.failure().orElse(null));
      insert.setObject(12, utc(d.createdAt()));
      insert.setObject(13, utc(d.updatedAt()));
      insert.executeUpdate();
    }
  }

  /** Execution dates of the mandate's debits that still count (not failed). */
  List<Instant> liveExecutionDates(String merchantId, String mandateId) throws SQLException {
    return query("merchant_id = ? AND mandate_id = ? AND status <> 'FAILED'", merchantId, mandateId)
        .stream()
        .map(Debit::executionDate)
        .toList();
  }

  /** Debits whose time has come, oldest due first; of one merchant when given. */
  List<Debit> due(Optional<String> merchantId, Instant now, int limit) throws SQLException {
    String open = "status IN ('SCHEDULED', 'PRESENTED') AND due_at <= ?";
    String order = " ORDER BY due_at LIMIT " + limit;
    return merchantId.isPresent()
        ? query(open + " AND merchant_id = ?" + order, utc(now), merchantId.get())
        : query(open + order, utc(now));
  }

  /** When the merchant's next open debit falls due, strictly after {@code after}. */
  Optional<Instant> nextDue(String merchantId, Instant after) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT min(due_at) FROM mandate_debits WHERE merchant_id = ?"
                    + " AND status IN ('SCHEDULED', 'PRESENTED') AND due_at > ?")) {
      select.setString(1, merchantId);
      select.setObject(2, utc(after));
      try (ResultSet row = select.executeQuery()) {
        row.next();
        return Optional.ofNullable(row.getTimestamp(1)).map(Timestamp::toInstant);
      }
    }
  }

  /** The debit under a row lock, in the caller's transaction. */
  Optional<Debit> lock(String merchantId, String orderId) throws SQLException {
    return query("merchant_id = ? AND order_id = ? FOR UPDATE", merchantId, orderId).stream()
        .findFirst();
  }

  void move(
      String merchantId,
      String orderId,
      Status status,
      Instant dueAt,
      Optional<String> failure,
      Instant now)
      throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement update =
            connection.prepareStatement(
                "UPDATE mandate_debits SET status = ?, due_at = ?, failure = ?, updated_at = ?"
                    + " WHERE merchant_id = ? AND order_id = ?")) {
      update.setString(1, status.name());
      update.setObject(2, utc(dueAt));
      update.setString(3, failure.orElse(null));
      update.setObject(4, utc(now));
      update.setString(5, merchantId);
      update.setString(6, orderId);
      if (update.executeUpdate() != 1) {
        throw new IllegalStateException("mandate debit " + orderId + " vanished");
      }
    }
  }

  private List<Debit> query(String condition, Object... values) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT " + COLUMNS + " FROM mandate_debits WHERE " + condition)) {
      for (int i = 0; i < values.length; i++) {
        select.setObject(i + 1, values[i]);
      }
      List<Debit> found = new ArrayList<>();
      try (ResultSet row = select.executeQuery()) {
        while (row.next()) {
          String currency = row.getString("currency");
          found.add(
              new Debit(
                  row.getString("merchant_id"),
                  row.getString("order_id"),
                  row.getString("mandate_id"),
                  row.getString("txn_id"),
                  Amount.of(row.getBigDecimal("amount"), currency),
                  currency,
                  instant(row, "execution_date"),
                  Optional.ofNullable(row.getString("notification_id")),
                  Status.valueOf(row.getString("status")),
                  instant(row, "due_at"),
                  Optional.ofNullable(row.getString("failure")),
                  instant(row, "created_at"),
                  instant(row, "updated_at")));
        }
      }
      return found;
    }
  }

  private static Instant instant(ResultSet row, String column) throws SQLException {
    return row.getTimestamp(column).toInstant();
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
