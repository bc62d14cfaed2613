package dev.paysession.mandate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paysession.mandate.MandateRecord.BankDetails;
import dev.paysession.order.OrderDetails.AmountRule;
import dev.paysession.order.OrderDetails.Frequency;
import dev.paysession.order.WritesStatus;
import dev.paysession.rules.Amount;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The {@code mandates} table, the only class that names it in SQL. Statuses are written only
 * through {@link MandateStateMachine}. Every method takes its connection from the datasource, so
 * inside a caller's transaction it joins it.
 */
@ApplicationScoped
public class MandateStore {

  private static final String COLUMNS =
      "merchant_id, mandate_id, mandate_token, order_id, registration_txn_id, customer_id, status,"
          + " mandate_type, payment_method_type, payment_method, payer_vpa, auth_type,"
          + " bank_details, max_amount, currency, amount_rule, frequency, rule_type, rule_value,"
          + " start_date, end_date, revokable_by_customer, block_fund, mandate_debit_token,"
          + " pause_start_date, pause_end_date, activated_at, last_activated_at, created_at,"
          + " updated_at";

  private final AgroalDataSource dataSource;
  private final ObjectMapper json;

  MandateStore(AgroalDataSource dataSource, ObjectMapper json) {
    this.dataSource = dataSource;
    this.json = json;
  }

  public Optional<MandateRecord> byId(String merchantId, String mandateId) throws SQLException {
    return one("merchant_id = ? AND mandate_id = ?", merchantId, mandateId);
  }

  public Optional<MandateRecord> byToken(String merchantId, String mandateToken)
      throws SQLException {
    return one("merchant_id = ? AND mandate_token = ?", merchantId, mandateToken);
  }

  /** The mandate attempt {@code txnId} registers, if it registers one. */
  public Optional<MandateRecord> byRegistration(String merchantId, String txnId)
      throws SQLException {
    return one("merchant_id = ? AND registration_txn_id = ?", merchantId, txnId);
  }

  /**
   * The customer's mandates, newest first, registered under any of its names (our customer id or
   * the merchant's object reference: customer/CustomerNames).
   */
  public List<MandateRecord> ofCustomer(String merchantId, List<String> customerNames)
      throws SQLException {
    List<Object> values = new ArrayList<>(List.of(merchantId));
    values.addAll(customerNames);
    String names = String.join(", ", Collections.nCopies(customerNames.size(), "?"));
    return query(
        "merchant_id = ? AND customer_id IN ("
            + names
            + ") ORDER BY created_at DESC, mandate_id DESC",
        values.toArray());
  }

  /**
   * A date on which a mandate changes by itself: its end (EXPIRED), the end of its pause (ACTIVE
   * again) and the start of a pause scheduled for later (PAUSED). Each names the date column and
   * which mandates it applies to.
   */
  public enum DueDate {
    /** Live mandates reach their end date. */
    END("end_date", "status IN ('CREATED', 'ACTIVE', 'PAUSED')"),
    /** A pause ends, unless the mandate ends with it (a pause until its end date expires it). */
    PAUSE_END("pause_end_date", "status = 'PAUSED' AND pause_end_date < end_date"),
    /**
     * A pause scheduled for later starts; a mandate resumed since (or whose pause window has passed
     * already) is not paused again.
     */
    PAUSE_START(
        "pause_start_date",
        "status = 'ACTIVE' AND pause_end_date > pause_start_date"
            + " AND (last_activated_at IS NULL OR last_activated_at < pause_start_date)");

    private final String column;
    private final String applies;

    DueDate(String column, String applies) {
      this.column = column;
      this.applies = applies;
    }

    /** Mandates whose date has come at {@code now} (a pause start only while the pause lasts). */
    private String dueCondition() {
      String due = applies + " AND " + column + " <= ?";
      return this == PAUSE_START ? due + " AND pause_end_date > ?" : due;
    }

    private Object[] dueValues(Instant now) {
      return this == PAUSE_START ? new Object[] {utc(now), utc(now)} : new Object[] {utc(now)};
    }
  }

