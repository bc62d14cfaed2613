package dev.paysession.order;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SegmentedStringWriter;
import dev.paysession.order.PendingOrder.OrderKey;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The SQL of one group commit. New orders of many {@link OrderStore#createOrReuse} calls and their
 * tokens go in one statement, its own transaction: one round trip. Orders that already existed are
 * then re-opened (or refused) together in a second transaction. The rows travel as one JSON array,
 * read back with {@code json_to_recordset}, so the statement text is the same for every batch size
 * and stays prepared on the server.
 */
final class OrderBatch {

  /** The outcome of one pending order: stored, or refused by its {@code mayReuse}. */
  record Outcome(StoredOrder stored, RuntimeException refused) {}

  private static final JsonFactory JSON = new JsonFactory();
  private static final HexFormat HEX = HexFormat.of();

  /** Inserts new orders and their tokens; returns the keys of the orders it inserted. */
  private static final String INSERT_NEW =
      "WITH input AS (SELECT * FROM json_to_recordset(?::json) AS t(merchant_id text,"
          + " order_id text, id text, amount numeric, currency text, customer_id text,"
          + " routing_id text, payment_page_client_id text, action text, return_url text,"
          + " expires_at timestamptz, request jsonb, details jsonb, created_at timestamptz,"
          + " token_hash text,"
          + " token_expires_at timestamptz)),"
          + " inserted AS (INSERT INTO orders (merchant_id, order_id, id, status, amount, currency,"
          + " customer_id, routing_id, payment_page_client_id, action, return_url, expires_at,"
          + " request, details, created_at, updated_at)"
          + " SELECT merchant_id, order_id, id, '"
          + OrderStatus.NEW.name()
          + "', amount, currency, customer_id, routing_id, payment_page_client_id, action,"
          + " return_url, expires_at, request, details, created_at, created_at FROM input"
          + " ORDER BY merchant_id, order_id"
          + " ON CONFLICT (merchant_id, order_id) DO NOTHING RETURNING merchant_id, order_id),"
          + " tokens AS (INSERT INTO client_auth_tokens (merchant_id, token_hash, order_id,"
          + " expires_at) SELECT i.merchant_id, decode(i.token_hash, 'hex'), i.order_id,"
          + " i.token_expires_at FROM input i JOIN inserted n"
          + " ON n.merchant_id = i.merchant_id AND n.order_id = i.order_id)"
          + " SELECT merchant_id, order_id FROM inserted";

  /**
   * The rows that won the unique key, locked so that no payment can start on them (which would fix
   * their amount) and no other call can change them until this transaction ends. The lock is the
   * one the UPDATE of a changed amount takes, so reading and then writing never upgrades it.
   */
  private static final String SELECT_EXISTING =
      "SELECT o.merchant_id, o.order_id, o.id, o.status, o.amount, o.currency, o.return_url,"
          + " o.payment_page_client_id, o.expires_at, o.created_at, o.request, o.details, "
          + OrderStore.ATTEMPTS
          + " FROM orders o"
          + " JOIN json_to_recordset(?::json) AS k(merchant_id text, order_id text)"
          + " ON o.merchant_id = k.merchant_id AND o.order_id = k.order_id"
          + " ORDER BY o.merchant_id, o.order_id FOR NO KEY UPDATE OF o";

  /**
   * Re-opened orders that change ({@link StoredOrder#reopenedBy}): the caller's amount, and for an
   * order made by {@code POST /orders} that no session had opened, the session's client, action and
   * body.
   */
  private static final String UPDATE_REOPENED =
      "UPDATE orders o SET amount = u.amount,"
          + " action = CASE WHEN o.payment_page_client_id IS NULL"
          + " AND u.payment_page_client_id IS NOT NULL THEN u.action ELSE o.action END,"
          + " request = CASE WHEN o.payment_page_client_id IS NULL"
          + " AND u.payment_page_client_id IS NOT NULL THEN u.request ELSE o.request END,"
          + " payment_page_client_id = coalesce(o.payment_page_client_id, u.payment_page_client_id),"
          + " updated_at = u.updated_at"
          + " FROM json_to_recordset(?::json) AS u(merchant_id text, order_id text, amount numeric,"
          + " payment_page_client_id text, action text, request jsonb, updated_at timestamptz)"
          + " WHERE o.merchant_id = u.merchant_id AND o.order_id = u.order_id";

  private static final String INSERT_TOKENS =
      "INSERT INTO client_auth_tokens (merchant_id, token_hash, order_id, expires_at)"
          + " SELECT merchant_id, decode(token_hash, 'hex'), order_id, token_expires_at"
          + " FROM json_to_recordset(?::json)"
          + " AS t(merchant_id text, token_hash text, order_id text, token_expires_at timestamptz)";

  private OrderBatch() {}

  /**
   * Inserts every order of the batch that does not exist yet, with its token, in one statement run
   * as its own transaction: when this returns, those orders are committed (with {@code
   * synchronous_commit} on, PostgreSQL answers a statement in autocommit mode only after its commit
   * is flushed). Keys must be unique within the batch. Any exception means nothing was committed.
   *
   * @return the orders inserted; the others already existed
   */
  static Map<PendingOrder, StoredOrder> insertNew(Connection connection, List<PendingOrder> batch)
      throws SQLException {
    // Rows in key order, so two transactions writing overlapping keys lock them in the same order.
    List<PendingOrder> sorted = new ArrayList<>(batch);
    sorted.sort(
        Comparator.comparing((PendingOrder p) -> p.order().merchantId())
            .thenComparing(p -> p.order().orderId()));
    Set<OrderKey> inserted = new HashSet<>();
    connection.setAutoCommit(true);
    try (PreparedStatement insert = connection.prepareStatement(INSERT_NEW)) {
      insert.setString(1, newRows(sorted));
      try (ResultSet rows = insert.executeQuery()) {
        while (rows.next()) {
          inserted.add(new OrderKey(rows.getString(1), rows.getString(2)));
        }
      }
    }
    Map<PendingOrder, StoredOrder> created = new IdentityHashMap<>();
    for (PendingOrder pending : batch) {
      if (inserted.contains(pending.key())) {
        created.put(pending, StoredOrder.justCreated(pending.order()));
      }
    }
    return created;
  }

  /**
   * Orders that already existed, in one transaction: each is re-opened with a new token, or refused
   * by its {@code mayReuse} (nothing is then written for it). Any exception means nothing was
   * committed.
   */
  static Map<PendingOrder, Outcome> reuseExisting(
      Connection connection, List<PendingOrder> existing) throws SQLException {
    Map<PendingOrder, Outcome> outcomes = new IdentityHashMap<>();
    connection.setAutoCommit(false);
    try {
      lockAndReopen(connection, existing, outcomes);
      connection.commit();
      return outcomes;
    } catch (SQLException | RuntimeException e) {
      connection.rollback();
      throw e;
    }
  }

  private static void lockAndReopen(
      Connection connection, List<PendingOrder> existing, Map<PendingOrder, Outcome> outcomes)
      throws SQLException {
    Map<OrderKey, StoredOrder> stored = new HashMap<>();
    try (PreparedStatement select = connection.prepareStatement(SELECT_EXISTING)) {
      select.setString(1, keys(existing));
      try (ResultSet row = select.executeQuery()) {
        while (row.next()) {
          String orderId = row.getString("order_id");
          stored.put(
              new OrderKey(row.getString("merchant_id"), orderId),
              OrderStore.readExisting(row, orderId));
        }
      }
    }
    List<PendingOrder> reopened = new ArrayList<>();
    List<NewOrder> changed = new ArrayList<>();
    for (PendingOrder pending : existing) {
      StoredOrder order = stored.get(pending.key());
      if (order == null) {
        throw new IllegalStateException("order vanished after a unique-key conflict");
      }
      try {
        pending.mayReuse().accept(order);
      } catch (RuntimeException refused) {
        outcomes.put(pending, new Outcome(null, refused));
        continue;
      }
      StoredOrder reopenedOrder = order.reopenedBy(pending.order());
      if (order.differsFrom(reopenedOrder)) {
        changed.add(pending.order());
      }
      reopened.add(pending);
      outcomes.put(pending, new Outcome(reopenedOrder, null));
    }
    updateReopened(connection, changed);
    if (!reopened.isEmpty()) {
      try (PreparedStatement insert = connection.prepareStatement(INSERT_TOKENS)) {
        insert.setString(1, tokenRows(reopened));
        insert.executeUpdate();
      }
    }
  }

  /** Writes what re-opening changes on these orders (see {@link #UPDATE_REOPENED}); keys unique. */
  static void updateReopened(Connection connection, List<NewOrder> orders) throws SQLException {
    if (orders.isEmpty()) {
      return;
    }
    StringWriter out = new StringWriter(orders.size() * 512);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartArray();
      for (NewOrder order : orders) {
        g.writeStartObject();
        g.writeStringField("merchant_id", order.merchantId());
        g.writeStringField("order_id", order.orderId());
        g.writeStringField("amount", order.amount().value().toPlainString());
        g.writeStringField("payment_page_client_id", order.paymentPageClientId());
        g.writeStringField("action", order.action());
        g.writeFieldName("request");
        g.writeRawValue(order.requestJson());
        g.writeStringField("updated_at", order.createdAt().toString());
        g.writeEndObject();
      }
      g.writeEndArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try (PreparedStatement update = connection.prepareStatement(UPDATE_REOPENED)) {
      update.setString(1, out.toString());
      update.executeUpdate();
    }
  }

  private static String newRows(List<PendingOrder> batch) {
    StringBuilder rows = new StringBuilder(batch.size() * (batch.get(0).row().length() + 1) + 2);
    rows.append('[');
    for (PendingOrder pending : batch) {
      if (rows.length() > 1) {
        rows.append(',');
      }
      rows.append(pending.row());
    }
    return rows.append(']').toString();
  }

  /** One element of the array {@link #INSERT_NEW} reads. */
  static String row(NewOrder order, byte[] tokenHash, Instant tokenExpiry) {
    SegmentedStringWriter out = new SegmentedStringWriter(JSON._getBufferRecycler());
    try {
      writeRow(JSON.createGenerator(out), order, tokenHash, tokenExpiry);
      return out.getAndClear();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void writeRow(
      JsonGenerator generator, NewOrder order, byte[] tokenHash, Instant tokenExpiry)
      throws IOException {
    try (JsonGenerator g = generator) {
      g.writeStartObject();
      g.writeStringField("merchant_id", order.merchantId());
      g.writeStringField("order_id", order.orderId());
      g.writeStringField("id", order.id());
      g.writeStringField("amount", order.amount().value().toPlainString());
      g.writeStringField("currency", order.currency());
      g.writeStringField("customer_id", order.customerId());
      g.writeStringField("routing_id", order.routingId());
      g.writeStringField("payment_page_client_id", order.paymentPageClientId());
      g.writeStringField("action", order.action());
      g.writeStringField("return_url", order.returnUrl());
      g.writeStringField("expires_at", order.expiresAt().map(Object::toString).orElse(null));
      // The body as parsed and re-serialised with exact numbers: stored as it was sent.
      g.writeFieldName("request");
      g.writeRawValue(order.requestJson());
      // Typed details straight into the row: no intermediate string or tree.
      g.writeFieldName("details");
      OrderDetailsJson.write(g, order.details());
      g.writeStringField("created_at", order.createdAt().toString());
      g.writeStringField("token_hash", HEX.formatHex(tokenHash));
      g.writeStringField("token_expires_at", tokenExpiry.toString());
      g.writeEndObject();
    }
  }

  private static String keys(List<PendingOrder> batch) {
    return json(
        batch,
        (g, pending) -> {
          g.writeStringField("merchant_id", pending.order().merchantId());
          g.writeStringField("order_id", pending.order().orderId());
        });
  }

  private static String tokenRows(List<PendingOrder> batch) {
    return json(
        batch,
        (g, pending) -> {
          g.writeStringField("merchant_id", pending.order().merchantId());
          g.writeStringField("token_hash", HEX.formatHex(pending.tokenHash()));
          g.writeStringField("order_id", pending.order().orderId());
          g.writeStringField("token_expires_at", pending.tokenExpiry().toString());
        });
  }

  private interface RowWriter {
    void write(JsonGenerator generator, PendingOrder pending) throws IOException;
  }

  private static String json(List<PendingOrder> batch, RowWriter fields) {
    StringWriter out = new StringWriter(batch.size() * 768);
    try (JsonGenerator generator = JSON.createGenerator(out)) {
      generator.writeStartArray();
      for (PendingOrder pending : batch) {
        generator.writeStartObject();
        fields.write(generator, pending);
        generator.writeEndObject();
      }
      generator.writeEndArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }
}
