package dev.paysession;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No SQL in the code joins rows of two merchants: every JOIN's condition equates merchant_id on
 * both sides, so on a schema sharded by merchant each join runs inside one shard (docs/scaling.md).
 */
class DistributableSqlTest {

  @Test
  void everyJoinInTheCodeStaysWithinOneMerchant() throws IOException {
    List<String> broken = new ArrayList<>();
    int joins = 0;
    try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
        for (String sql : DistributionRules.sqlOf(Files.readString(file))) {
          joins++;
          DistributionRules.crossMerchantJoins(sql).forEach(j -> broken.add(file + ": " + j));
        }
      }
    }
    assertThat(joins).as("statements with a JOIN found in src/main/java").isPositive();
    assertThat(broken)
        .as(
            "Joins that could cross merchants (docs/scaling.md, 'Rules that keep the schema"
                + " distributable'): add merchant_id = merchant_id to the join's ON")
        .isEmpty();
  }

  @Test
  void statementsAreReadAcrossConcatenatedLiterals() {
    String source =
        "class X {\n"
            + "  static final String A = \"SELECT o.id FROM orders o JOIN transactions t\"\n"
            + "      + \" ON t.order_id = o.order_id\" + SUFFIX\n"
            + "      + \" WHERE o.merchant_id = ?\";\n"
            + "  static final String B = \"no sql here\";\n"
            + "}\n";
    assertThat(DistributionRules.sqlOf(source))
        .containsExactly(
            "SELECT o.id FROM orders o JOIN transactions t ON t.order_id = o.order_id"
                + " WHERE o.merchant_id = ?");
  }

  @Test
  void aJoinWithoutTheMerchantInItsConditionIsNamed() {
    assertThat(
            DistributionRules.crossMerchantJoins(
                "SELECT 1 FROM orders o JOIN transactions t ON t.order_id = o.order_id"
                    + " WHERE o.merchant_id = ? AND t.merchant_id = ?"))
        .singleElement()
        .asString()
        .startsWith("ON without merchant_id = merchant_id");
    assertThat(DistributionRules.crossMerchantJoins("SELECT 1 FROM orders CROSS JOIN merchants"))
        .singleElement()
        .asString()
        .startsWith("join without ON or USING");
    assertThat(
            DistributionRules.crossMerchantJoins(
                "SELECT 1 FROM orders JOIN refunds USING (order_id) WHERE x"))
        .singleElement()
        .asString()
        .startsWith("USING without merchant_id");
  }

  @Test
  void joinsWithinOneMerchantPass() {
    assertThat(
            DistributionRules.crossMerchantJoins(
                "SELECT 1 FROM orders o JOIN transactions t"
                    + " ON t.merchant_id = o.merchant_id AND t.order_id = o.order_id"
                    + " LEFT JOIN refunds r USING (merchant_id, order_id) WHERE o.id = ?"))
        .isEmpty();
  }
}
