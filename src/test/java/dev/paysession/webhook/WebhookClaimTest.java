package dev.paysession.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paysession.TestMerchants;
import dev.paysession.TestMerchants.Merchant;
import dev.paysession.api.RandomTokens;
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
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The outbox's claim, as several dispatcher nodes use it at once. The events here are due only in a
 * far future ({@code FUTURE}), so the app's own dispatcher, which claims at the real time, never
 * sees them; each "node" below claims as if it were that time.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresTestResource.class)
class WebhookClaimTest {

  private static final Instant FUTURE = Instant.now().plus(Duration.ofDays(3650));
  private static final Duration LEASE = Duration.ofSeconds(30);

  @Inject WebhookEventStore store;
  @Inject AgroalDataSource dataSource;

  @Test
  void anOrdersEventsAreClaimedOneAtATimeInOrder() throws SQLException {
    Merchant merchant = TestMerchants.create();
    String a = order(merchant);
    String b = order(merchant);
    List<String> aEvents = seed(merchant, a, 3);
    List<String> bEvents = seed(merchant, b, 2);

    List<WebhookEventStore.Claimed> first = claimOf(merchant, FUTURE);
    assertThat(ids(first)).containsExactlyInAnyOrder(aEvents.get(0), bEvents.get(0));
    // While the heads are out, nothing else of these orders can be claimed.
    assertThat(ids(claimOf(merchant, FUTURE))).isEmpty();

    WebhookEventStore.Claimed aHead = find(first, aEvents.get(0));
    assertThat(
            store.finish(
                aHead,
                delivered(),
                WebhookEventStore.Status.DELIVERED,
                0,
                Optional.empty(),
                FUTURE))
        .isTrue();
    assertThat(ids(claimOf(merchant, FUTURE))).containsExactly(aEvents.get(1));
  }

  @Test
  void aClaimWhoseLeaseRanOutGoesToTheNextNodeAndTheFirstCannotOverwriteIt() throws SQLException {
    Merchant merchant = TestMerchants.create();
    String orderId = order(merchant);
    String eventId = seed(merchant, orderId, 1).get(0);

    WebhookEventStore.Claimed dead = find(claimOf(merchant, FUTURE), eventId);
    // Within the lease nobody else gets it; after it, the next node does.
    assertThat(ids(claimOf(merchant, FUTURE.plus(LEASE).minusSeconds(1)))).isEmpty();
    Instant later = FUTURE.plus(LEASE).plusSeconds(1);
    WebhookEventStore.Claimed next = find(claimOf(merchant, later), eventId);
    assertThat(next.claim()).isNotEqualTo(dead.claim());

    // The first node wakes up and reports a failure: stored as an attempt, but the state is the
    // second node's to decide.
    assertThat(
            store.finish(
                dead, failedAttempt(), WebhookEventStore.Status.FAILED, 1, Optional.empty(), later))
        .isFalse();
    assertThat(
            store.finish(
                next, delivered(), WebhookEventStore.Status.DELIVERED, 0, Optional.empty(), later))
        .isTrue();
    WebhookEventStore.Event event = store.eventsOf(merchant.merchantId(), orderId).get(0);
    assertThat(event.status()).isEqualTo(WebhookEventStore.Status.DELIVERED);
    assertThat(event.attempts()).hasSize(2);
  }

  @Test
  void twoNodesClaimingAtOnceNeverGetTheSameEvent() throws Exception {
    Merchant merchant = TestMerchants.create();
    List<String> all = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      all.addAll(seed(merchant, order(merchant), 1));
    }
    Set<String> claimed = ConcurrentHashMap.newKeySet();
    List<String> duplicates = new ArrayList<>();
    ExecutorService nodes = Executors.newFixedThreadPool(4);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> running = new ArrayList<>();
    for (int node = 0; node < 4; node++) {
      running.add(
          nodes.submit(
              () -> {
                start.await();
                while (true) {
                  List<WebhookEventStore.Claimed> got =
                      store.claim(FUTURE, FUTURE.plus(LEASE), 3, 3, Map.of());
                  if (got.isEmpty()) {
                    return null;
                  }
                  for (WebhookEventStore.Claimed event : got) {
                    if (!claimed.add(event.eventId())) {
                      synchronized (duplicates) {
                        duplicates.add(event.eventId());
                      }
                    }
                  }
                }
              }));
    }
    start.countDown();
    for (Future<?> node : running) {
      node.get();
    }
    nodes.shutdown();
    assertThat(duplicates).isEmpty();
    assertThat(claimed).containsAll(all);
  }

  /**
   * What one node claims at {@code now} of this merchant's events. Claims are global; other tests'
   * leftover events that happen to be due are claimed too, but are not this test's business.
   */
  private List<WebhookEventStore.Claimed> claimOf(Merchant merchant, Instant now)
      throws SQLException {
    return store.claim(now, now.plus(LEASE), 100, 100, Map.of()).stream()
        .filter(event -> event.merchantId().equals(merchant.merchantId()))
        .toList();
  }

  private static String order(Merchant merchant) {
    return Shopper.open(merchant, TestMerchants.uniqueId("wc")).orderId();
  }

  /** Events due at {@code FUTURE}, written as the outbox writes them (in seq order). */
  private List<String> seed(Merchant merchant, String orderId, int count) throws SQLException {
    List<String> ids = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO webhook_events (merchant_id, event_id, order_id, event_name, payload,"
                    + " status, next_attempt_at, created_at)"
                    + " VALUES (?, ?, ?, 'TXN_CREATED', '{}', 'PENDING', ?, now())")) {
      for (int i = 0; i < count; i++) {
        String id = "evt_V2_" + RandomTokens.hex32();
        insert.setString(1, merchant.merchantId());
        insert.setString(2, id);
        insert.setString(3, orderId);
        insert.setObject(4, FUTURE.atOffset(ZoneOffset.UTC));
        insert.executeUpdate();
        ids.add(id);
      }
    }
    return ids;
  }

  private static List<String> ids(List<WebhookEventStore.Claimed> claimed) {
    return claimed.stream().map(WebhookEventStore.Claimed::eventId).toList();
  }

  private static WebhookEventStore.Claimed find(
      List<WebhookEventStore.Claimed> claimed, String id) {
    return claimed.stream()
        .filter(event -> event.eventId().equals(id))
        .findFirst()
        .orElseThrow(() -> new AssertionError(id + " not claimed: " + ids(claimed)));
  }

  private static WebhookEventStore.Attempt delivered() {
    return new WebhookEventStore.Attempt(
        0,
        FUTURE,
        Optional.of("https://x.example/h"),
        Optional.of(5),
        Optional.of(200),
        Optional.empty(),
        true);
  }

  private static WebhookEventStore.Attempt failedAttempt() {
    return new WebhookEventStore.Attempt(
        0,
        FUTURE,
        Optional.of("https://x.example/h"),
        Optional.of(5),
        Optional.of(500),
        Optional.empty(),
        false);
  }
}
