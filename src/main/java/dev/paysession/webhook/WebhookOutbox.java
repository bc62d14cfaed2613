package dev.paysession.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paysession.api.RandomTokens;
import dev.paysession.order.AttemptStore;
import dev.paysession.order.OrderMandates;
import dev.paysession.order.OrderReader;
import dev.paysession.order.OrderRecord;
import dev.paysession.order.OrderRefunds;
import dev.paysession.order.PaymentLinks;
import dev.paysession.order.TransactionRecord;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * Writes webhook events into the caller's transaction, beside the state change they report: both
 * commit or neither does, so no event is lost to a crash and none reports a change that was rolled
 * back. {@link WebhookDispatcher} delivers them afterwards.
 */
@ApplicationScoped
public class WebhookOutbox {

  private final AgroalDataSource dataSource;
  private final OrderReader orders;
  private final AttemptStore attempts;
  private final ObjectMapper json;
  private final OrderRefunds refunds;
  private final OrderMandates mandates;
  private final PaymentLinks links;

  WebhookOutbox(
      AgroalDataSource dataSource,
      OrderReader orders,
      AttemptStore attempts,
      OrderRefunds refunds,
      OrderMandates mandates,
      ObjectMapper json,
      PaymentLinks links) {
    this.dataSource = dataSource;
    this.orders = orders;
    this.attempts = attempts;
    this.refunds = refunds;
    this.mandates = mandates;
    this.json = json;
    this.links = links;
  }

  /**
   * Adds payment {@code events} about attempt {@code txnId} of the order (or about the order, for a
   * {@code txnId} of no attempt), in the order given, each rendered from the order and its attempts
   * as this transaction sees them now (after the change). Joins the caller's transaction, which
   * holds the order's row lock, so events of one order are numbered in the order their changes
   * commit.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public void add(
      String merchantId,
      String orderId,
      String txnId,
      List<? extends WebhookEvent<OrderSnapshot>> events,
      Instant now)
      throws SQLException {
    if (events.isEmpty()) {
      return;
    }
    OrderRecord order =
        orders
            .byOrderId(merchantId, orderId)
            .orElseThrow(() -> new IllegalStateException("order " + orderId + " vanished"));
    List<TransactionRecord> transactions = attempts.ofOrder(merchantId, orderId);
    Optional<TransactionRecord> attempt =
        transactions.stream().filter(txn -> txn.txnId().equals(txnId)).findFirst();
    add(
        order,
        new OrderSnapshot(
            order, transactions, attempt, refunds.ofOrder(merchantId, orderId), mandates, links),
        events,
        now);
  }

  /**
   * Adds {@code events} about {@code subject}, in the order given, each with the content its event
   * renders from the subject now, in the caller's transaction. They are delivered in order with the
   * other events of {@code order} (for a mandate: the order that registered it), to its {@code
   * metadata.webhook_url} or else the merchant's URL.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public <S> void add(
      OrderRecord order, S subject, List<? extends WebhookEvent<S>> events, Instant now)
      throws SQLException {
    if (events.isEmpty()) {
      return;
    }
    String dateCreated = now.truncatedTo(ChronoUnit.SECONDS).toString();
    String orderWebhookUrl = order.details().metadata().webhookUrl().orElse(null);
    try (Connection connection = dataSource.getConnection();
        PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO webhook_events (merchant_id, event_id, order_id, event_name,"
                    + " order_webhook_url, payload, status, next_attempt_at, created_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, 'PENDING', ?, ?)")) {
      for (WebhookEvent<S> event : events) {
        String eventId = "evt_V2_" + RandomTokens.hex32();
        insert.setString(1, order.merchantId());
        insert.setString(2, eventId);
        insert.setString(3, order.orderId());
        insert.setString(4, event.name());
        insert.setString(5, orderWebhookUrl);
        insert.setString(
            6, WebhookPayload.write(json.getFactory(), eventId, event, dateCreated, subject));
        insert.setObject(7, now.atOffset(ZoneOffset.UTC));
        insert.setObject(8, now.atOffset(ZoneOffset.UTC));
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }
}
