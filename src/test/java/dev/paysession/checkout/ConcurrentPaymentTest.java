package dev.paysession.checkout;

import static dev.paysession.checkout.Shopper.orderStatus;
import static org.assertj.core.api.Assertions.assertThat;

import dev.paysession.TestMerchants;
import dev.paysession.TestMerchants.Merchant;
import dev.paysession.checkout.Shopper.Session;
import dev.paysession.reconcile.Reconciler;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A customer who opened the page in two tabs and pays in both at the same moment: the order is
 * charged once, and the other charge is given back at once.
 */
@QuarkusTest
class ConcurrentPaymentTest {

  private static final int ORDERS = 20;

  @Inject AgroalDataSource dataSource;
  @Inject Reconciler sweeper;

  @TestHTTPResource("/")
  URL root;

  private HttpClient http;
  private ExecutorService pool;

  @BeforeEach
  void startClients() {
    http =
        HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    pool = Executors.newFixedThreadPool(2);
  }

  @AfterEach
  void stopClients() {
    pool.shutdownNow();
  }

  @Test
  void twoChallengesPassedAtOnceChargeTheOrderOnce() throws Exception {
    Merchant merchant = TestMerchants.create();
    for (int i = 0; i < ORDERS; i++) {
      Session session = Shopper.open(merchant, "race-" + i);
      // Both tabs reach the 3-D Secure page before either answers it.
      String first = Shopper.cardChallenge(session, Shopper.VISA, false);
      String second = Shopper.cardChallenge(session, Shopper.MASTERCARD, false);
      assertThat(first).isNotEqualTo(second);

      List<Integer> statuses =
          raceAndExpectOneCharge(
              merchant, session, first, "code=" + Shopper.OTP, second, "code=" + Shopper.OTP);
      assertThat(statuses).containsExactly(303, 303);
      // The loser either charged and was refunded (both passed the gateway at once), or arrived
      // after the order was paid and was never sent to the gateway (still at its challenge).
      List<String> attempts = attemptStatuses(merchant, session.orderId());
      assertThat(attempts).as(session.orderId()).hasSize(2).containsOnlyOnce("CHARGED");
      assertThat(attempts)
          .as(session.orderId())
          .containsAnyOf("AUTO_REFUNDED", "PENDING_VBV")
          .doesNotContain("AUTHENTICATION_FAILED", "AUTHORIZATION_FAILED");
    }
  }

  @Test
  void twoUpiPaymentsStartedAtOnceChargeTheOrderOnce() throws Exception {
    Merchant merchant = TestMerchants.create();
    for (int i = 0; i < ORDERS; i++) {
      Session session = Shopper.open(merchant, "race-upi-" + i);
      String upi = session.pagePath() + "/upi";
      // The later tab is either refused as already paid, or charged and refunded at once.
      List<Integer> statuses =
          raceAndExpectOneCharge(
              merchant, session, upi, "vpa=success%40upi", upi, "vpa=success%40upi");
      assertThat(statuses).contains(303);
      assertThat(attemptStatuses(merchant, session.orderId()))
          .as(session.orderId())
          .containsExactlyInAnyOrderElementsOf(
              statuses.contains(409) ? List.of("CHARGED") : List.of("CHARGED", "AUTO_REFUNDED"));
    }
  }

  /**
   * Posts both forms at the same moment. Every answer is a redirect saying "paid" or the "already
   * paid" page; exactly one attempt is CHARGED and the order is CHARGED. Returns the HTTP statuses.
   */
  private List<Integer> raceAndExpectOneCharge(
      Merchant merchant, Session session, String path1, String form1, String path2, String form2)
      throws Exception {
    CountDownLatch go = new CountDownLatch(1);
    List<Future<HttpResponse<String>>> answers = new ArrayList<>();
    for (String[] post : List.of(new String[] {path1, form1}, new String[] {path2, form2})) {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(root.toString()).resolve(post[0]))
              .timeout(Duration.ofSeconds(30))
              .header("Content-Type", "application/x-www-form-urlencoded")
              .POST(HttpRequest.BodyPublishers.ofString(post[1]))
              .build();
      answers.add(
          pool.submit(
              () -> {
                go.await();
                return http.send(request, HttpResponse.BodyHandlers.ofString());
              }));
    }
    go.countDown();
    List<Integer> statuses = new ArrayList<>();
    for (Future<HttpResponse<String>> answer : answers) {
      HttpResponse<String> response = answer.get(60, TimeUnit.SECONDS);
      statuses.add(response.statusCode());
      if (response.statusCode() == 409) {
        // Refused as paid, or (a UPI request still being sent) shown the request in flight.
        assertThat(response.body()).containsAnyOf("Already paid", "id=\"pending-attempt\"");
        continue;
      }
      assertThat(response.statusCode()).as(response.body()).isEqualTo(303);
      String redirect = response.headers().firstValue("Location").orElseThrow();
      Shopper.assertReturnedWith(session, redirect, "CHARGED", 21);
    }

