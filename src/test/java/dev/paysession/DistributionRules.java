package dev.paysession;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rules that keep the schema distributable by merchant (Citus-style: tables sharded by {@code
 * merchant_id}, a few small reference tables copied to every node). A table that breaks them could
 * not be sharded without a rewrite; the checks read the live catalog, so tables added later are
 * checked too.
 */
final class DistributionRules {

  static final String DISTRIBUTION_COLUMN = "merchant_id";

  /**
   * Installation-wide tables with no merchant: copied whole to every node (Citus reference tables)
   * or kept on the coordinator. Keep this list short; each entry needs a reason.
   */
  static final Map<String, String> REFERENCE_TABLES =
      Map.of(
          "flyway_schema_history", "Flyway's own bookkeeping: one per database, not data",
          "installation_secret", "secrets of the installation (API-key pepper), not of a merchant");

  private DistributionRules() {}

  /** A table as the catalog describes it: columns named, in key order. */
  record Table(
      String name, List<String> primaryKey, List<UniqueIndex> uniques, List<ForeignKey> foreign) {}

  /** Columns of a unique index; an expression in the index reads as {@code null}. */
  record UniqueIndex(String name, List<String> columns) {}

  /** Referencing columns, the referenced table and its columns, position by position. */
  record ForeignKey(String name, List<String> columns, String target, List<String> targetColumns) {}

  /** Every rule each table breaks, one line each, naming the table, the rule and the fix. */
  static List<String> violations(List<Table> tables) {
    List<String> broken = new ArrayList<>();
    for (Table table : tables) {
      if (REFERENCE_TABLES.containsKey(table.name())) {
        continue;
      }
      if (table.primaryKey().isEmpty()) {
        broken.add(table.name() + ": has no primary key; it needs one starting with merchant_id");
      } else if (!DISTRIBUTION_COLUMN.equals(table.primaryKey().get(0))) {
        broken.add(
            table.name()
                + ": primary key "
                + table.primaryKey()
                + " must start with merchant_id (rows are sharded by merchant)");
      }
      for (UniqueIndex unique : table.uniques()) {
        if (!unique.columns().contains(DISTRIBUTION_COLUMN)) {
          broken.add(
              table.name()
                  + ": unique index "
                  + unique.name()
                  + " "
                  + unique.columns()
                  + " must include merchant_id (a shard can only enforce uniqueness within one"
                  + " merchant)");
        }
      }
      for (ForeignKey key : table.foreign()) {
        if (REFERENCE_TABLES.containsKey(key.target())) {
          continue;
        }
        int at = key.columns().indexOf(DISTRIBUTION_COLUMN);
        if (at < 0 || !DISTRIBUTION_COLUMN.equals(key.targetColumns().get(at))) {
          broken.add(
              table.name()
                  + ": foreign key "
                  + key.name()
                  + " "
                  + key.columns()
                  + " -> "
                  + key.target()
                  + key.targetColumns()
                  + " must map merchant_id to merchant_id (a row may only point into its own"
                  + " merchant's shard)");
        }
      }
    }
    return broken;
  }

  /** The ordinary tables of the connection's current schema, with their keys. */
  static List<Table> read(Connection connection) throws SQLException {
    Map<String, List<String>> primaryKeys = new TreeMap<>();
    Map<String, List<UniqueIndex>> uniques = new TreeMap<>();
    Map<String, List<ForeignKey>> foreign = new TreeMap<>();
    try (PreparedStatement select =
            connection.prepareStatement(
                "SELECT c.relname FROM pg_class c"
                    + " WHERE c.relnamespace = current_schema()::regnamespace"
                    + " AND c.relkind IN ('r', 'p') AND NOT c.relispartition");
        ResultSet rows = select.executeQuery()) {
      while (rows.next()) {
        String table = rows.getString(1);
        primaryKeys.put(table, List.of());
        uniques.put(table, new ArrayList<>());
        foreign.put(table, new ArrayList<>());
      }
    }
    // Unique indexes, the primary key's own included; column names in index order, NULL for an
    // expression (attnum 0).
    try (PreparedStatement select =
            connection.prepareStatement(
                "SELECT t.relname, i.relname, x.indisprimary,"
                    + " array(SELECT a.attname FROM unnest(x.indkey::int2[]) WITH ORDINALITY"
                    + " AS k(attnum, n) LEFT JOIN pg_attribute a"
                    + " ON a.attrelid = x.indrelid AND a.attnum = k.attnum ORDER BY k.n)"
                    + " FROM pg_index x JOIN pg_class t ON t.oid = x.indrelid"
                    + " JOIN pg_class i ON i.oid = x.indexrelid"
                    + " WHERE x.indisunique AND t.relnamespace = current_schema()::regnamespace");
        ResultSet rows = select.executeQuery()) {
      while (rows.next()) {
        String table = rows.getString(1);
        if (!uniques.containsKey(table)) {
          continue;
        }
        List<String> columns = Arrays.asList((String[]) rows.getArray(4).getArray());
        uniques.get(table).add(new UniqueIndex(rows.getString(2), columns));
        if (rows.getBoolean(3)) {
          primaryKeys.put(table, columns);
        }
      }
    }
    try (PreparedStatement select =
            connection.prepareStatement(
                "SELECT t.relname, k.conname, r.relname,"
                    + " array(SELECT a.attname FROM unnest(k.conkey) WITH ORDINALITY AS c(attnum, n)"
                    + " JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = c.attnum"
                    + " ORDER BY c.n),"
                    + " array(SELECT a.attname FROM unnest(k.confkey) WITH ORDINALITY"
                    + " AS c(attnum, n) JOIN pg_attribute a"
                    + " ON a.attrelid = k.confrelid AND a.attnum = c.attnum ORDER BY c.n)"
                    + " FROM pg_constraint k JOIN pg_class t ON t.oid = k.conrelid"
                    + " JOIN pg_class r ON r.oid = k.confrelid"
                    + " WHERE k.contype = 'f' AND t.relnamespace = current_schema()::regnamespace");
        ResultSet rows = select.executeQuery()) {
      while (rows.next()) {
        String table = rows.getString(1);
        if (!foreign.containsKey(table)) {
          continue;
        }
        foreign
            .get(table)
            .add(
                new ForeignKey(
                    rows.getString(2),
                    Arrays.asList((String[]) rows.getArray(4).getArray()),
                    rows.getString(3),
                    Arrays.asList((String[]) rows.getArray(5).getArray())));
      }
    }
    List<Table> tables = new ArrayList<>();
    primaryKeys.forEach(
        (name, key) -> tables.add(new Table(name, key, uniques.get(name), foreign.get(name))));
    return tables;
  }

