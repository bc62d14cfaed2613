package dev.paysession.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * The PostgreSQL server the tests use instead of the embedded one when {@code
 * PAYSESSION_TEST_DATABASE_URL} is set (CI's second pass: Debian's PostgreSQL, see {@code
 * .ci/run}). The URL names a maintenance database on that server; every test application and every
 * packaged server gets a database of its own there, so runs stay as isolated as with the embedded
 * default.
 *
 * <p>{@code PAYSESSION_TEST_DATABASE_USER} (default {@code postgres}) must be allowed to create
 * databases; {@code PAYSESSION_TEST_DATABASE_PASSWORD} defaults to empty.
 */
public final class ExternalTestDatabase {

  public static final String URL_VARIABLE = "PAYSESSION_TEST_DATABASE_URL";

  private final String maintenanceUrl;
  private final String user;
  private final String password;

  private ExternalTestDatabase(String maintenanceUrl, String user, String password) {
    this.maintenanceUrl = maintenanceUrl;
    this.user = user;
    this.password = password;
  }

  /** The external server, when this run was asked to use one. */
  public static Optional<ExternalTestDatabase> configured() {
    String url = System.getenv(URL_VARIABLE);
    if (url == null || url.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(
        new ExternalTestDatabase(
            url.trim(),
            envOr("PAYSESSION_TEST_DATABASE_USER", "postgres"),
            envOr("PAYSESSION_TEST_DATABASE_PASSWORD", "")));
  }

  /**
   * Skips the calling test when the run uses an external database, for tests that are about the
   * embedded PostgreSQL itself (its launcher, its files, its processes): they ran in the embedded
   * pass and have nothing to say about another server.
   */
  public static void skipIfConfigured(String why) {
    if (configured().isPresent()) {
      String message = "Skipped on the external database (" + URL_VARIABLE + " is set): " + why;
      // Surefire counts a class aborted in @BeforeAll as zero tests: say so in the log.
      System.out.println(message);
      Assumptions.abort(message);
    }
  }

  /** Creates {@code name} unless it exists; returns its JDBC URL. */
  public String createDatabase(String name) {
    String database = safe(name);
    try (Connection connection = DriverManager.getConnection(maintenanceUrl, user, password);
        PreparedStatement exists =
            connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
      exists.setString(1, database);
      try (ResultSet row = exists.executeQuery()) {
        if (!row.next()) {
          try (Statement create = connection.createStatement()) {
            create.execute("CREATE DATABASE " + database);
          }
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Could not create test database " + database, e);
    }
    return urlOf(name);
  }

  /** Drops {@code name}, closing any connection a killed server left behind. */
  public void dropDatabase(String name) {
    try (Connection connection = DriverManager.getConnection(maintenanceUrl, user, password);
        Statement drop = connection.createStatement()) {
      drop.execute("DROP DATABASE IF EXISTS " + safe(name) + " WITH (FORCE)");
    } catch (SQLException e) {
      System.err.println("Could not drop test database " + name + ": " + e.getMessage());
    }
  }

  public String user() {
    return user;
  }

  public String password() {
    return password;
  }

  /** The maintenance URL with its database name replaced, its parameters kept. */
  public String urlOf(String name) {
    String database = safe(name);
    int query = maintenanceUrl.indexOf('?');
    String base = query < 0 ? maintenanceUrl : maintenanceUrl.substring(0, query);
    String params = query < 0 ? "" : maintenanceUrl.substring(query);
    return base.substring(0, base.lastIndexOf('/') + 1) + database + params;
  }

  /** Lower-case letters, digits and underscores only: the name is spliced into DDL. */
  private static String safe(String name) {
    String cleaned = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
    return cleaned.length() > 60 ? cleaned.substring(0, 60) : cleaned;
  }

  private static String envOr(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
