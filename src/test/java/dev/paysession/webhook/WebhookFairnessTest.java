package dev.paysession.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paysession.TestMerchants;
import dev.paysession.TestMerchants.Merchant;
import dev.paysession.checkout.Shopper;
import dev.paysession.db.EmbeddedPostgresTestResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One merchant whose endpoint answers 200 slowly, with thousands of webhooks queued, does not hold
 * up another merchant's webhooks (security review M2): every merchant gets its share of senders.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresTestResource.class)
class WebhookFairnessTest {

  private static final int SLOW_ORDERS = 16;
  private static final int EVENTS_PER_ORDER = 250;

  @RegisterExtension final Receivers receivers = new Receivers();
  @Inject AgroalDataSource dataSource;

  @Test
  void aSlowMerchantWithABacklogDoesNotDelayAnotherMerchantsWebhooks() throws SQLException {
    WebhookReceiver slow = receivers.start();
    // Within the test profile's 2 s timeout, so every send counts as delivered: no failure is ever
    // recorded, and caps that apply only to failing endpoints never engage.
    slow.answer(new WebhookReceiver.Answer(200, Duration.ofMillis(1500)));
    Merchant flooding = Webhooks.merchantSendingTo(slow);
    WebhookReceiver fast = receivers.start();
    Merchant other = Webhooks.merchantSendingTo(fast);
    try {
      queue(flooding, SLOW_ORDERS, EVENTS_PER_ORDER);
      Webhooks.await(
          "the slow endpoint is busy", Duration.ofSeconds(20), () -> slow.requestsStarted() > 0);

      Shopper.Session paid = Webhooks.payByUpi(other, "success@upi");
      // Before the fix this took SLOW_ORDERS * EVENTS_PER_ORDER * 1.5 s / 8 senders: over 7 min.
      Webhooks.await(
          "the other merchant's three webhooks delivered",
          Duration.ofSeconds(10),
          () -> fast.deliveries(d -> d.orderId().equals(paid.orderId())).size() == 3);
      assertThat(slow.requestsStarted()).isLessThan(SLOW_ORDERS * EVENTS_PER_ORDER);
    } finally {
      // Leave nothing due for the tests that run after this one.
      try (Connection connection = dataSource.getConnection();
          PreparedStatement done =
              connection.prepareStatement(
                  "UPDATE webhook_events SET status = 'FAILED', claim = NULL"
                      + " WHERE merchant_id = ? AND status = 'PENDING'")) {
        done.setString(1, flooding.merchantId());
        done.executeUpdate();
      }
    }
  }

  /** Queues {@code perOrder} due events on each of {@code orders} new orders, in one statement. */
  private void queue(Merchant merchant, int orders, int perOrder) throws SQLException {
    List<String> orderIds = new ArrayList<>();
    for (int i = 0; i < orders; i++) {
      orderIds.add(Shopper.open(merchant, TestMerchants.uniqueId("wf")).orderId());
    }
    try (Connection connection = dataSource.getConnection();
        PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO webhook_events (merchant_id, event_id, order_id, event_name, payload,"
                    + " status, next_attempt_at, created_at)"
                    + " SELECT ?, 'evt_V2_' || md5(o || '.' || g), o, 'TXN_CREATED',"
                    + " '{\"event_name\":\"TXN_CREATED\"}', 'PENDING', now(), now()"
                    + " FROM unnest(?::text[]) AS o, generate_series(1, ?) AS g"
                    + " ORDER BY g, o")) {
      insert.setString(1, merchant.merchantId());
      insert.setArray(2, connection.createArrayOf("text", orderIds.toArray()));
      insert.setInt(3, perOrder);
      assertThat(insert.executeUpdate()).isEqualTo(orders * perOrder);
    }
  }
}