  /**
   * Mandates whose {@code date} has come at {@code now}, of one merchant or of all, earliest first.
   * Read without a lock: each is claimed with {@link #claimIfDue} before it changes.
   */
  public List<MandateRecord> due(DueDate date, Optional<String> merchantId, Instant now, int limit)
      throws SQLException {
    List<Object> values = new ArrayList<>();
    String condition = date.dueCondition();
    values.addAll(List.of(date.dueValues(now)));
    if (merchantId.isPresent()) {
      condition = "merchant_id = ? AND " + condition;
      values.add(0, merchantId.get());
    }
    return query(condition + " ORDER BY " + date.column + " LIMIT " + limit, values.toArray());
  }

  /**
   * The mandate under a row lock if its {@code date} is still due at {@code now}; empty when it is
   * not (any more), or when another node holds it (SKIP LOCKED: that node is changing it).
   */
  Optional<MandateRecord> claimIfDue(String merchantId, String mandateId, DueDate date, Instant now)
      throws SQLException {
    List<Object> values = new ArrayList<>(List.of(merchantId, mandateId));
    values.addAll(List.of(date.dueValues(now)));
    return one(
        "merchant_id = ? AND mandate_id = ? AND " + date.dueCondition() + " FOR UPDATE SKIP LOCKED",
        values.toArray());
  }

