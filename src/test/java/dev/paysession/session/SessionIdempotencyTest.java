package dev.paysession.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paysession.TestMerchants;
import dev.paysession.TestMerchants.Merchant;
import dev.paysession.checkout.Shopper;
import dev.paysession.checkout.Shopper.Session;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The same order_id sent again: the order is re-opened, never duplicated. */
@QuarkusTest
class SessionIdempotencyTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Inject AgroalDataSource dataSource;

  @TestHTTPResource("/session")
  URL sessionUrl;

  private static JsonPath ok(Merchant merchant, Map<String, Object> body) {
    Response response = merchant.session().body(body).post("/session");
    assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
    return response.jsonPath();
  }

  @Test
  void theSameOrderAgainReturnsTheSameIdWithAFreshToken() {
    Merchant merchant = TestMerchants.create();
    JsonPath first = ok(merchant, merchant.body("again-1"));
    JsonPath second = ok(merchant, merchant.body("again-1"));

    assertThat(second.getString("status")).isEqualTo("NEW");
    assertThat(second.getString("id")).isEqualTo(first.getString("id"));
    assertThat(second.getString("payment_links.web"))
        .isEqualTo(first.getString("payment_links.web"));
    assertThat(second.getString("sdk_payload.payload.clientAuthToken"))
        .matches("tkn_[0-9a-f]{32}")
        .isNotEqualTo(first.getString("sdk_payload.payload.clientAuthToken"));
    assertThat(second.getString("sdk_payload.requestId"))
        .isNotEqualTo(first.getString("sdk_payload.requestId"));
  }

  /**
   * Decision 16: an order with a payment still pending is re-opened as NEW too (Juspay answers NEW
   * and merchant SDK code checks for it); its real status stays on the Order Status API.
   */
  @Test
  void aPendingOrderIsReopenedAsNew() {
    Merchant merchant = TestMerchants.create();
    Session session = Shopper.open(merchant, "again-pending-1");
    Shopper.seeOther(Shopper.post(session.pagePath() + "/upi", "vpa", "pending@upi"));
    assertThat(Shopper.orderStatus(session).getString("status")).isEqualTo("AUTHORIZING");

    JsonPath reopened = ok(merchant, merchant.body("again-pending-1"));
    assertThat(reopened.getString("status")).isEqualTo("NEW");
    assertThat(reopened.getString("id")).isEqualTo(session.id());
    assertThat(Shopper.orderStatus(session).getString("status")).isEqualTo("AUTHORIZING");
  }

  /**
   * An order that has used Juspay's 25 payment attempts cannot take another, so {@code /session}
   * refuses to re-open it instead of handing the customer a page that answers 409.
   */
  @Test
  void anOrderOutOfPaymentAttemptsIsNotReopened() throws SQLException {
    Merchant merchant = TestMerchants.create();
    Session session = Shopper.open(merchant, "again-limit-1");
    for (int attempt = 1; attempt < 25; attempt++) {
      Shopper.seeOther(Shopper.post(session.pagePath() + "/upi", "vpa", "failure@upi"));
    }
    // One attempt left: still re-opened.
    assertThat(ok(merchant, merchant.body("again-limit-1")).getString("id"))
        .isEqualTo(session.id());

    Shopper.seeOther(Shopper.post(session.pagePath() + "/upi", "vpa", "failure@upi"));
    // The page takes no more payments…
    assertThat(Shopper.post(session.pagePath() + "/upi", "vpa", "success@upi").statusCode())
        .isEqualTo(409);
    // …so a new session for it would only lead the customer there.
    Response refused = merchant.session().body(merchant.body("again-limit-1")).post("/session");
    assertThat(refused.statusCode()).as(refused.asString()).isEqualTo(400);
    assertThat(refused.jsonPath().getString("error_code")).isEqualTo("INVALID_REQUEST");
    assertThat(refused.jsonPath().getString("error_info.code")).isEqualTo("INVALID_ACTION");
    assertThat(refused.jsonPath().getString("error_message")).contains("25 payment attempts");
    // The refused call issued no token: the first session's and the re-opened one's only.
    assertThat(
            queryLong(
                "SELECT count(*) FROM client_auth_tokens WHERE merchant_id = ? AND order_id = ?",
                merchant.merchantId(),
                "again-limit-1"))
        .isEqualTo(2);
  }

  @Test
  void theSameAmountWrittenDifferentlyIsTheSameAmount() {
    Merchant merchant = TestMerchants.create();
    Map<String, Object> body = merchant.body("again-2");
    body.put("amount", "10");
    JsonPath first = ok(merchant, body);
    body.put("amount", "10.00");
    assertThat(ok(merchant, body).getString("id")).isEqualTo(first.getString("id"));
    body.put("amount", 10.0);
    assertThat(ok(merchant, body).getString("id")).isEqualTo(first.getString("id"));
  }

  @Test
  void theSameOrderWithADifferentAmountBeforeAnyPaymentTakesTheNewAmount() throws SQLException {
    // Issue 11: Juspay answered such a call 200 with the same id and the new amount (this test
    // asserted a 400 until then).
    Merchant merchant = TestMerchants.create();
    JsonPath first = ok(merchant, merchant.body("again-3"));
    Map<String, Object> changed = merchant.body("again-3");
    changed.put("amount", "2.0");

    JsonPath second = ok(merchant, changed);
    assertThat(second.getString("id")).isEqualTo(first.getString("id"));
    assertThat(second.getString("sdk_payload.payload.amount")).isEqualTo("2.0");
    assertThat(
            queryLong(
                "SELECT count(*) FROM client_auth_tokens WHERE merchant_id = ? AND order_id = ?",
                merchant.merchantId(),
                "again-3"))
        .isEqualTo(2);
    assertThat(
            queryLong(
                "SELECT (amount * 100)::bigint FROM orders WHERE merchant_id = ? AND order_id = ?",
                merchant.merchantId(),
                "again-3"))
        .isEqualTo(200);
  }

  @Test
  void aDifferentCurrencyIsStillRefused() throws SQLException {
    Merchant merchant =
        TestMerchants.create(Map.of("supported_currencies", java.util.List.of("INR", "USD")));
    ok(merchant, merchant.body("again-4"));
    Map<String, Object> changed = merchant.body("again-4");
    changed.put("currency", "USD");

    Response response = merchant.session().body(changed).post("/session");
    assertThat(response.statusCode()).as(response.asString()).isEqualTo(400);
    assertThat(response.jsonPath().getList("error_info.fields.field_name"))
        .containsExactly("currency");
    assertThat(
            queryLong(
                "SELECT count(*) FROM client_auth_tokens WHERE merchant_id = ? AND order_id = ?",
                merchant.merchantId(),
                "again-4"))
        .isEqualTo(1);
  }

  @Test
  void concurrentCallsForOneOrderCreateOneOrder() throws Exception {
    Merchant merchant = TestMerchants.create();
    String orderId = "race-1";
    byte[] body = JSON.writeValueAsBytes(merchant.body(orderId));
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    HttpRequest request =
        HttpRequest.newBuilder(sessionUrl.toURI())
            .timeout(Duration.ofSeconds(60))
            .header("Authorization", TestMerchants.basicWithColon(merchant.apiKey()))
            .header("x-merchantid", merchant.merchantId())
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();

    int parallel = 20;
    ExecutorService pool = Executors.newFixedThreadPool(parallel);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<HttpResponse<String>>> futures = new ArrayList<>();
      for (int i = 0; i < parallel; i++) {
        Callable<HttpResponse<String>> call =
            () -> {
              start.await();
              return client.send(request, HttpResponse.BodyHandlers.ofString());
            };
        futures.add(pool.submit(call));
      }
      start.countDown();
      List<JsonNode> bodies = new ArrayList<>();
      for (Future<HttpResponse<String>> future : futures) {
        HttpResponse<String> response = future.get(90, TimeUnit.SECONDS);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        bodies.add(JSON.readTree(response.body()));
      }
      assertThat(bodies.stream().map(b -> b.path("id").asText()).collect(Collectors.toSet()))
          .hasSize(1)
          .allSatisfy(id -> assertThat(id).matches("ordeh_[0-9a-f]{32}"));
      assertThat(
              bodies.stream()
                  .map(b -> b.path("sdk_payload").path("payload").path("clientAuthToken").asText())
                  .collect(Collectors.toSet()))
          .hasSize(parallel);
    } finally {
      pool.shutdownNow();
    }
    assertThat(
            queryLong(
                "SELECT count(*) FROM orders WHERE merchant_id = ? AND order_id = ?",
                merchant.merchantId(),
                orderId))
        .isEqualTo(1);
    assertThat(
            queryLong(
                "SELECT count(*) FROM client_auth_tokens WHERE merchant_id = ? AND order_id = ?",
                merchant.merchantId(),
                orderId))
        .isEqualTo(parallel);
  }

  @Test
  void twoMerchantsWithTheSameOrderIdHaveTwoOrders() throws SQLException {
    Merchant a = TestMerchants.create();
    Merchant b = TestMerchants.create();
    String orderId = "shared-order-1";
    String idA = ok(a, a.body(orderId)).getString("id");
    String idB = ok(b, b.body(orderId)).getString("id");
    assertThat(idA).isNotEqualTo(idB);
    assertThat(
            queryLong(
                "SELECT count(DISTINCT id) FROM orders WHERE order_id = ? AND merchant_id IN (?, ?)",
                orderId,
                a.merchantId(),
                b.merchantId()))
        .isEqualTo(2);
    // Each merchant re-opens only its own order.
    assertThat(ok(a, a.body(orderId)).getString("id")).isEqualTo(idA);
    assertThat(ok(b, b.body(orderId)).getString("id")).isEqualTo(idB);
  }

  private long queryLong(String sql, String... params) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        statement.setString(i + 1, params[i]);
      }
      try (ResultSet row = statement.executeQuery()) {
        row.next();
        return row.getLong(1);
      }
    }
  }
}
