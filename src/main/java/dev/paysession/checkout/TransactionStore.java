package dev.paysession.checkout;

import dev.paysession.api.RandomTokens;
import dev.paysession.checkout.OrderNotPayable.Reason;
import dev.paysession.gateway.CardBrand;
import dev.paysession.gateway.GatewayOutcome;
import dev.paysession.gateway.PaymentGateway;
import dev.paysession.gateway.PaymentInstrument;
import dev.paysession.order.OrderRecord;
import dev.paysession.order.OrderStatus;
import dev.paysession.order.TransactionRecord;
import dev.paysession.rules.Amount;
import dev.paysession.webhook.WebhookEvent;
import dev.paysession.webhook.WebhookOutbox;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Payment attempts and saved cards in PostgreSQL. Every step that changes an order's payment state
 * locks the order row first, so attempts on one order are numbered and finished one at a time; the
 * partial unique index on CHARGED transactions is the last word if anything slips past.
 */
@ApplicationScoped
public class TransactionStore {

  private static final String UNIQUE_VIOLATION = "23505";

  private final AgroalDataSource dataSource;
  private final WebhookOutbox webhooks;

  TransactionStore(AgroalDataSource dataSource, WebhookOutbox webhooks) {
    this.dataSource = dataSource;
    this.webhooks = webhooks;
  }

  /** A new attempt, numbered and stored before the gateway hears of it. */
  public record Attempt(
      String merchantId,
      String orderId,
      int attempt,
      String txnId,
      String txnUuid,
      String gateway) {

    static Attempt of(TransactionRecord txn) {
      return new Attempt(
          txn.merchantId(),
          txn.orderId(),
          txn.attempt(),
          txn.txnId(),
          txn.txnUuid(),
          txn.gateway());
    }
  }

  /**
   * The outcome as stored; {@code refundNeeded} when the gateway charged an already-paid order (the
   * refund is then owed in the database until {@link #refunded} records it).
   */
  public record Recorded(OrderStatus status, boolean refundNeeded) {}