  /** The earliest {@code date} of the merchant's mandates strictly after {@code after}. */
  public Optional<Instant> nextDue(DueDate date, String merchantId, Instant after)
      throws SQLException {
    String sql =
        "SELECT min("
            + date.column
            + ") FROM mandates WHERE merchant_id = ? AND "
            + date.applies
            + " AND "
            + date.column
            + " > ?";
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(sql)) {
      select.setString(1, merchantId);
      select.setObject(2, utc(after));
      try (ResultSet row = select.executeQuery()) {
        row.next();
        return instant(row, "min");
      }
    }
  }

  /** The mandate under a row lock, in the caller's transaction. */
  Optional<MandateRecord> lock(String merchantId, String mandateId) throws SQLException {
    return one("merchant_id = ? AND mandate_id = ? FOR UPDATE", merchantId, mandateId);
  }

  /** A new mandate, in the caller's transaction. */
  @WritesStatus
  void insert(MandateRecord m) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO mandates ("
                    + COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?,"
                    + " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      insert.setString(1, m.merchantId());
      insert.setString(2, m.mandateId());
      insert.setString(3, m.mandateToken());
      insert.setString(4, m.orderId());
      insert.setString(5, m.registrationTxnId());
      insert.setString(6, m.customerId().orElse(null));
      insert.setString(7, m.status().name());
      insert.setString(8, m.mandateType());
      insert.setString(9, m.paymentMethodType());
      insert.setString(10, m.paymentMethod());
      insert.setString(11, m.payerVpa().orElse(null));
      insert.setString(12, m.authType().orElse(null));
      insert.setString(13, m.bankDetails().isPresent() ? write(m.bankDetails().get()) : null);
      insert.setBigDecimal(14, m.maxAmount().value());
      insert.setString(15, m.currency());
      insert.setString(16, m.amountRule().name());
      insert.setString(17, m.frequency().name());
      insert.setString(18, m.ruleType().orElse(null));
      if (m.ruleValue().isPresent()) {
        insert.setInt(19, m.ruleValue().get());
      } else {
        insert.setNull(19, Types.INTEGER);
      }
      insert.setObject(20, utc(m.startDate()));
      insert.setObject(21, utc(m.endDate()));
      insert.setBoolean(22, m.revokableByCustomer());
      insert.setBoolean(23, m.blockFund());
      setState(insert, 24, m);
      insert.setObject(29, utc(m.createdAt()));
      insert.setObject(30, utc(m.updatedAt()));
      insert.executeUpdate();
    }
  }

  /**
   * Writes where the mandate stands ({@code status} and what goes with it: the debit token, the
   * pause dates, the activation times), in the caller's transaction, which holds its row lock.
   */
  @WritesStatus
  void writeState(MandateRecord m) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement update =
            connection.prepareStatement(
                "UPDATE mandates SET status = ?, mandate_debit_token = ?, pause_start_date = ?,"
                    + " pause_end_date = ?, activated_at = ?, last_activated_at = ?,"
                    + " updated_at = ? WHERE merchant_id = ? AND mandate_id = ?")) {
      update.setString(1, m.status().name());
      setState(update, 2, m);
      update.setObject(7, utc(m.updatedAt()));
      update.setString(8, m.merchantId());
      update.setString(9, m.mandateId());
      if (update.executeUpdate() != 1) {
        throw new IllegalStateException("mandate " + m.mandateId() + " vanished");
      }
    }
  }

  /** The five state columns after status, from {@code index}. */
  private static void setState(PreparedStatement statement, int index, MandateRecord m)
      throws SQLException {
    statement.setString(index, m.debitToken().orElse(null));
    statement.setObject(index + 1, m.pauseStartDate().map(MandateStore::utc).orElse(null));
    statement.setObject(index + 2, m.pauseEndDate().map(MandateStore::utc).orElse(null));
    statement.setObject(index + 3, m.activatedAt().map(MandateStore::utc).orElse(null));
    statement.setObject(index + 4, m.lastActivatedAt().map(MandateStore::utc).orElse(null));
  }

  private Optional<MandateRecord> one(String condition, Object... values) throws SQLException {
    return query(condition, values).stream().findFirst();
  }

  private List<MandateRecord> query(String condition, Object... values) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT " + COLUMNS + " FROM mandates WHERE " + condition)) {
      for (int i = 0; i < values.length; i++) {
        select.setObject(i + 1, values[i]);
      }
      List<MandateRecord> found = new ArrayList<>();
      try (ResultSet row = select.executeQuery()) {
        while (row.next()) {
          found.add(read(row));
        }
      }
      return found;
    }
  }

  private MandateRecord read(ResultSet row) throws SQLException {
    String currency = row.getString("currency");
    int ruleValue = row.getInt("rule_value");
    Optional<Integer> rule = row.wasNull() ? Optional.empty() : Optional.of(ruleValue);
    String bank = row.getString("bank_details");
    return new MandateRecord(
        row.getString("merchant_id"),
        row.getString("mandate_id"),
        row.getString("mandate_token"),
        row.getString("order_id"),
        row.getString("registration_txn_id"),
        Optional.ofNullable(row.getString("customer_id")),
        MandateStatus.valueOf(row.getString("status")),
        row.getString("mandate_type"),
        row.getString("payment_method_type"),
        row.getString("payment_method"),
        Optional.ofNullable(row.getString("payer_vpa")),
        Optional.ofNullable(row.getString("auth_type")),
        bank == null ? Optional.empty() : Optional.of(read(bank)),
        Amount.of(row.getBigDecimal("max_amount"), currency),
        currency,
        AmountRule.valueOf(row.getString("amount_rule")),
        Frequency.valueOf(row.getString("frequency")),
        Optional.ofNullable(row.getString("rule_type")),
        rule,
        instant(row, "start_date").orElseThrow(),
        instant(row, "end_date").orElseThrow(),
        row.getBoolean("revokable_by_customer"),
        row.getBoolean("block_fund"),
        Optional.ofNullable(row.getString("mandate_debit_token")),
        instant(row, "pause_start_date"),
        instant(row, "pause_end_date"),
        instant(row, "activated_at"),
        instant(row, "last_activated_at"),
        instant(row, "created_at").orElseThrow(),
        instant(row, "updated_at").orElseThrow());
  }

  private String write(BankDetails bank) {
    try {
      return json.writeValueAsString(bank);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("bank details of a mandate", e);
    }
  }

  private BankDetails read(String bank) {
    try {
      return json.readValue(bank, BankDetails.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored bank details of a mandate", e);
    }
  }

  private static Optional<Instant> instant(ResultSet row, String column) throws SQLException {
    Timestamp value = row.getTimestamp(column);
    return value == null ? Optional.empty() : Optional.of(value.toInstant());
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
