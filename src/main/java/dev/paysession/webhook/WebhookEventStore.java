package dev.paysession.webhook;

import dev.paysession.api.RandomTokens;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The outbox as the dispatcher and the admin API use it. */
@ApplicationScoped
public class WebhookEventStore {

  /** Where an event stands: waiting to be (re)sent, or finished one way or another. */
  enum Status {
    PENDING,
    DELIVERED,
    FAILED,
    NO_ENDPOINT
  }

  /** An event a dispatcher has claimed: only it may send the event until {@code leaseUntil}. */
  record Claimed(
      String merchantId,
      String eventId,
      String orderId,
      String eventName,
      Optional<String> orderWebhookUrl,
      String payload,
      int failures,
      Instant createdAt,
      String claim) {}

  /** One delivery attempt as the admin API shows it. */
  record Attempt(
      int attempt,
      Instant startedAt,
      Optional<String> url,
      Optional<Integer> latencyMs,
      Optional<Integer> httpStatus,
      Optional<String> error,
      boolean delivered) {}

  /** What happened to an event, with every attempt. */
  record Event(
      String eventId,
      String orderId,
      String eventName,
      Status status,
      String payload,
      int failures,
      Instant createdAt,
      Optional<Instant> nextAttemptAt,
      Optional<Instant> deliveredAt,
      List<Attempt> attempts) {}

  private final AgroalDataSource dataSource;

  WebhookEventStore(AgroalDataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Claims up to {@code limit} due events, skipping any whose order has an earlier event still
   * waiting (events of one order go out in order). Merchants take turns: each merchant's oldest due
   * event comes before any merchant's second, and a merchant gets at most {@code perMerchant}
   * events less those it already has in flight ({@code inFlight}), so one merchant's backlog cannot
   * hold every sender while others wait. {@code FOR UPDATE SKIP LOCKED} keeps two nodes from
   * claiming the same event; moving {@code next_attempt_at} to {@code leaseUntil} keeps anyone from
   * claiming it again while it is being sent, and hands it back if this node dies.
   */
  List<Claimed> claim(
      Instant now, Instant leaseUntil, int limit, int perMerchant, Map<String, Integer> inFlight)
      throws SQLException {
    String claim = RandomTokens.hex32();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement update =
            connection.prepareStatement(
                "UPDATE webhook_events e SET next_attempt_at = ?, claim = ?"
                    + " WHERE (e.merchant_id, e.event_id) IN ("
                    + " SELECT c.merchant_id, c.event_id FROM webhook_events c JOIN ("
                    // Due heads of their orders, numbered per merchant, oldest first.
                    + " SELECT d.merchant_id, d.event_id, row_number() OVER ("
                    + " PARTITION BY d.merchant_id ORDER BY d.next_attempt_at, d.seq) AS turn"
                    + " FROM webhook_events d"
                    + " WHERE d.status = 'PENDING' AND d.next_attempt_at <= ?"
                    + " AND NOT EXISTS (SELECT 1 FROM webhook_events p"
                    + " WHERE p.merchant_id = d.merchant_id AND p.order_id = d.order_id"
                    + " AND p.status = 'PENDING' AND p.seq < d.seq)) h"
                    + " ON h.merchant_id = c.merchant_id AND h.event_id = c.event_id"
                    + " LEFT JOIN unnest(?::text[], ?::int[]) AS busy (merchant_id, sending)"
                    + " ON busy.merchant_id = c.merchant_id"
                    + " WHERE h.turn <= ? - coalesce(busy.sending, 0)"
                    // Checked again on the locked row: another node may have claimed it since.
                    + " AND c.status = 'PENDING' AND c.next_attempt_at <= ?"
                    + " ORDER BY h.turn, c.next_attempt_at, c.seq LIMIT ?"
                    + " FOR UPDATE OF c SKIP LOCKED)"
                    + " RETURNING e.merchant_id, e.event_id, e.order_id, e.event_name,"
                    + " e.order_webhook_url, e.payload, e.failures, e.created_at")) {
      update.setObject(1, utc(leaseUntil));
      update.setString(2, claim);
      update.setObject(3, utc(now));
      update.setArray(4, connection.createArrayOf("text", inFlight.keySet().toArray()));
      update.setArray(
          5,
          connection.createArrayOf(
              "integer", inFlight.keySet().stream().map(inFlight::get).toArray()));
      update.setInt(6, perMerchant);
      update.setObject(7, utc(now));
      update.setInt(8, limit);
      List<Claimed> claimed = new ArrayList<>();
      try (ResultSet row = update.executeQuery()) {
        while (row.next()) {
          claimed.add(
              new Claimed(
                  row.getString(1),
                  row.getString(2),
                  row.getString(3),
                  row.getString(4),
                  Optional.ofNullable(row.getString(5)),
                  row.getString(6),
                  row.getInt(7),
                  row.getTimestamp(8).toInstant(),
                  claim));
        }
      }
      return claimed;
    }
  }