    assertThat(attemptStatuses(merchant, session.orderId()))
        .as(session.orderId())
        .containsOnlyOnce("CHARGED");
    assertThat(orderStatus(session).getString("status")).isEqualTo("CHARGED");
    assertThat(orderStatus(session).getString("txn_detail.status")).isEqualTo("CHARGED");
    // The loser's refund was owed before its customer saw the page (stored with the verdict),
    // and the winner's money stays.
    assertThat(refunds(merchant, session.orderId()))
        .as(session.orderId())
        .allSatisfy(
            refund -> {
              if (refund[0].equals("AUTO_REFUNDED")) {
                assertThat(Arrays.copyOfRange(refund, 1, 4))
                    .containsExactly("AUTO_REFUNDED", "true", "1");
              } else {
                assertThat(Arrays.copyOfRange(refund, 1, 6)).as(refund[0]).containsOnlyNulls();
              }
            });
    // The refunds job sends it and the sandbox settles it: the money goes back once. (Sweeps stay
    // within the challenge timeout: a loser still at its challenge must stay there.)
    Instant now = Instant.now();
    for (int minute = 1; minute <= 5; minute++) {
      sweeper.sweep(now.plus(Duration.ofMinutes(minute)));
    }
    assertThat(refunds(merchant, session.orderId()))
        .as(session.orderId())
        .allSatisfy(
            refund -> {
              if (refund[0].equals("AUTO_REFUNDED")) {
                assertThat(refund[4]).isEqualTo("SUCCESS");
                assertThat(refund[5]).startsWith("rfnd_").isEqualTo(refund[6]);
              } else {
                assertThat(Arrays.copyOfRange(refund, 1, 7)).as(refund[0]).containsOnlyNulls();
              }
            });
    return statuses;
  }

  /**
   * Per attempt: status; its refund's initiated_by, whether its amount is the charge's, how many
   * refunds it has, status and reference; and the sandbox's reference for that refund.
   */
  private List<String[]> refunds(Merchant merchant, String orderId) throws Exception {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT t.status, r.initiated_by, (r.amount = t.amount)::text,"
                    + " (count(*) OVER (PARTITION BY r.txn_id))::text, r.status,"
                    + " r.gateway_reference, s.reference"
                    + " FROM transactions t LEFT JOIN refunds r"
                    + " ON r.merchant_id = t.merchant_id AND r.txn_id = t.txn_id"
                    + " LEFT JOIN sandbox_refunds s"
                    + " ON s.merchant_id = r.merchant_id AND s.refund_id = r.refund_id"
                    + " WHERE t.merchant_id = ? AND t.order_id = ?")) {
      select.setString(1, merchant.merchantId());
      select.setString(2, orderId);
      List<String[]> refunds = new ArrayList<>();
      try (ResultSet row = select.executeQuery()) {
        while (row.next()) {
          String[] columns = new String[7];
          for (int i = 0; i < columns.length; i++) {
            columns[i] = row.getString(i + 1);
          }
          if (columns[1] == null) {
            columns[3] = null;
          }
          refunds.add(columns);
        }
      }
      return refunds;
    }
  }

  private List<String> attemptStatuses(Merchant merchant, String orderId) throws Exception {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT status FROM transactions WHERE merchant_id = ? AND order_id = ?")) {
      select.setString(1, merchant.merchantId());
      select.setString(2, orderId);
      List<String> statuses = new ArrayList<>();
      try (ResultSet row = select.executeQuery()) {
        while (row.next()) {
          statuses.add(row.getString(1));
        }
      }
      return statuses;
    }
  }
}
