package dev.paysession.checkout;

import static dev.paysession.checkout.Shopper.browser;
import static dev.paysession.checkout.Shopper.orderStatus;
import static dev.paysession.checkout.Shopper.post;
import static dev.paysession.checkout.Shopper.seeOther;
import static org.assertj.core.api.Assertions.assertThat;

import dev.paysession.MovableClock;
import dev.paysession.TestMerchants;
import dev.paysession.TestMerchants.Merchant;
import dev.paysession.checkout.Shopper.Session;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Paying twice by accident never debits twice: while a UPI collect request waits in the customer's
 * app, a second press starts no second attempt; the page shows the first, which the customer waits
 * for or cancels at the gateway before paying another way.
 */
@QuarkusTest
class DoublePressTest {

  @Inject AgroalDataSource dataSource;
  @Inject MovableClock clock;

  @AfterEach
  void resetClock() {
    clock.reset();
  }

  @Test
  void aSecondPressWhileAUpiRequestWaitsShowsThatRequestAndStartsNothing() throws Exception {
    Session session = Shopper.open(TestMerchants.create(), "press-1");
    String attempt = seeOther(post(session.pagePath() + "/upi", "vpa", "pending@upi"));
    assertThat(orderStatus(session).getString("status")).isEqualTo("AUTHORIZING");

    Response again = post(session.pagePath() + "/upi", "vpa", "success@upi");
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(again.asString())
        .contains("id=\"pending-attempt\"", "A payment request is already waiting")
        .contains("href=\"" + Shopper.path(attempt) + "\"")
        .contains("action=\"" + Shopper.path(attempt) + "/cancel\"");
    Response card = Shopper.payByCard(session, Shopper.VISA, false);
    assertThat(card.statusCode()).as("another method is refused too").isEqualTo(409);
    assertThat(attempts(session)).containsExactly("AUTHORIZING");
    // The page itself, opened again, says so before the customer presses anything.
    assertThat(browser().get(session.pagePath()).asString()).contains("id=\"pending-attempt\"");
  }

  @Test
  void theCustomerCancelsTheWaitingRequestAndPaysAnotherWayDebitedOnce() throws Exception {
    Session session = Shopper.open(TestMerchants.create(), "press-2");
    String attempt = seeOther(post(session.pagePath() + "/upi", "vpa", "pending@upi"));
    String back = seeOther(post(Shopper.path(attempt) + "/cancel"));
    assertThat(Shopper.path(back)).isEqualTo(session.pagePath());
    assertThat(attempts(session)).containsExactly("AUTHENTICATION_FAILED");
    assertThat(browser().get(session.pagePath()).asString())
        .doesNotContain("id=\"pending-attempt\"")
        .contains("The customer cancelled the payment request");

    // Later, when the cancelled request would have settled, it stays cancelled.
    clock.advance(Duration.ofMinutes(5));
    String paid = seeOther(post(session.pagePath() + "/upi", "vpa", "success@upi"));
    Shopper.assertReturnedWith(session, paid, "CHARGED", 21);
    assertThat(browser().redirects().follow(false).get(Shopper.path(attempt)).statusCode())
        .isEqualTo(303);
    assertThat(attempts(session)).containsExactly("AUTHENTICATION_FAILED", "CHARGED");
    assertThat(orderStatus(session).getList("refunds")).as("nothing to give back").isNullOrEmpty();
  }

  @Test
  void aRequestApprovedBeforeTheCancelArrivedStaysPaid() throws Exception {
    Session session = Shopper.open(TestMerchants.create(), "press-3");
    String attempt = seeOther(post(session.pagePath() + "/upi", "vpa", "pending@upi"));
    clock.advance(Duration.ofMinutes(1)); // the sandbox settles it as approved
    String redirect = seeOther(post(Shopper.path(attempt) + "/cancel"));
    Shopper.assertReturnedWith(session, redirect, "CHARGED", 21);
    assertThat(attempts(session)).containsExactly("CHARGED");
  }

  @Test
  void aCancelOnAnAttemptThatIsNotWaitingChangesNothing() throws Exception {
    Session session = Shopper.open(TestMerchants.create(), "press-4");
    String declined = seeOther(post(session.pagePath() + "/upi", "vpa", "failure@upi"));
    assertThat(declined).startsWith("https://shop.merchant.com");
    String attempt = "/attempts/";
    List<String> before = attempts(session);
    // The failed attempt's uuid, from the database: its cancel leads to its outcome.
    String uuid = uuids(session).get(0);
    String again = seeOther(post(session.pagePath() + attempt + uuid + "/cancel"));
    Shopper.assertReturnedWith(session, again, "AUTHORIZATION_FAILED", 27);
    assertThat(attempts(session)).isEqualTo(before);
  }

  /** Two presses at the same instant: the database lets one attempt start. */
  @Test
  void twoPressesAtOnceStartOneAttempt() throws Exception {
    Merchant merchant = TestMerchants.create();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int i = 0; i < 10; i++) {
        Session session = Shopper.open(merchant, "press-race-" + i);
        CountDownLatch ready = new CountDownLatch(2);
        Callable<Integer> press =
            () -> {
              ready.countDown();
              ready.await(5, TimeUnit.SECONDS);
              return post(session.pagePath() + "/upi", "vpa", "pending@upi").statusCode();
            };
        List<Future<Integer>> presses =
            new ArrayList<>(List.of(pool.submit(press), pool.submit(press)));
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> f : presses) {
          statuses.add(f.get(30, TimeUnit.SECONDS));
        }
        assertThat(statuses).as("order %d", i).containsExactlyInAnyOrder(303, 409);
        assertThat(attempts(session)).as("order %d", i).containsExactly("AUTHORIZING");
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private List<String> attempts(Session session) throws SQLException {
    return column(session, "status");
  }

  private List<String> uuids(Session session) throws SQLException {
    return column(session, "txn_uuid");
  }

  private List<String> column(Session session, String column) throws SQLException {
    try (Connection db = dataSource.getConnection();
        PreparedStatement select =
            db.prepareStatement(
                "SELECT "
                    + column
                    + " FROM transactions WHERE merchant_id = ? AND order_id = ? ORDER BY attempt")) {
      select.setString(1, session.merchant().merchantId());
      select.setString(2, session.orderId());
      List<String> values = new ArrayList<>();
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          values.add(rows.getString(1));
        }
      }
      return values;
    }
  }
}