  /**
   * Stores one delivery attempt and, if the event is still this claimant's, where it now stands. An
   * attempt is always stored (it happened); a claimant whose lease ran out and whose event was
   * claimed again does not overwrite the newer claimant's state.
   *
   * @param nextAttemptAt when to try again, for a PENDING event
   * @return false when the claim had been lost
   */
  boolean finish(
      Claimed event,
      Attempt attempt,
      Status status,
      int failures,
      Optional<Instant> nextAttemptAt,
      Instant now)
      throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        String currentClaim;
        try (PreparedStatement lock =
            connection.prepareStatement(
                "SELECT claim FROM webhook_events WHERE merchant_id = ? AND event_id = ?"
                    + " FOR UPDATE")) {
          lock.setString(1, event.merchantId());
          lock.setString(2, event.eventId());
          try (ResultSet row = lock.executeQuery()) {
            if (!row.next()) {
              throw new IllegalStateException("webhook event " + event.eventId() + " vanished");
            }
            currentClaim = row.getString(1);
          }
        }
        insertAttempt(connection, event, attempt);
        boolean stillOurs = event.claim().equals(currentClaim);
        if (stillOurs) {
          try (PreparedStatement update =
              connection.prepareStatement(
                  "UPDATE webhook_events SET status = ?, failures = ?,"
                      + " next_attempt_at = coalesce(?, next_attempt_at), delivered_at = ?,"
                      + " claim = NULL WHERE merchant_id = ? AND event_id = ?")) {
            update.setString(1, status.name());
            update.setInt(2, failures);
            update.setObject(3, nextAttemptAt.map(WebhookEventStore::utc).orElse(null));
            if (status == Status.DELIVERED) {
              update.setObject(4, utc(now));
            } else {
              update.setNull(4, Types.TIMESTAMP_WITH_TIMEZONE);
            }
            update.setString(5, event.merchantId());
            update.setString(6, event.eventId());
            update.executeUpdate();
          }
        }
        connection.commit();
        return stillOurs;
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      }
    }
  }

  private static void insertAttempt(Connection connection, Claimed event, Attempt attempt)
      throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO webhook_attempts (merchant_id, event_id, attempt, url, started_at,"
                + " latency_ms, http_status, error, delivered)"
                + " SELECT ?, ?, coalesce(max(attempt), 0) + 1, ?, ?, ?, ?, ?, ?"
                + " FROM webhook_attempts WHERE merchant_id = ? AND event_id = ?")) {
      insert.setString(1, event.merchantId());
      insert.setString(2, event.eventId());
      insert.setString(3, attempt.url().orElse(null));
      insert.setObject(4, utc(attempt.startedAt()));
      insert.setObject(5, attempt.latencyMs().orElse(null), Types.INTEGER);
      insert.setObject(6, attempt.httpStatus().orElse(null), Types.INTEGER);
      insert.setString(7, attempt.error().orElse(null));
      insert.setBoolean(8, attempt.delivered());
      insert.setString(9, event.merchantId());
      insert.setString(10, event.eventId());
      insert.executeUpdate();
    }
  }

  /** The order's events, oldest first, with their attempts. */
  List<Event> eventsOf(String merchantId, String orderId) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT event_id, order_id, event_name, status, payload, failures, created_at,"
                    + " next_attempt_at, delivered_at FROM webhook_events"
                    + " WHERE merchant_id = ? AND order_id = ? ORDER BY seq")) {
      select.setString(1, merchantId);
      select.setString(2, orderId);
      List<Event> events = new ArrayList<>();
      try (ResultSet row = select.executeQuery()) {
        while (row.next()) {
          Status status = Status.valueOf(row.getString(4));
          events.add(
              new Event(
                  row.getString(1),
                  row.getString(2),
                  row.getString(3),
                  status,
                  row.getString(5),
                  row.getInt(6),
                  row.getTimestamp(7).toInstant(),
                  status == Status.PENDING
                      ? Optional.of(row.getTimestamp(8).toInstant())
                      : Optional.empty(),
                  Optional.ofNullable(row.getTimestamp(9)).map(Timestamp::toInstant),
                  attempts(connection, merchantId, row.getString(1))));
        }
      }
      return events;
    }
  }

  private static List<Attempt> attempts(Connection connection, String merchantId, String eventId)
      throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT attempt, started_at, url, latency_ms, http_status, error, delivered"
                + " FROM webhook_attempts WHERE merchant_id = ? AND event_id = ? ORDER BY attempt")) {
      select.setString(1, merchantId);
      select.setString(2, eventId);
      List<Attempt> attempts = new ArrayList<>();
      try (ResultSet row = select.executeQuery()) {
        while (row.next()) {
          attempts.add(
              new Attempt(
                  row.getInt(1),
                  row.getTimestamp(2).toInstant(),
                  Optional.ofNullable(row.getString(3)),
                  Optional.ofNullable((Integer) row.getObject(4)),
                  Optional.ofNullable((Integer) row.getObject(5)),
                  Optional.ofNullable(row.getString(6)),
                  row.getBoolean(7)));
        }
      }
      return attempts;
    }
  }

  /**
   * Queues a finished event to be sent again, with a fresh retry schedule; an event waiting for its
   * next retry becomes due now. Either goes out once the order's earlier waiting events have. An
   * event in flight (claimed) is left as it is: sending it again now could send it twice at once.
   *
   * @return the event's status afterwards, or empty when the merchant has no such event
   */
  Optional<Status> redeliver(String merchantId, String eventId, Instant now) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      try (PreparedStatement update =
          connection.prepareStatement(
              "UPDATE webhook_events SET status = 'PENDING', failures = 0, next_attempt_at = ?,"
                  + " claim = NULL, delivered_at = NULL"
                  + " WHERE merchant_id = ? AND event_id = ?"
                  + " AND (status <> 'PENDING' OR claim IS NULL)")) {
        update.setObject(1, utc(now));
        update.setString(2, merchantId);
        update.setString(3, eventId);
        if (update.executeUpdate() == 1) {
          return Optional.of(Status.PENDING);
        }
      }
      try (PreparedStatement select =
          connection.prepareStatement(
              "SELECT status FROM webhook_events WHERE merchant_id = ? AND event_id = ?")) {
        select.setString(1, merchantId);
        select.setString(2, eventId);
        try (ResultSet row = select.executeQuery()) {
          return row.next() ? Optional.of(Status.valueOf(row.getString(1))) : Optional.empty();
        }
      }
    }
  }

  /**
   * Brings waiting retries to the same destination (the merchant's URL, or one order URL) forward
   * to now: that endpoint just took a webhook, so the backlog need not sit out the rest of a
   * schedule that may reach 6 hours. Events in flight (with a claim) are left alone.
   */
  int hurryRetries(String merchantId, Optional<String> orderWebhookUrl, Instant now, int limit)
      throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement update =
            connection.prepareStatement(
                "UPDATE webhook_events SET next_attempt_at = ?"
                    + " WHERE (merchant_id, event_id) IN (SELECT merchant_id, event_id"
                    + " FROM webhook_events WHERE status = 'PENDING'"
                    + " AND next_attempt_at > ? AND claim IS NULL AND failures > 0"
                    + " AND merchant_id = ? AND order_webhook_url IS NOT DISTINCT FROM ?"
                    + " ORDER BY next_attempt_at LIMIT ?)")) {
      update.setObject(1, utc(now));
      update.setObject(2, utc(now));
      update.setString(3, merchantId);
      update.setString(4, orderWebhookUrl.orElse(null));
      update.setInt(5, limit);
      return update.executeUpdate();
    }
  }

  /**
   * Hands a claimed event back unsent, without counting an attempt: it is due again at {@code at}.
   * Only the claimant may: a claim that was lost is left to its new owner.
   */
  void release(Claimed event, Instant at) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement update =
            connection.prepareStatement(
                "UPDATE webhook_events SET next_attempt_at = ?, claim = NULL"
                    + " WHERE merchant_id = ? AND event_id = ? AND claim = ?")) {
      update.setObject(1, utc(at));
      update.setString(2, event.merchantId());
      update.setString(3, event.eventId());
      update.setString(4, event.claim());
      update.executeUpdate();
    }
  }

  /** Queues every FAILED event of the merchant again; returns how many. */
  int redeliverFailed(String merchantId, Instant now) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement update =
            connection.prepareStatement(
                "UPDATE webhook_events SET status = 'PENDING', failures = 0, next_attempt_at = ?,"
                    + " claim = NULL WHERE merchant_id = ? AND status = 'FAILED'")) {
      update.setObject(1, utc(now));
      update.setString(2, merchantId);
      return update.executeUpdate();
    }
  }

  /** When the oldest event still waiting was created: how far behind delivery is. */
  Optional<Instant> oldestPending() throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT min(created_at) FROM webhook_events WHERE status = 'PENDING'");
        ResultSet row = select.executeQuery()) {
      row.next();
      return Optional.ofNullable(row.getTimestamp(1)).map(Timestamp::toInstant);
    }
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
