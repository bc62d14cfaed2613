package dev.paysession.order;

import dev.paysession.rules.Amount;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
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
 * The {@code transactions} table: an order's payment attempts. The only class that names it in SQL;
 * statuses are written only through {@link PaymentStateMachine}. Every method takes its connection
 * from the datasource, so inside a caller's transaction ({@code @Transactional}) it joins that
 * transaction and sees (and holds) its locks.
 */
@ApplicationScoped
public class AttemptStore {

  private static final String COLUMNS =
      "merchant_id, order_id, attempt, txn_id, txn_uuid, status, amount, currency, routing_id,"
          + " gateway, gateway_id, gateway_txn_id, payment_method_type, payment_method, card_brand,"
          + " card_last_four, card_token, payer_vpa, rrn, resp_code, resp_message, error_code,"
          + " error_message, created_at, updated_at, txn_object_type, source_object_id, auth_type";

  /**
   * The attempts made on order {@code o}, selected with it (same round trip): an order out of
   * attempts must not be re-opened. Attempts are numbered 1, 2, … under the order's row lock.
   */
  static final String ATTEMPTS_OF_ORDER_O =
      "(SELECT coalesce(max(t.attempt), 0) FROM transactions t"
          + " WHERE t.merchant_id = o.merchant_id AND t.order_id = o.order_id) AS attempts";

  private final AgroalDataSource dataSource;