  // --- joins in the SQL of the code ---------------------------------------------------------

  private static final Pattern STRING_LITERAL = Pattern.compile("\"((?:[^\"\\\\\\n]|\\\\.)*)\"");
  private static final Pattern TEXT_BLOCK = Pattern.compile("\"\"\"(.*?)\"\"\"", Pattern.DOTALL);
  private static final Pattern JOIN =
      Pattern.compile("\\bJOIN\\b", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
  private static final Pattern CONDITION =
      Pattern.compile("\\b(ON|USING)\\b", Pattern.CASE_INSENSITIVE);

  /** Where a join's condition ends: the next clause, join or subquery keyword. */
  private static final Pattern CONDITION_END =
      Pattern.compile(
          "\\b(JOIN|WHERE|GROUP|ORDER|LIMIT|FOR|RETURNING|UNION|SELECT|SET|WINDOW|HAVING)\\b",
          Pattern.CASE_INSENSITIVE);

  private static final Pattern SAME_MERCHANT =
      Pattern.compile(
          "\\b(\\w+\\.)?merchant_id\\s*=\\s*(\\w+\\.)?merchant_id\\b", Pattern.CASE_INSENSITIVE);
  private static final Pattern USING_MERCHANT =
      Pattern.compile("^\\s*\\([^)]*\\bmerchant_id\\b", Pattern.CASE_INSENSITIVE);

  /**
   * The SQL of one Java source: its string literals, the literals of one expression (joined by
   * {@code +}, with constants or calls between them) run together, so a statement split over lines
   * reads as one. Text blocks count as statements of their own.
   */
  static List<String> sqlOf(String javaSource) {
    List<String> statements = new ArrayList<>();
    Matcher block = TEXT_BLOCK.matcher(javaSource);
    while (block.find()) {
      statements.add(block.group(1));
    }
    String rest = TEXT_BLOCK.matcher(javaSource).replaceAll("\"\"");
    StringBuilder current = new StringBuilder();
    Matcher literal = STRING_LITERAL.matcher(rest);
    int end = -1;
    while (literal.find()) {
      String between = end < 0 ? "" : rest.substring(end, literal.start());
      // A literal continues the statement when only "+", a name, a call or a comment is between.
      boolean continues = end >= 0 && !between.contains(";") && between.contains("+");
      if (!continues && current.length() > 0) {
        statements.add(current.toString());
        current.setLength(0);
      }
      current.append(' ').append(literal.group(1));
      end = literal.end();
    }
    if (current.length() > 0) {
      statements.add(current.toString());
    }
    return statements.stream()
        .map(s -> s.replaceAll("\\s+", " ").trim())
        .filter(s -> JOIN.matcher(s).find())
        .toList();
  }

  /** Each join in {@code sql} whose condition does not equate merchant_id on both sides. */
  static List<String> crossMerchantJoins(String sql) {
    List<String> broken = new ArrayList<>();
    Matcher join = JOIN.matcher(sql);
    while (join.find()) {
      String after = sql.substring(join.end());
      Matcher condition = CONDITION.matcher(after);
      Matcher nextJoin = JOIN.matcher(after);
      boolean hasCondition =
          condition.find() && (!nextJoin.find() || condition.start() < nextJoin.start());
      String joined = excerpt(sql, join.start());
      if (!hasCondition) {
        broken.add("join without ON or USING: " + joined);
        continue;
      }
      String clause = after.substring(condition.end());
      if (condition.group(1).equalsIgnoreCase("USING")) {
        if (!USING_MERCHANT.matcher(clause).find()) {
          broken.add("USING without merchant_id: " + joined);
        }
        continue;
      }
      Matcher stop = CONDITION_END.matcher(clause);
      String on = stop.find() ? clause.substring(0, stop.start()) : clause;
      if (!SAME_MERCHANT.matcher(on).find()) {
        broken.add("ON without merchant_id = merchant_id: " + joined);
      }
    }
    return broken;
  }

  private static String excerpt(String sql, int at) {
    int from = Math.max(0, at - 40);
    int to = Math.min(sql.length(), at + 120);
    return "..." + sql.substring(from, to).replaceAll("\\s+", " ").trim() + "...";
  }
}
