package dev.paysession;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The migrated schema can be sharded by merchant (docs/scaling.md): every table but the named
 * reference tables ({@link DistributionRules#REFERENCE_TABLES}) has a primary key that starts with
 * {@code merchant_id}, and every unique index and foreign key carries it. The catalog is read live,
 * so a table a later migration adds is held to the same rules.
 */
@QuarkusTest
class DistributableSchemaTest {

  @Inject AgroalDataSource dataSource;

  @Test
  void everyTableIsKeyedByMerchant() throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      List<DistributionRules.Table> tables = DistributionRules.read(connection);
      assertThat(tables).extracting(DistributionRules.Table::name).contains("orders", "refunds");
      assertThat(DistributionRules.violations(tables))
          .as(
              "Tables that could not be distributed by merchant_id (docs/scaling.md, 'Rules that"
                  + " keep the schema distributable'). Key the table by merchant_id, or, for an"
                  + " installation-wide table, add it with its reason to"
                  + " DistributionRules.REFERENCE_TABLES")
          .isEmpty();
    }
  }

  /**
   * The check is not vacuous: a table that breaks each rule, made and rolled back here, is named.
   */
  @Test
  void aTableNotKeyedByMerchantIsNamedWithTheRuleItBreaks() throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try (Statement ddl = connection.createStatement()) {
        ddl.execute(
            "CREATE TABLE scale_check_parent (merchant_id text, parent_id text,"
                + " PRIMARY KEY (merchant_id, parent_id), UNIQUE (parent_id))");
        ddl.execute(
            "CREATE TABLE scale_check_child (child_id text PRIMARY KEY, merchant_id text,"
                + " parent_id text, other_merchant text,"
                + " FOREIGN KEY (other_merchant, parent_id)"
                + " REFERENCES scale_check_parent (merchant_id, parent_id))");
        ddl.execute("CREATE TABLE scale_check_keyless (merchant_id text)");
        ddl.execute("CREATE UNIQUE INDEX scale_check_lower ON scale_check_keyless (lower('x'))");
        List<String> violations =
            DistributionRules.violations(DistributionRules.read(connection)).stream()
                .filter(v -> v.startsWith("scale_check_"))
                .toList();
        assertThat(violations)
            .containsExactlyInAnyOrder(
                "scale_check_parent: unique index scale_check_parent_parent_id_key [parent_id]"
                    + " must include merchant_id (a shard can only enforce uniqueness within one"
                    + " merchant)",
                "scale_check_child: primary key [child_id] must start with merchant_id (rows are"
                    + " sharded by merchant)",
                "scale_check_child: unique index scale_check_child_pkey [child_id] must include"
                    + " merchant_id (a shard can only enforce uniqueness within one merchant)",
                "scale_check_child: foreign key scale_check_child_other_merchant_parent_id_fkey"
                    + " [other_merchant, parent_id] -> scale_check_parent[merchant_id, parent_id]"
                    + " must map merchant_id to merchant_id (a row may only point into its own"
                    + " merchant's shard)",
                "scale_check_keyless: has no primary key; it needs one starting with merchant_id",
                "scale_check_keyless: unique index scale_check_lower [null] must include"
                    + " merchant_id (a shard can only enforce uniqueness within one merchant)");
      } finally {
        connection.rollback();
      }
    }
  }
}
