package dev.paysession.customer;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** The {@code customers} and {@code customer_auth_tokens} tables. */
@ApplicationScoped
class CustomerStore {

  private static final String COLUMNS =
      "merchant_id, customer_id, object_reference_id, mobile_country_code, mobile_number,"
          + " email_address, first_name, last_name, created_at, updated_at";

  /** Our id or the merchant's reference: object references never look like our ids. */
  private static final String NAMED =
      "merchant_id = ? AND (customer_id = ? OR object_reference_id = ?)";

  private final AgroalDataSource dataSource;

  CustomerStore(AgroalDataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Stores a new customer; empty when the merchant has one with this object reference already (the
   * unique constraint decides, so two concurrent creates cannot both succeed).
   */
  Optional<Customer> insert(Customer customer) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO customers ("
                    + COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT ON CONSTRAINT customers_reference_unique DO NOTHING")) {
      insert.setString(1, customer.merchantId());
      insert.setString(2, customer.id());
      insert.setString(3, customer.objectReferenceId());
      insert.setString(4, customer.mobileCountryCode());
      insert.setString(5, customer.mobileNumber());
      insert.setString(6, customer.emailAddress().orElse(null));
      insert.setString(7, customer.firstName().orElse(null));
      insert.setString(8, customer.lastName().orElse(null));
      insert.setObject(9, utc(customer.dateCreated()));
      insert.setObject(10, utc(customer.lastUpdated()));
      return insert.executeUpdate() == 1 ? Optional.of(customer) : Optional.empty();
    }
  }

  /** The merchant's customer named by our id or by the merchant's object reference. */
  Optional<Customer> find(String merchantId, String name) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      return find(connection, merchantId, name, "");
    }
  }

  /**
   * Changes a customer under its row lock, so two concurrent updates of different fields both land;
   * {@code last_updated} moves only when a value changed. Empty for an unknown customer.
   */
  Optional<Customer> change(
      String merchantId, String name, UnaryOperator<Customer> change, Instant now)
      throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        Optional<Customer> existing = find(connection, merchantId, name, " FOR UPDATE");
        if (existing.isEmpty()) {
          connection.rollback();
          return Optional.empty();
        }
        Customer before = existing.get();
        Customer changed = change.apply(before);
        if (changed.equals(before)) {
          connection.rollback();
          return existing;
        }
        changed =
            new Customer(
                changed.merchantId(),
                changed.id(),
                changed.objectReferenceId(),
                changed.mobileCountryCode(),
                changed.mobileNumber(),
                changed.emailAddress(),
                changed.firstName(),
                changed.lastName(),
                changed.dateCreated(),
                now);
        try (PreparedStatement update =
            connection.prepareStatement(
                "UPDATE customers SET mobile_country_code = ?, mobile_number = ?,"
                    + " email_address = ?, first_name = ?, last_name = ?, updated_at = ?"
                    + " WHERE merchant_id = ? AND customer_id = ?")) {
          update.setString(1, changed.mobileCountryCode());
          update.setString(2, changed.mobileNumber());
          update.setString(3, changed.emailAddress().orElse(null));
          update.setString(4, changed.firstName().orElse(null));
          update.setString(5, changed.lastName().orElse(null));
          update.setObject(6, utc(now));
          update.setString(7, merchantId);
          update.setString(8, changed.id());
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

  /**
   * Stores a client auth token's hash for a customer, and forgets the customer's expired ones, so
   * the table holds at most the tokens still valid.
   */
  void issueToken(
      String merchantId, String customerId, byte[] tokenHash, Instant expiresAt, Instant now)
      throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      try (PreparedStatement purge =
          connection.prepareStatement(
              "DELETE FROM customer_auth_tokens"
                  + " WHERE merchant_id = ? AND customer_id = ? AND expires_at <= ?")) {
        purge.setString(1, merchantId);
        purge.setString(2, customerId);
        purge.setObject(3, utc(now));
        purge.executeUpdate();
      }
      try (PreparedStatement insert =
          connection.prepareStatement(
              "INSERT INTO customer_auth_tokens"
                  + " (merchant_id, token_hash, customer_id, expires_at, created_at)"
                  + " VALUES (?, ?, ?, ?, ?)")) {
        insert.setString(1, merchantId);
        insert.setBytes(2, tokenHash);
        insert.setString(3, customerId);
        insert.setObject(4, utc(expiresAt));
        insert.setObject(5, utc(now));
        insert.executeUpdate();
      }
    }
  }

  /** The customer a token of this merchant was issued for, and when it expires. */
  Optional<TokenGrant> token(String merchantId, byte[] tokenHash) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT customer_id, expires_at FROM customer_auth_tokens"
                    + " WHERE merchant_id = ? AND token_hash = ?")) {
      select.setString(1, merchantId);
      select.setBytes(2, tokenHash);
      try (ResultSet row = select.executeQuery()) {
        return row.next()
            ? Optional.of(
                new TokenGrant(
                    row.getString("customer_id"), row.getTimestamp("expires_at").toInstant()))
            : Optional.empty();
      }
    }
  }

  /** What a customer's client auth token opens: that customer, until it expires. */
  record TokenGrant(String customerId, Instant expiresAt) {}

  private static Optional<Customer> find(
      Connection connection, String merchantId, String name, String lock) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT " + COLUMNS + " FROM customers WHERE " + NAMED + lock)) {
      select.setString(1, merchantId);
      select.setString(2, name);
      select.setString(3, name);
      try (ResultSet row = select.executeQuery()) {
        return row.next() ? Optional.of(read(row)) : Optional.empty();
      }
    }
  }

  private static Customer read(ResultSet row) throws SQLException {
    return new Customer(
        row.getString("merchant_id"),
        row.getString("customer_id"),
        row.getString("object_reference_id"),
        row.getString("mobile_country_code"),
        row.getString("mobile_number"),
        Optional.ofNullable(row.getString("email_address")),
        Optional.ofNullable(row.getString("first_name")),
        Optional.ofNullable(row.getString("last_name")),
        row.getTimestamp("created_at").toInstant(),
        row.getTimestamp("updated_at").toInstant());
  }

  private static Object utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
