package dev.paysession.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paysession.db.EmbeddedDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * With {@code QUARKUS_DATASOURCE_JDBC_URL} set, the server uses that database and starts no
 * PostgreSQL of its own. The "external" database is a second embedded PostgreSQL run by this test.
 */
class ExternalDatabaseIT {

  private static final String ADMIN_TOKEN = "it-admin-token-0123456789-012345";

  private Path externalDir;
  private EmbeddedDatabase external;
  private Path dataDir;
  private PackagedServer server;

  @AfterEach
  void cleanUp() throws Exception {
    try {
      if (server != null) {
        server.close();
      }
      PackagedServer.deleteDataDir(dataDir);
    } finally {
      if (external != null) {
        external.close();
      }
      PackagedServer.deleteDataDir(externalDir);
    }
  }

  @Test
  void runsAgainstAnExternalDatabaseWithoutStartingItsOwn() throws Exception {
    externalDir = PackagedServer.newDataDir("external-pg");
    external = EmbeddedDatabase.start(externalDir, 0);
    dataDir = PackagedServer.newDataDir("external-app");

    server =
        PackagedServer.start(
            dataDir,
            PackagedServer.env(
                "QUARKUS_DATASOURCE_JDBC_URL",
                external.jdbcUrl(),
                "QUARKUS_DATASOURCE_USERNAME",
                external.username(),
                "QUARKUS_DATASOURCE_PASSWORD",
                external.password(),
                "PAYSESSION_ADMIN_TOKEN",
                ADMIN_TOKEN));
    System.out.printf(
        "ExternalDatabaseIT: ready in %d ms against %s%n",
        server.startupTime().toMillis(), external.jdbcUrl());

    assertThat(dataDir.resolve("pg")).as("no embedded PostgreSQL data directory").doesNotExist();
    assertThat(dataDir.resolve("postgres.log")).doesNotExist();
    assertThat(server.output())
        .as("no demo merchant on an external database")
        .doesNotContain("API key");

    Sessions sessions =
        Sessions.newMerchant(server, ADMIN_TOKEN, "ext_merchant", "External", "ext_client");

    Sessions.Reply reply = sessions.createOrFail("ext-order-1", "12.34");
    assertThat(reply.status()).as(reply.raw()).isEqualTo(200);

    try (Connection connection =
            DriverManager.getConnection(
                external.jdbcUrl(), external.username(), external.password());
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT id, amount FROM orders WHERE merchant_id = ? AND order_id = ?")) {
      select.setString(1, "ext_merchant");
      select.setString(2, "ext-order-1");
      try (ResultSet row = select.executeQuery()) {
        assertThat(row.next()).as("the order is in the external database").isTrue();
        assertThat(row.getString("id")).isEqualTo(reply.id());
        assertThat(row.getBigDecimal("amount")).isEqualByComparingTo("12.34");
      }
    }

    server.stop();
    assertThat(dataDir.resolve("pg")).doesNotExist();
    try (Connection connection =
        DriverManager.getConnection(external.jdbcUrl(), external.username(), external.password())) {
      assertThat(connection.isValid(5))
          .as("stopping the server leaves the external database alone")
          .isTrue();
    }
  }
}
