package dev.paysession.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paysession.TestMerchants;
import dev.paysession.TestMerchants.Merchant;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Races on the order key at higher concurrency than {@link SessionIdempotencyTest}: several
 * merchants, each racing many identical creates of the same order ids, all released at once; and
 * racing creates of one order with different amounts. The database's key decides; no request may
 * fail or duplicate an order, and racing amounts end with the last writer's. {@code
 * -Dpaysession.race.*} scale it up.
 */
@QuarkusTest
class SessionRaceTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MERCHANTS = Integer.getInteger("paysession.race.merchants", 4);
  private static final int ORDERS = Integer.getInteger("paysession.race.orders", 5);
  private static final int REPEATS = Integer.getInteger("paysession.race.repeats", 10);
  private static final int THREADS = Integer.getInteger("paysession.race.threads", 64);

  @Inject AgroalDataSource dataSource;

  @TestHTTPResource("/session")
  URL sessionUrl;

  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  private record Attempt(Merchant merchant, String orderId, String amount) {}

  private record Outcome(Attempt attempt, int status, JsonNode body) {}

  @Test
  void concurrentCreatesOfTheSameOrderIdsMakeOneOrderPerMerchant() throws Exception {
    List<Merchant> merchants = new ArrayList<>();
    for (int m = 0; m < MERCHANTS; m++) {
      merchants.add(TestMerchants.create());
    }
    String run = UUID.randomUUID().toString().substring(0, 8);
    List<Attempt> attempts = new ArrayList<>();
    for (Merchant merchant : merchants) {
      for (int k = 0; k < ORDERS; k++) {
        for (int r = 0; r < REPEATS; r++) {
          attempts.add(new Attempt(merchant, "race-" + run + "-" + k, "10.00"));
        }
      }
    }
    Collections.shuffle(attempts);
    List<Outcome> outcomes = raceAll(attempts);

    Map<String, Set<String>> idsByOrder = new HashMap<>();
    for (Outcome outcome : outcomes) {
      assertThat(outcome.status()).as(outcome.body().toString()).isEqualTo(200);
      idsByOrder
          .computeIfAbsent(key(outcome.attempt()), k -> new HashSet<>())
          .add(outcome.body().path("id").asText());
    }
    assertThat(idsByOrder).hasSize(MERCHANTS * ORDERS);
    Set<String> allIds = new HashSet<>();
    idsByOrder.forEach(
        (order, ids) -> {
          assertThat(ids).as("ids answered for %s", order).hasSize(1);
          allIds.addAll(ids);
        });
    assertThat(allIds)
        .as("one distinct order per merchant and order id")
        .hasSize(MERCHANTS * ORDERS);
    for (Merchant merchant : merchants) {
      for (int k = 0; k < ORDERS; k++) {
        String orderId = "race-" + run + "-" + k;
        assertThat(count("orders", merchant.merchantId(), orderId)).isEqualTo(1);
        assertThat(count("client_auth_tokens", merchant.merchantId(), orderId))
            .as("one token per successful call")
            .isEqualTo(REPEATS);
      }
    }
    System.out.printf(
        "SessionRaceTest: %d concurrent creates (%d merchants x %d order ids x %d each, %d threads)"
            + " -> %d orders, each once%n",
        attempts.size(), MERCHANTS, ORDERS, REPEATS, THREADS, allIds.size());
  }

  /**
   * Issue 11: a repeated session may change the amount until a payment starts, so racing calls with
   * two amounts all succeed, one after the other under the order's row lock: each answers the
   * amount it sent, and the order keeps the amount of whichever committed last (until then, the
   * calls with the other amount were refused).
   */
  @Test
  void concurrentCreatesWithDifferentAmountsAllSucceedAndTheLastWriterWins() throws Exception {
    Merchant merchant = TestMerchants.create();
    String orderId = "race-amt-" + UUID.randomUUID().toString().substring(0, 8);
    List<Attempt> attempts = new ArrayList<>();
    for (int r = 0; r < REPEATS * 4; r++) {
      attempts.add(new Attempt(merchant, orderId, r % 2 == 0 ? "10.00" : "20.00"));
    }
    List<Outcome> outcomes = raceAll(attempts);

    Set<String> ids = new HashSet<>();
    for (Outcome outcome : outcomes) {
      assertThat(outcome.status()).as(outcome.body().toString()).isEqualTo(200);
      ids.add(outcome.body().path("id").asText());
      assertThat(
              new java.math.BigDecimal(
                  outcome.body().path("sdk_payload").path("payload").path("amount").asText()))
          .as("each caller's answer shows the amount it sent")
          .isEqualByComparingTo(outcome.attempt().amount());
    }
    assertThat(ids).hasSize(1);
    assertThat(count("orders", merchant.merchantId(), orderId)).isEqualTo(1);
    String stored = storedAmount(merchant.merchantId(), orderId);
    assertThat(new java.math.BigDecimal(stored))
        .isIn(new java.math.BigDecimal("10.00"), new java.math.BigDecimal("20.00"));
    assertThat(count("client_auth_tokens", merchant.merchantId(), orderId))
        .as("one token per call")
        .isEqualTo(outcomes.size());

    // The last writer is the call that commits last: one more call, after the race, decides.
    Attempt last = new Attempt(merchant, orderId, stored.startsWith("10") ? "20.00" : "10.00");
    Outcome after = raceAll(List.of(last)).get(0);
    assertThat(after.status()).isEqualTo(200);
    assertThat(new java.math.BigDecimal(storedAmount(merchant.merchantId(), orderId)))
        .isEqualByComparingTo(last.amount());
    System.out.printf(
        "SessionRaceTest: %d racing creates of one order with two amounts -> one order, all 200,"
            + " last writer's amount %s%n",
        outcomes.size(), stored);
  }

  /** Sends every attempt from {@link #THREADS} threads, all released by one latch. */
  private List<Outcome> raceAll(List<Attempt> attempts) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Outcome>> futures = new ArrayList<>();
      for (Attempt attempt : attempts) {
        Map<String, Object> body = attempt.merchant().body(attempt.orderId());
        body.put("amount", attempt.amount());
        HttpRequest request =
            HttpRequest.newBuilder(sessionUrl.toURI())
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", TestMerchants.basicWithColon(attempt.merchant().apiKey()))
                .header("x-merchantid", attempt.merchant().merchantId())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
                .build();
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  HttpResponse<String> response =
                      client.send(request, HttpResponse.BodyHandlers.ofString());
                  return new Outcome(
                      attempt, response.statusCode(), JSON.readTree(response.body()));
                }));
      }
      start.countDown();
      List<Outcome> outcomes = new ArrayList<>();
      for (Future<Outcome> future : futures) {
        outcomes.add(future.get(120, TimeUnit.SECONDS));
      }
      return outcomes;
    } finally {
      pool.shutdownNow();
    }
  }

  private static String key(Attempt attempt) {
    return attempt.merchant().merchantId() + "/" + attempt.orderId();
  }

  private long count(String table, String merchantId, String orderId) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement =
            connection.prepareStatement(
                "SELECT count(*) FROM " + table + " WHERE merchant_id = ? AND order_id = ?")) {
      statement.setString(1, merchantId);
      statement.setString(2, orderId);
      try (ResultSet row = statement.executeQuery()) {
        row.next();
        return row.getLong(1);
      }
    }
  }

  private String storedAmount(String merchantId, String orderId) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement =
            connection.prepareStatement(
                "SELECT amount FROM orders WHERE merchant_id = ? AND order_id = ?")) {
      statement.setString(1, merchantId);
      statement.setString(2, orderId);
      try (ResultSet row = statement.executeQuery()) {
        assertThat(row.next()).isTrue();
        return row.getBigDecimal(1).toPlainString();
      }
    }
  }
}
