package dev.paysession.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.paysession.TestMerchants;
import dev.paysession.order.PendingOrder.OrderKey;
import dev.paysession.rules.Amount;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Group commit on the real database: concurrent orders share transactions, nobody hears about an
 * order before its transaction committed, and one bad order fails alone.
 *
 * <p>To put chosen orders into one batch, a test holds a SHARE lock on {@code orders}: the writer
 * blocks on its first insert while the rest queue up behind it, and all of them form the next batch
 * once the lock is released.
 */
@QuarkusTest
class GroupCommitTest {

  private static final Consumer<StoredOrder> ANY_REUSE = stored -> {};

  @Inject AgroalDataSource dataSource;

  @Inject OrderStore store;

  private GroupCommit writer;
  private String merchantId;

  @BeforeEach
  void setUp() {
    writer = new GroupCommit(dataSource, 1, 256, new SimpleMeterRegistry());
    merchantId = TestMerchants.create().merchantId();
  }

  @AfterEach
  void tearDown() {
    writer.close();
  }

  private NewOrder order(String orderId, String amount, String customerId) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    return new NewOrder(
        merchantId,
        orderId,
        "ordeh_" + orderId,
        new Amount(new BigDecimal(amount)),
        "INR",
        customerId,
        customerId,
        "client",
        "paymentPage",
        "https://shop.example.com/return",
        Optional.empty(),
        now,
        OrderDetails.NONE,
        "{\"order_id\":\"" + orderId + "\",\"amount\":\"" + amount + "\"}");
  }

  private CompletableFuture<StoredOrder> submit(NewOrder order, Consumer<StoredOrder> mayReuse) {
    return submit(order, ClientAuthTokens.hash(ClientAuthTokens.generate()), mayReuse);
  }

  private CompletableFuture<StoredOrder> submit(
      NewOrder order, byte[] tokenHash, Consumer<StoredOrder> mayReuse) {
    CompletableFuture<StoredOrder> result = new CompletableFuture<>();
    writer.submit(
        new PendingOrder(order, tokenHash, order.createdAt().plusSeconds(900), mayReuse, result));
    return result;
  }

  /** Holds back the writer until {@code queued} has submitted everything it wants batched. */
  private CompletableFuture<StoredOrder> batchedBehindALock(Runnable queued) throws Exception {
    try (Connection blocker = dataSource.getConnection()) {
      blocker.setAutoCommit(false);
      try (Statement lock = blocker.createStatement()) {
        lock.execute("LOCK TABLE orders IN SHARE MODE");
      }
      CompletableFuture<StoredOrder> first = submit(order("first", "1", "c"), ANY_REUSE);
      awaitWriterWaitingForLock();
      queued.run();
      assertThat(first).isNotDone();
      blocker.commit();
      return first;
    }
  }

  private void awaitWriterWaitingForLock() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (count(
            "SELECT count(*) FROM pg_locks WHERE NOT granted AND relation = 'orders'::regclass")
        == 0) {
      assertThat(System.nanoTime()).as("writer never reached the lock").isLessThan(deadline);
      Thread.sleep(10);
    }
  }

  private long count(String sql, Object... parameters) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        select.setObject(i + 1, parameters[i]);
      }
      try (ResultSet row = select.executeQuery()) {
        row.next();
        return row.getLong(1);
      }
    }
  }

  private long orders(String orderId) throws SQLException {
    return count(
        "SELECT count(*) FROM orders WHERE merchant_id = ? AND order_id = ?", merchantId, orderId);
  }

  private long tokens(String orderId) throws SQLException {
    return count(
        "SELECT count(*) FROM client_auth_tokens WHERE merchant_id = ? AND order_id = ?",
        merchantId,
        orderId);
  }

  /** Number of distinct transactions that inserted this merchant's orders. */
  private long transactions() throws SQLException {
    return count(
        "SELECT count(DISTINCT xmin::text) FROM orders WHERE merchant_id = ? AND order_id <> 'first'",
        merchantId);
  }

  @Test
  void queuedOrdersShareOneTransactionAndAreVisibleWhenAcknowledged() throws Exception {
    List<CompletableFuture<StoredOrder>> results = new ArrayList<>();
    Map<String, Boolean> visibleAtAck = new ConcurrentHashMap<>();
    CompletableFuture<StoredOrder> first =
        batchedBehindALock(
            () -> {
              for (int i = 0; i < 50; i++) {
                String orderId = "batch-" + i;
                CompletableFuture<StoredOrder> result =
                    submit(order(orderId, "10", "c"), ANY_REUSE);
                // Checked from another connection the moment the caller is told: committed by then.
                results.add(
                    result.whenComplete(
                        (stored, failure) -> {
                          try {
                            visibleAtAck.put(orderId, orders(orderId) == 1);
                          } catch (SQLException e) {
                            visibleAtAck.put(orderId, false);
                          }
                        }));
              }
            });

    assertThat(first.get(30, TimeUnit.SECONDS).created()).isTrue();
    for (CompletableFuture<StoredOrder> result : results) {
      StoredOrder stored = result.get(30, TimeUnit.SECONDS);
      assertThat(stored.created()).isTrue();
      assertThat(stored.status()).isEqualTo(OrderStatus.NEW);
    }
    assertThat(visibleAtAck).hasSize(50).doesNotContainValue(false);
    assertThat(transactions()).isEqualTo(1);
    assertThat(count("SELECT count(*) FROM client_auth_tokens WHERE merchant_id = ?", merchantId))
        .isEqualTo(51);
  }

  @Test
  void aFailingOrderFailsAloneAndTheOthersAreStillCommitted() throws Exception {
    List<CompletableFuture<StoredOrder>> good = new ArrayList<>();
    List<CompletableFuture<StoredOrder>> bad = new ArrayList<>();
    batchedBehindALock(
        () -> {
          for (int i = 0; i < 5; i++) {
            good.add(submit(order("good-" + i, "10", "c"), ANY_REUSE));
          }
          // PostgreSQL cannot store NUL in text: this row makes the batch's statement fail.
          bad.add(submit(order("bad-0", "10", "nul\u0000here"), ANY_REUSE));
          for (int i = 5; i < 10; i++) {
            good.add(submit(order("good-" + i, "10", "c"), ANY_REUSE));
          }
        });

    for (int i = 0; i < good.size(); i++) {
      assertThat(good.get(i).get(30, TimeUnit.SECONDS).created()).isTrue();
      assertThat(orders("good-" + i)).isEqualTo(1);
      assertThat(tokens("good-" + i)).isEqualTo(1);
    }
    assertThatThrownBy(() -> bad.get(0).get(30, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(SQLException.class);
    assertThat(orders("bad-0")).isZero();
    assertThat(tokens("bad-0")).isZero();
  }

  @Test
  void theSameOrderTwiceInABatchIsCreatedOnceAndReopenedOnce() throws Exception {
    List<CompletableFuture<StoredOrder>> results = new ArrayList<>();
    batchedBehindALock(
        () -> {
          results.add(submit(order("twice", "10", "c"), ANY_REUSE));
          results.add(submit(order("other", "10", "c"), ANY_REUSE));
          results.add(submit(order("twice", "10", "c"), ANY_REUSE));
        });

    StoredOrder created = results.get(0).get(30, TimeUnit.SECONDS);
    StoredOrder reopened = results.get(2).get(30, TimeUnit.SECONDS);
    assertThat(created.created()).isTrue();
    assertThat(reopened.created()).isFalse();
    assertThat(reopened.id()).isEqualTo(created.id());
    assertThat(orders("twice")).isEqualTo(1);
    assertThat(tokens("twice")).isEqualTo(2);
  }

  @Test
  void aRefusedReuseWritesNothingAndSparesTheRestOfTheBatch() throws Exception {
    submit(order("existing", "10", "c"), ANY_REUSE).get(30, TimeUnit.SECONDS);
    RuntimeException refusal = new IllegalArgumentException("amount changed");
    List<CompletableFuture<StoredOrder>> results = new ArrayList<>();
    List<StoredOrder> inspected = new ArrayList<>();
    batchedBehindALock(
        () -> {
          results.add(submit(order("fresh-1", "10", "c"), ANY_REUSE));
          results.add(
              submit(
                  order("existing", "20", "c"),
                  stored -> {
                    inspected.add(stored);
                    throw refusal;
                  }));
          results.add(submit(order("fresh-2", "10", "c"), ANY_REUSE));
        });

    assertThat(results.get(0).get(30, TimeUnit.SECONDS).created()).isTrue();
    assertThat(results.get(2).get(30, TimeUnit.SECONDS).created()).isTrue();
    assertThatThrownBy(() -> results.get(1).get(30, TimeUnit.SECONDS)).hasCause(refusal);
    // The refusal saw the stored order (amount 10), not the new request (amount 20).
    assertThat(inspected)
        .singleElement()
        .satisfies(stored -> assertThat(stored.amount().value()).isEqualByComparingTo("10"));
    assertThat(tokens("existing")).isEqualTo(1);
    assertThat(tokens("fresh-1")).isEqualTo(1);
    assertThat(tokens("fresh-2")).isEqualTo(1);
  }

  @Test
  void aFailingReopenFailsAloneAndSparesTheOthers() throws Exception {
    byte[] takenToken = ClientAuthTokens.hash(ClientAuthTokens.generate());
    submit(order("old-1", "10", "c"), takenToken, ANY_REUSE).get(30, TimeUnit.SECONDS);
    submit(order("old-2", "10", "c"), ANY_REUSE).get(30, TimeUnit.SECONDS);
    List<CompletableFuture<StoredOrder>> results = new ArrayList<>();
    batchedBehindALock(
        () -> {
          results.add(submit(order("new-1", "10", "c"), ANY_REUSE));
          results.add(submit(order("old-1", "10", "c"), ANY_REUSE));
          // A token hash that is already stored: re-opening old-2 violates the tokens' key.
          results.add(submit(order("old-2", "10", "c"), takenToken, ANY_REUSE));
        });

    assertThat(results.get(0).get(30, TimeUnit.SECONDS).created()).isTrue();
    assertThat(results.get(1).get(30, TimeUnit.SECONDS).created()).isFalse();
    assertThatThrownBy(() -> results.get(2).get(30, TimeUnit.SECONDS))
        .hasCauseInstanceOf(SQLException.class);
    assertThat(tokens("new-1")).isEqualTo(1);
    assertThat(tokens("old-1")).isEqualTo(2);
    assertThat(tokens("old-2")).isEqualTo(1);
  }

  @Test
  void concurrentCallersThroughTheStoreAreAllCommittedInFewerTransactions() throws Exception {
    int callers = 32;
    int perCaller = 10;
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Set<OrderKey>>> futures = new ArrayList<>();
      for (int c = 0; c < callers; c++) {
        int caller = c;
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  Set<OrderKey> created = new HashSet<>();
                  for (int i = 0; i < perCaller; i++) {
                    NewOrder order = order("store-" + caller + "-" + i, "10", "c");
                    StoredOrder stored =
                        store.createOrReuse(
                            order,
                            ClientAuthTokens.hash(ClientAuthTokens.generate()),
                            order.createdAt().plusSeconds(900),
                            ANY_REUSE);
                    assertThat(stored.created()).isTrue();
                    assertThat(orders(order.orderId())).isEqualTo(1); // committed on return
                    created.add(new OrderKey(merchantId, order.orderId()));
                  }
                  return created;
                }));
      }
      start.countDown();
      Set<OrderKey> all = new HashSet<>();
      for (Future<Set<OrderKey>> future : futures) {
        all.addAll(future.get(120, TimeUnit.SECONDS));
      }
      assertThat(all).hasSize(callers * perCaller);
    } finally {
      pool.shutdownNow();
    }
    assertThat(count("SELECT count(*) FROM orders WHERE merchant_id = ?", merchantId))
        .isEqualTo(callers * perCaller);
    assertThat(count("SELECT count(*) FROM client_auth_tokens WHERE merchant_id = ?", merchantId))
        .isEqualTo(callers * perCaller);
    assertThat(transactions()).isLessThan(callers * perCaller);
  }

  /** Both ways of writing read an existing order's attempts with it: /session's attempt limit. */
  @Test
  void aReopenedOrderCarriesItsAttemptCountWithOrWithoutGroupCommit() throws Exception {
    assertThat(submit(order("tried", "10", "c"), ANY_REUSE).get(30, TimeUnit.SECONDS).attempts())
        .isZero();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO transactions (merchant_id, order_id, attempt, txn_id, txn_uuid,"
                    + " status, amount, currency, routing_id, gateway, gateway_id,"
                    + " payment_method_type, payment_method, created_at, updated_at)"
                    + " SELECT ?, 'tried', n, ? || '-tried-' || n, md5(random()::text),"
                    + " 'AUTHORIZATION_FAILED', 10, 'INR', 'c', 'SANDBOX', 0, 'UPI', 'UPI', now(),"
                    + " now() FROM generate_series(1, 3) AS n")) {
      insert.setString(1, merchantId);
      insert.setString(2, merchantId);
      assertThat(insert.executeUpdate()).isEqualTo(3);
    }

    StoredOrder batched = submit(order("tried", "10", "c"), ANY_REUSE).get(30, TimeUnit.SECONDS);
    NewOrder again = order("tried", "10", "c");
    StoredOrder alone =
        new OrderStore(dataSource, 0, 1, new SimpleMeterRegistry())
            .createOrReuse(
                again,
                ClientAuthTokens.hash(ClientAuthTokens.generate()),
                again.createdAt().plusSeconds(900),
                ANY_REUSE);
    assertThat(batched.created()).isFalse();
    assertThat(batched.attempts()).isEqualTo(3);
    assertThat(alone.created()).isFalse();
    assertThat(alone.attempts()).isEqualTo(3);
  }

  @Test
  void afterCloseNothingIsAcceptedAndNothingIsLeftWaiting() throws Exception {
    writer.close();
    CompletableFuture<StoredOrder> late = submit(order("late", "10", "c"), ANY_REUSE);
    assertThatThrownBy(() -> late.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(SQLException.class);
    assertThat(orders("late")).isZero();
  }
}
