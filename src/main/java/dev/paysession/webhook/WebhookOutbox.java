package dev.paysession.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paysession.api.RandomTokens;
import dev.paysession.order.AttemptStore;
import dev.paysession.order.OrderReader;
import dev.paysession.order.OrderRecord;
import dev.paysession.order.OrderRefunds;
import dev.paysession.order.OrderStatusView;
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
  private final PaymentLinks links;

  WebhookOutbox(
      AgroalDataSource dataSource,
      OrderReader orders,
      AttemptStore attempts,
      OrderRefunds refunds,
      ObjectMapper json,
      PaymentLinks links) {
    this.dataSource = dataSource;
    this.orders = orders;
    this.attempts = attempts;
    this.refunds = refunds;
    this.json = json;
    this.links = links;
  }

  /**
   * Adds {@code events} about attempt {@code txnId} of the order, in the order given, each carrying
   * the order-status object as this transaction sees it now (after the change). Joins the caller's
   * transaction, which holds the order's row lock, so events of one order are numbered in the order
   * their changes commit.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public void add(
      String merchantId, String orderId, String txnId, List<WebhookEvent> events, Instant now)
      throws SQLException {
    if (events.isEmpty()) {
      return;
    }
    OrderRecord order =
        orders
            .byOrderId(merchantId, orderId)
            .orElseThrow(() -> new IllegalStateException("order " + orderId + " vanished"));
    List<TransactionRecord> transactions = attempts.ofOrder(merchantId, orderId);
    List<OrderStatusView.Refund> orderRefunds = refunds.ofOrder(merchantId, orderId);
    Optional<TransactionRecord> attempt =
        transactions.stream().filter(txn -> txn.txnId().equals(txnId)).findFirst();
    String orderWebhookUrl = order.details().metadata().webhookUrl().orElse(null);
    try (Connection connection = dataSource.getConnection();
        PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO webhook_events (merchant_id, event_id, order_id, event_name,"
                    + " order_webhook_url, payload, status, next_attempt_at, created_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, 'PENDING', ?, ?)")) {
      for (WebhookEvent event : events) {
        OrderStatusView orderView =
            event.isAboutOneAttempt()
                ? OrderStatusView.of(order, attempt, orderRefunds, links)
                : OrderStatusView.of(order, transactions, orderRefunds, links);
        String eventId = "evt_V2_" + RandomTokens.hex32();
        insert.setString(1, merchantId);
        insert.setString(2, eventId);
        insert.setString(3, orderId);
        insert.setString(4, event.name());
        insert.setString(5, orderWebhookUrl);
        insert.setString(6, payload(eventId, event, now, orderView));
        insert.setObject(7, now.atOffset(ZoneOffset.UTC));
        insert.setObject(8, now.atOffset(ZoneOffset.UTC));
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  /** Juspay's envelope: {@code {"id","event_name","date_created","content":{"order":{…}}}}. */
  private String payload(
      String eventId, WebhookEvent event, Instant now, OrderStatusView orderView) {
    WebhookPayload body =
        new WebhookPayload(
            eventId,
            event,
            now.truncatedTo(ChronoUnit.SECONDS).toString(),
            new WebhookPayload.Content(orderView));
    try {
      return json.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("webhook payload does not serialise", e);
    }
  }
}