  /**
   * Numbers and stores a new attempt on a payable order.
   *
   * @throws OrderNotPayable when the order is paid, expired or out of attempts
   */
  public Attempt start(
      OrderRecord order, PaymentInstrument instrument, PaymentGateway gateway, Instant now)
      throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        OrderStatus status = lockOrder(connection, order.merchantId(), order.orderId());
        if (status == OrderStatus.CHARGED) {
          throw new OrderNotPayable(Reason.ALREADY_PAID);
        }
        if (order.isExpired(now)) {
          throw new OrderNotPayable(Reason.EXPIRED);
        }
        int attempt = lastAttempt(connection, order.merchantId(), order.orderId()) + 1;
        if (attempt > TransactionRecord.MAX_PER_ORDER) {
          throw new OrderNotPayable(Reason.TOO_MANY_ATTEMPTS);
        }
        Attempt started =
            new Attempt(
                order.merchantId(),
                order.orderId(),
                attempt,
                order.merchantId() + "-" + order.orderId() + "-" + attempt,
                RandomTokens.hex32(),
                gateway.name());
        insertAttempt(connection, order, started, instrument, gateway, now);
        webhooks.add(
            connection,
            order.merchantId(),
            order.orderId(),
            started.txnId(),
            List.of(WebhookEvent.TXN_CREATED),
            now);
        connection.commit();
        return started;
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      }
    }
  }

  /**
   * Stores what the gateway said about an attempt and moves the order with it. An attempt that has
   * already ended keeps its outcome (a form submitted twice changes nothing). A charge on an order
   * another attempt has already charged is stored as AUTO_REFUNDED, and the caller refunds it.
   */
  public Recorded record(Attempt attempt, GatewayOutcome outcome, Instant now) throws SQLException {
    try {
      return recordOnce(attempt, outcome, now, false);
    } catch (SQLException e) {
      if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
        throw e;
      }
      // The order lock makes this unreachable in practice; the index still has the last word.
      return recordOnce(attempt, outcome, now, true);
    }
  }

  private Recorded recordOnce(
      Attempt attempt, GatewayOutcome outcome, Instant now, boolean orderAlreadyCharged)
      throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        OrderStatus orderStatus = lockOrder(connection, attempt.merchantId(), attempt.orderId());
        OrderStatus current = attemptStatus(connection, attempt);
        // An ended attempt keeps its outcome (a form submitted twice changes nothing), except that
        // a charge reported after we gave up on the attempt (timed out, or a stale failure) still
        // moved money: it is recorded, and refunded below if the order is paid already.
        boolean lateCharge = outcome.status() == OrderStatus.CHARGED && isFailure(current);
        if (isFinal(current) && !lateCharge) {
          connection.commit();
          return new Recorded(current, false);
        }
        OrderStatus status = outcome.status();
        boolean duplicateCharge =
            status == OrderStatus.CHARGED
                && (orderAlreadyCharged || orderStatus == OrderStatus.CHARGED);
        if (duplicateCharge) {
          status = OrderStatus.AUTO_REFUNDED;
        }
        updateAttempt(connection, attempt, status, outcome, now);
        if (duplicateCharge) {
          oweRefund(connection, attempt);
        }
        boolean orderMoved =
            orderStatus != OrderStatus.CHARGED && updateOrder(connection, attempt, status, now);
        if (status == OrderStatus.CHARGED) {
          saveCardAskedFor(connection, attempt, now);
        }
        webhooks.add(
            connection,
            attempt.merchantId(),
            attempt.orderId(),
            attempt.txnId(),
            events(status, orderMoved),
            now);
        connection.commit();
        return new Recorded(status, duplicateCharge);
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      }
    }
  }

  /**
   * What the merchant is told about an attempt that reached {@code status}: the attempt's own
   * event, then the order's when the order moved with it. Pending states and an AUTO_REFUNDED
   * charge (told once its refund is confirmed) send nothing yet.
   */
  private static List<WebhookEvent> events(OrderStatus status, boolean orderMoved) {
    if (status == OrderStatus.CHARGED) {
      return List.of(WebhookEvent.TXN_CHARGED, WebhookEvent.ORDER_SUCCEEDED);
    }
    if (!isFailure(status)) {
      return List.of();
    }
    return orderMoved
        ? List.of(WebhookEvent.TXN_FAILED, WebhookEvent.ORDER_FAILED)
        : List.of(WebhookEvent.TXN_FAILED);
  }

  /**
   * Attempts the sweeper can act on, oldest first: pending ones (to sync with the gateway), ones
   * whose gateway answer never got stored (started before {@code answerLostBefore}: the database
   * failed or the server died mid-request), and challenges left unanswered since before {@code
   * abandonedBefore}. Challenges still within their time are left alone, so they cannot crowd the
   * others out of a batch.
   */
  public List<Unfinished> unfinished(Instant answerLostBefore, Instant abandonedBefore, int limit)
      throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT merchant_id, order_id, attempt, txn_id, txn_uuid, status, created_at,"
                    + " gateway_txn_id, gateway FROM transactions"
                    + " WHERE status IN ('STARTED', 'PENDING_VBV', 'AUTHORIZING')"
                    + " AND (status = 'AUTHORIZING'"
                    + " OR (status = 'STARTED' AND created_at < ?) OR created_at < ?)"
                    + " ORDER BY created_at LIMIT ?")) {
      select.setObject(1, utc(answerLostBefore));
      select.setObject(2, utc(abandonedBefore));
      select.setInt(3, limit);
      List<Unfinished> attempts = new ArrayList<>();
      try (ResultSet row = select.executeQuery()) {
        while (row.next()) {
          attempts.add(
              new Unfinished(
                  new Attempt(
                      row.getString(1),
                      row.getString(2),
                      row.getInt(3),
                      row.getString(4),
                      row.getString(5),
                      row.getString(9)),
                  OrderStatus.valueOf(row.getString(6)),
                  row.getTimestamp(7).toInstant(),
                  Optional.ofNullable(row.getString(8))));
        }
      }
      return attempts;
    }
  }

  /** An attempt the gateway or the customer has not finished yet. */
  public record Unfinished(
      Attempt attempt, OrderStatus status, Instant startedAt, Optional<String> gatewayTxnId) {}

  /** An AUTO_REFUNDED attempt whose money the gateway has not confirmed giving back yet. */
  public record RefundOwed(
      String merchantId,
      String orderId,
      String txnId,
      String gateway,
      String gatewayTxnId,
      Amount amount) {}

  /** Refunds still owed, oldest first: the sweeper retries them until the gateway confirms. */
  public List<RefundOwed> refundsOwed(int limit) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT merchant_id, order_id, txn_id, gateway, gateway_txn_id, amount"
                    + " FROM transactions"
                    + " WHERE refund_status = 'PENDING' ORDER BY updated_at LIMIT ?")) {
      select.setInt(1, limit);
      List<RefundOwed> owed = new ArrayList<>();
      try (ResultSet row = select.executeQuery()) {
        while (row.next()) {
          owed.add(
              new RefundOwed(
                  row.getString(1),
                  row.getString(2),
                  row.getString(3),
                  row.getString(4),
                  row.getString(5),
                  new Amount(row.getBigDecimal(6))));
        }
      }
      return owed;
    }
  }

  /**
   * Records the gateway's confirmation of a refund that was owed, and tells the merchant (once: a
   * second confirmation of the same refund changes nothing).
   */
  public void refunded(RefundOwed refund, String reference, Instant now) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        lockOrder(connection, refund.merchantId(), refund.orderId());
        try (PreparedStatement update =
            connection.prepareStatement(
                "UPDATE transactions SET refund_status = 'SUCCESS', refund_reference = ?"
                    + " WHERE merchant_id = ? AND txn_id = ? AND refund_status = 'PENDING'")) {
          update.setString(1, reference);
          update.setString(2, refund.merchantId());
          update.setString(3, refund.txnId());
          if (update.executeUpdate() == 1) {
            webhooks.add(
                connection,
                refund.merchantId(),
                refund.orderId(),
                refund.txnId(),
                List.of(WebhookEvent.AUTO_REFUND_SUCCEEDED),
                now);
          }
        }
        connection.commit();
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      }
    }
  }

  /** Notes, with the AUTO_REFUNDED outcome, that this attempt's money must go back. */
  private static void oweRefund(Connection connection, Attempt attempt) throws SQLException {
    try (PreparedStatement update =
        connection.prepareStatement(
            "UPDATE transactions SET refund_status = 'PENDING'"
                + " WHERE merchant_id = ? AND order_id = ? AND attempt = ?")) {
      update.setString(1, attempt.merchantId());
      update.setString(2, attempt.orderId());
      update.setInt(3, attempt.attempt());
      update.executeUpdate();
    }
  }

  /**
   * A card the customer asked to save becomes a saved card when its payment is charged, in the same
   * transaction; guests (no customer id) never save cards.
   */
  private static void saveCardAskedFor(Connection connection, Attempt attempt, Instant now)
      throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO saved_cards (merchant_id, customer_id, card_token, gateway, card_brand,"
                + " last_four, created_at)"
                + " SELECT t.merchant_id, o.customer_id, t.card_token_to_save, t.gateway,"
                + " t.card_brand, t.card_last_four, ?"
                + " FROM transactions t JOIN orders o"
                + " ON o.merchant_id = t.merchant_id AND o.order_id = t.order_id"
                + " WHERE t.merchant_id = ? AND t.order_id = ? AND t.attempt = ?"
                + " AND t.card_token_to_save IS NOT NULL AND coalesce(o.customer_id, '') <> ''"
                + " ON CONFLICT DO NOTHING")) {
      insert.setObject(1, utc(now));
      insert.setString(2, attempt.merchantId());
      insert.setString(3, attempt.orderId());
      insert.setInt(4, attempt.attempt());
      insert.executeUpdate();
    }
  }

  /** A customer's saved cards, newest first. */
  public List<SavedCard> savedCards(String merchantId, String customerId) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT card_token, gateway, card_brand, last_four, created_at FROM saved_cards"
                    + " WHERE merchant_id = ? AND customer_id = ? ORDER BY created_at DESC,"
                    + " card_token")) {
      select.setString(1, merchantId);
      select.setString(2, customerId);
      List<SavedCard> cards = new ArrayList<>();
      try (ResultSet row = select.executeQuery()) {
        while (row.next()) {
          cards.add(
              new SavedCard(
                  row.getString(1),
                  row.getString(2),
                  CardBrand.valueOf(row.getString(3)),
                  row.getString(4),
                  row.getTimestamp(5).toInstant()));
        }
      }
      return cards;
    }
  }

  public boolean deleteSavedCard(String merchantId, String customerId, String token)
      throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement delete =
            connection.prepareStatement(
                "DELETE FROM saved_cards WHERE merchant_id = ? AND customer_id = ?"
                    + " AND card_token = ?")) {
      delete.setString(1, merchantId);
      delete.setString(2, customerId);
      delete.setString(3, token);
      return delete.executeUpdate() == 1;
    }
  }

  /** An ended attempt that took no money. */
  static boolean isFailure(OrderStatus status) {
    return isFinal(status) && status != OrderStatus.CHARGED && status != OrderStatus.AUTO_REFUNDED;
  }

  static boolean isFinal(OrderStatus status) {
    return switch (status) {
      case STARTED, PENDING_VBV, AUTHORIZING, VBV_SUCCESSFUL, NEW -> false;
      default -> true;
    };
  }

  private static OrderStatus lockOrder(Connection connection, String merchantId, String orderId)
      throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT status FROM orders WHERE merchant_id = ? AND order_id = ? FOR UPDATE")) {
      select.setString(1, merchantId);
      select.setString(2, orderId);
      try (ResultSet row = select.executeQuery()) {
        if (!row.next()) {
          throw new OrderNotPayable(Reason.NOT_FOUND);
        }
        return OrderStatus.valueOf(row.getString(1));
      }
    }
  }

  private static int lastAttempt(Connection connection, String merchantId, String orderId)
      throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT coalesce(max(attempt), 0) FROM transactions"
                + " WHERE merchant_id = ? AND order_id = ?")) {
      select.setString(1, merchantId);
      select.setString(2, orderId);
      try (ResultSet row = select.executeQuery()) {
        row.next();
        return row.getInt(1);
      }
    }
  }

  private static OrderStatus attemptStatus(Connection connection, Attempt attempt)
      throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT status FROM transactions WHERE merchant_id = ? AND order_id = ?"
                + " AND attempt = ? FOR UPDATE")) {
      select.setString(1, attempt.merchantId());
      select.setString(2, attempt.orderId());
      select.setInt(3, attempt.attempt());
      try (ResultSet row = select.executeQuery()) {
        if (!row.next()) {
          throw new IllegalStateException("attempt " + attempt.txnId() + " vanished");
        }
        return OrderStatus.valueOf(row.getString(1));
      }
    }
  }

  private static void insertAttempt(
      Connection connection,
      OrderRecord order,
      Attempt attempt,
      PaymentInstrument instrument,
      PaymentGateway gateway,
      Instant now)
      throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO transactions (merchant_id, order_id, attempt, txn_id, txn_uuid, status,"
                + " amount, currency, routing_id, gateway, gateway_id, payment_method_type,"
                + " payment_method, card_brand, card_last_four, card_token, payer_vpa, created_at,"
                + " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      insert.setString(1, attempt.merchantId());
      insert.setString(2, attempt.orderId());
      insert.setInt(3, attempt.attempt());
      insert.setString(4, attempt.txnId());
      insert.setString(5, attempt.txnUuid());
      insert.setString(6, OrderStatus.STARTED.name());
      insert.setBigDecimal(7, order.amount().value());
      insert.setString(8, order.currency());
      insert.setString(9, order.routingId());
      insert.setString(10, gateway.name());
      insert.setInt(11, gateway.id());
      insert.setString(12, instrument.methodType());
      insert.setString(13, instrument.method());
      String brand = null;
      String lastFour = null;
      String token = null;
      String vpa = null;
      if (instrument instanceof PaymentInstrument.NewCard card) {
        brand = card.brand().name();
        lastFour = card.lastFour();
      } else if (instrument instanceof PaymentInstrument.SavedCard saved) {
        brand = saved.brand().name();
        lastFour = saved.lastFour();
        token = saved.token();
      } else if (instrument instanceof PaymentInstrument.UpiCollect upi) {
        vpa = upi.vpa();
      }
      insert.setString(14, brand);
      insert.setString(15, lastFour);
      insert.setString(16, token);
      insert.setString(17, vpa);
      insert.setObject(18, utc(now));
      insert.setObject(19, utc(now));
      insert.executeUpdate();
    }
  }

  private static void updateAttempt(
      Connection connection,
      Attempt attempt,
      OrderStatus status,
      GatewayOutcome outcome,
      Instant now)
      throws SQLException {
    try (PreparedStatement update =
        connection.prepareStatement(
            "UPDATE transactions SET status = ?, gateway_txn_id = coalesce(?, gateway_txn_id), rrn = ?, resp_code = ?,"
                + " resp_message = ?, error_code = ?, error_message = ?, updated_at = ?,"
                + " card_token_to_save = coalesce(?, card_token_to_save)"
                + " WHERE merchant_id = ? AND order_id = ? AND attempt = ?")) {
      update.setString(1, status.name());
      update.setString(2, outcome.gatewayTxnId());
      update.setString(3, outcome.rrn().orElse(null));
      update.setString(4, outcome.respCode());
      update.setString(5, outcome.respMessage());
      update.setString(6, outcome.errorCode().orElse(null));
      update.setString(7, outcome.errorMessage().orElse(null));
      update.setObject(8, utc(now));
      update.setString(9, outcome.cardToken().orElse(null));
      update.setString(10, attempt.merchantId());
      update.setString(11, attempt.orderId());
      update.setInt(12, attempt.attempt());
      update.executeUpdate();
    }
  }

  /** Moves the order with its attempt; false when the order stays as it is. */
  private static boolean updateOrder(
      Connection connection, Attempt attempt, OrderStatus status, Instant now) throws SQLException {
    try (PreparedStatement update =
        connection.prepareStatement(
            "UPDATE orders o SET status = ?, updated_at = ? WHERE merchant_id = ? AND order_id = ?"
                + " AND status <> 'CHARGED'"
                // The order follows its latest attempt: an older attempt's late failure must not
                // hide a newer one in progress. A charge always counts, whichever attempt it is.
                + " AND (? OR NOT EXISTS (SELECT 1 FROM transactions t"
                + " WHERE t.merchant_id = o.merchant_id AND t.order_id = o.order_id"
                + " AND t.attempt > ?))")) {
      update.setString(1, status.name());
      update.setObject(2, utc(now));
      update.setString(3, attempt.merchantId());
      update.setString(4, attempt.orderId());
      update.setBoolean(5, status == OrderStatus.CHARGED);
      update.setInt(6, attempt.attempt());
      return update.executeUpdate() == 1;
    }
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