  AttemptStore(AgroalDataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** The order's payment attempts, oldest first (as the caller's transaction sees them). */
  public List<TransactionRecord> ofOrder(String merchantId, String orderId) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      return query(
          connection, "merchant_id = ? AND order_id = ? ORDER BY attempt", merchantId, orderId);
    }
  }

  /** One attempt by the random uuid the payment page uses to address it. */
  public Optional<TransactionRecord> byUuid(String merchantId, String txnUuid) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      return query(connection, "txn_uuid = ? AND merchant_id = ?", txnUuid, merchantId).stream()
          .findFirst();
    }
  }

  /** The number of the order's latest attempt, 0 before the first. */
  public int lastAttempt(String merchantId, String orderId) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT coalesce(max(attempt), 0) FROM transactions"
                    + " WHERE merchant_id = ? AND order_id = ?")) {
      select.setString(1, merchantId);
      select.setString(2, orderId);
      try (ResultSet row = select.executeQuery()) {
        row.next();
        return row.getInt(1);
      }
    }
  }

  /**
   * The rows each reconciliation job works through, as SQL conditions on {@code transactions}: the
   * partial indexes of V7 carry the same conditions, ordered by when each row is next due.
   */
  public enum Backlog {
    // A mandate's debit waits for its execution date, not for a customer: mandate/DebitJob
    // settles it.
    UNFINISHED_ATTEMPTS(
        "status IN ('STARTED', 'PENDING_VBV', 'AUTHORIZING')"
            + " AND txn_object_type IS DISTINCT FROM 'EMANDATE_PAYMENT'"
            + " AND txn_object_type IS DISTINCT FROM 'MANDATE_PAYMENT'");

    private final String condition;

    Backlog(String condition) {
      this.condition = condition;
    }
  }

  /**
   * An attempt a reconciliation job must check, with the number of checks in a row that did not
   * finish it (its backoff).
   */
  public record DueAttempt(TransactionRecord attempt, int checkFailures) {}

  /**
   * Attempts the sweeper can act on, longest due first (a row never checked is due from its start):
   * pending ones (to sync with the gateway), ones whose gateway answer never got stored (started
   * before {@code answerLostBefore}: the database failed or the server died mid-request), and
   * challenges left unanswered since before {@code abandonedBefore}. Challenges still within their
   * time are left alone, so they cannot crowd the others out of a batch.
   */
  public List<DueAttempt> unfinished(
      Instant now, Instant answerLostBefore, Instant abandonedBefore, int limit)
      throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT "
                    + COLUMNS
                    + ", check_failures FROM transactions WHERE "
                    + Backlog.UNFINISHED_ATTEMPTS.condition
                    + " AND coalesce(next_check_at, created_at) <= ?"
                    + " AND (status = 'AUTHORIZING'"
                    + " OR (status = 'STARTED' AND created_at < ?) OR created_at < ?)"
                    + " ORDER BY coalesce(next_check_at, created_at) LIMIT ?")) {
      select.setObject(1, utc(now));
      select.setObject(2, utc(answerLostBefore));
      select.setObject(3, utc(abandonedBefore));
      select.setInt(4, limit);
      return readDue(select);
    }
  }

  /**
   * Stores when a row of {@code backlog} is next checked and how many checks in a row have not
   * finished it; true while the row is still in the backlog. A row that has left it (settled) has
   * its backoff cleared instead.
   */
  public boolean deferCheck(
      Backlog backlog, String merchantId, String txnId, Instant nextCheckAt, int failures)
      throws SQLException {
    String stillThere = "(" + backlog.condition + ")";
    try (Connection connection = dataSource.getConnection();
        PreparedStatement update =
            connection.prepareStatement(
                "UPDATE transactions SET next_check_at = CASE WHEN "
                    + stillThere
                    + " THEN ?::timestamptz END, check_failures = CASE WHEN "
                    + stillThere
                    + " THEN ?::integer ELSE 0 END WHERE merchant_id = ? AND txn_id = ? AND ("
                    + stillThere
                    + " OR next_check_at IS NOT NULL OR check_failures <> 0) RETURNING "
                    + stillThere)) {
      update.setObject(1, utc(nextCheckAt));
      update.setInt(2, failures);
      update.setString(3, merchantId);
      update.setString(4, txnId);
      try (ResultSet row = update.executeQuery()) {
        return row.next() && row.getBoolean(1);
      }
    }
  }

  private static List<DueAttempt> readDue(PreparedStatement select) throws SQLException {
    List<DueAttempt> due = new ArrayList<>();
    try (ResultSet row = select.executeQuery()) {
      while (row.next()) {
        due.add(new DueAttempt(readTransaction(row), row.getInt("check_failures")));
      }
    }
    return due;
  }

  /** A card the customer asked to save on this attempt, as the gateway tokenised it. */
  public record CardToSave(String token, String gateway, String brand, String lastFour) {}

  public Optional<CardToSave> cardToSave(AttemptKey attempt) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT card_token_to_save, gateway, card_brand, card_last_four FROM transactions"
                    + " WHERE merchant_id = ? AND order_id = ? AND attempt = ?"
                    + " AND card_token_to_save IS NOT NULL")) {
      setKey(select, 1, attempt);
      try (ResultSet row = select.executeQuery()) {
        return row.next()
            ? Optional.of(
                new CardToSave(
                    row.getString(1), row.getString(2), row.getString(3), row.getString(4)))
            : Optional.empty();
      }
    }
  }

  @WritesStatus
  void insert(NewAttempt attempt, TransactionStatus status, Instant now) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO transactions (merchant_id, order_id, attempt, txn_id, txn_uuid, status,"
                    + " amount, currency, routing_id, gateway, gateway_id, payment_method_type,"
                    + " payment_method, card_brand, card_last_four, card_token, payer_vpa, created_at,"
                    + " updated_at, txn_object_type, source_object_id)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      setKey(insert, 1, attempt.key());
      insert.setString(4, attempt.txnId());
      insert.setString(5, attempt.txnUuid());
      insert.setString(6, status.name());
      insert.setBigDecimal(7, attempt.amount().value());
      insert.setString(8, attempt.currency());
      insert.setString(9, attempt.routingId());
      insert.setString(10, attempt.gateway());
      insert.setInt(11, attempt.gatewayId());
      insert.setString(12, attempt.paymentMethodType());
      insert.setString(13, attempt.paymentMethod());
      insert.setString(14, attempt.cardBrand());
      insert.setString(15, attempt.cardLastFour());
      insert.setString(16, attempt.cardToken());
      insert.setString(17, attempt.payerVpa());
      insert.setObject(18, utc(now));
      insert.setObject(19, utc(now));
      insert.setString(20, attempt.objectType().isMandate() ? attempt.objectType().name() : null);
      insert.setString(21, attempt.mandateId());
      insert.executeUpdate();
    }
  }

  /** The attempt's status under a row lock, and whether a later attempt exists on its order. */
  record Locked(TransactionStatus status, boolean newerAttemptExists) {}

  Locked lock(AttemptKey attempt) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT status, EXISTS (SELECT 1 FROM transactions n WHERE n.merchant_id = t.merchant_id"
                    + " AND n.order_id = t.order_id AND n.attempt > t.attempt)"
                    + " FROM transactions t WHERE merchant_id = ? AND order_id = ? AND attempt = ?"
                    + " FOR UPDATE OF t")) {
      setKey(select, 1, attempt);
      try (ResultSet row = select.executeQuery()) {
        if (!row.next()) {
          throw new IllegalStateException("attempt " + attempt + " vanished");
        }
        return new Locked(TransactionStatus.valueOf(row.getString(1)), row.getBoolean(2));
      }
    }
  }

  /** Stores the gateway's answer with the status it led to. */
  @WritesStatus
  void recordOutcome(
      AttemptKey attempt, TransactionStatus status, AttemptOutcome outcome, Instant now)
      throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement update =
            connection.prepareStatement(
                "UPDATE transactions SET status = ?, gateway_txn_id = coalesce(?, gateway_txn_id),"
                    + " rrn = ?, resp_code = ?, resp_message = ?, error_code = ?, error_message = ?,"
                    + " updated_at = ?, card_token_to_save = coalesce(?, card_token_to_save),"
                    + " auth_type = coalesce(?, auth_type)"
                    + " WHERE merchant_id = ? AND order_id = ? AND attempt = ?")) {
      update.setString(1, status.name());
      update.setString(2, outcome.gatewayTxnId());
      update.setString(3, outcome.rrn().orElse(null));
      update.setString(4, outcome.respCode());
      update.setString(5, outcome.respMessage());
      update.setString(6, outcome.errorCode().orElse(null));
      update.setString(7, outcome.errorMessage().orElse(null));
      update.setObject(8, utc(now));
      update.setString(9, outcome.cardToken().orElse(null));
      update.setString(10, outcome.authType().orElse(null));
      setKey(update, 11, attempt);
      update.executeUpdate();
    }
  }

  private static void setKey(PreparedStatement statement, int first, AttemptKey attempt)
      throws SQLException {
    statement.setString(first, attempt.merchantId());
    statement.setString(first + 1, attempt.orderId());
    statement.setInt(first + 2, attempt.attempt());
  }

  private static List<TransactionRecord> query(
      Connection connection, String condition, String... parameters) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT " + COLUMNS + " FROM transactions WHERE " + condition)) {
      for (int i = 0; i < parameters.length; i++) {
        select.setString(i + 1, parameters[i]);
      }
      return read(select);
    }
  }

  private static List<TransactionRecord> read(PreparedStatement select) throws SQLException {
    List<TransactionRecord> transactions = new ArrayList<>();
    try (ResultSet row = select.executeQuery()) {
      while (row.next()) {
        transactions.add(readTransaction(row));
      }
    }
    return transactions;
  }

  private static TransactionRecord readTransaction(ResultSet row) throws SQLException {
    return new TransactionRecord(
        row.getString("merchant_id"),
        row.getString("order_id"),
        row.getInt("attempt"),
        row.getString("txn_id"),
        row.getString("txn_uuid"),
        TransactionStatus.valueOf(row.getString("status")),
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
        row.getTimestamp("updated_at").toInstant(),
        Optional.ofNullable(row.getString("txn_object_type"))
            .map(TxnObjectType::valueOf)
            .orElse(TxnObjectType.ORDER_PAYMENT),
        optional(row.getString("source_object_id")),
        optional(row.getString("auth_type")));
  }

  private static Optional<String> optional(String value) {
    return Optional.ofNullable(value).filter(text -> !text.isEmpty());
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
