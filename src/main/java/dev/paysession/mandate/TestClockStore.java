package dev.paysession.mandate;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The {@code merchant_test_clocks} table, the only class that names it in SQL. */
@ApplicationScoped
class TestClockStore {

  private final AgroalDataSource dataSource;

  TestClockStore(AgroalDataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** How far the merchant's clock is ahead of the installation's; empty when never moved. */
  Optional<Duration> offset(String merchantId) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT offset_millis FROM merchant_test_clocks WHERE merchant_id = ?")) {
      select.setString(1, merchantId);
      try (ResultSet row = select.executeQuery()) {
        return row.next() ? Optional.of(Duration.ofMillis(row.getLong(1))) : Optional.empty();
      }
    }
  }

  /** The merchants whose clocks are ahead. */
  List<String> merchantsAhead() throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT merchant_id FROM merchant_test_clocks WHERE offset_millis > 0")) {
      List<String> merchants = new ArrayList<>();
      try (ResultSet row = select.executeQuery()) {
        while (row.next()) {
          merchants.add(row.getString(1));
        }
      }
      return merchants;
    }
  }

  /**
   * Moves the merchant's clock to {@code offset} ahead, never back: of two racing moves the later
   * time wins. Answers the offset stored.
   */
  Duration moveForward(String merchantId, Duration offset, Instant now) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement upsert =
            connection.prepareStatement(
                "INSERT INTO merchant_test_clocks (merchant_id, offset_millis, updated_at)"
                    + " VALUES (?, ?, ?) ON CONFLICT (merchant_id) DO UPDATE SET offset_millis ="
                    + " GREATEST(merchant_test_clocks.offset_millis, EXCLUDED.offset_millis),"
                    + " updated_at = EXCLUDED.updated_at RETURNING offset_millis")) {
      upsert.setString(1, merchantId);
      upsert.setLong(2, Math.max(0, offset.toMillis()));
      upsert.setObject(3, now.atOffset(ZoneOffset.UTC));
      try (ResultSet row = upsert.executeQuery()) {
        row.next();
        return Duration.ofMillis(row.getLong(1));
      }
    }
  }
}
