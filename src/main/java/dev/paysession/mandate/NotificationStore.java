package dev.paysession.mandate;

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
import java.util.Optional;

/**
 * The {@code mandate_notifications} table, the only class that names it in SQL; joins the caller's
 * transaction.
 */
@ApplicationScoped
class NotificationStore {

  private static final String COLUMNS =
      "merchant_id, notification_id, mandate_id, object_reference_id, description, amount,"
          + " currency, txn_date, display_invoice_number, status, provider_name, provider_ref_id,"
          + " response_code, response_message, created_at, updated_at";

  private final AgroalDataSource dataSource;

  NotificationStore(AgroalDataSource dataSource) {
    this.dataSource = dataSource;
  }

  void insert(NotificationRecord n) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO mandate_notifications ("
                    + COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      insert.setString(1, n.merchantId());
      insert.setString(2, n.notificationId());
      insert.setString(3, n.mandateId());
      insert.setString(4, n.objectReferenceId());
      insert.setString(5, n.description().orElse(null));
      insert.setBigDecimal(6, n.amount().value());
      insert.setString(7, n.currency());
      insert.setObject(8, utc(n.txnDate()));
      insert.setString(9, n.displayInvoiceNumber().orElse(null));
      insert.setString(10, n.status());
      insert.setString(11, n.providerName());
      insert.setString(12, n.providerRefId());
      insert.setString(13, n.responseCode().orElse(null));
      insert.setString(14, n.responseMessage().orElse(null));
      insert.setObject(15, utc(n.createdAt()));
      insert.setObject(16, utc(n.updatedAt()));
      insert.executeUpdate();
    }
  }

  Optional<NotificationRecord> byId(String merchantId, String notificationId) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT "
                    + COLUMNS
                    + " FROM mandate_notifications WHERE merchant_id = ? AND notification_id = ?")) {
      select.setString(1, merchantId);
      select.setString(2, notificationId);
      try (ResultSet row = select.executeQuery()) {
        if (!row.next()) {
          return Optional.empty();
        }
        String currency = row.getString("currency");
        return Optional.of(
            new NotificationRecord(
                row.getString("merchant_id"),
                row.getString("notification_id"),
                row.getString("mandate_id"),
                row.getString("object_reference_id"),
                Optional.ofNullable(row.getString("description")),
                Amount.of(row.getBigDecimal("amount"), currency),
                currency,
                row.getTimestamp("txn_date").toInstant(),
                Optional.ofNullable(row.getString("display_invoice_number")),
                row.getString("status"),
                row.getString("provider_name"),
                row.getString("provider_ref_id"),
                Optional.ofNullable(row.getString("response_code")),
                Optional.ofNullable(row.getString("response_message")),
                row.getTimestamp("created_at").toInstant(),
                row.getTimestamp("updated_at").toInstant()));
      }
    }
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
