package dev.paysession.checkout;

import static dev.paysession.checkout.Shopper.assertReturnedWith;
import static dev.paysession.checkout.Shopper.orderStatus;
import static dev.paysession.checkout.Shopper.post;
import static dev.paysession.checkout.Shopper.seeOther;
import static org.assertj.core.api.Assertions.assertThat;

import dev.paysession.TestMerchants;
import dev.paysession.TestMerchants.Merchant;
import dev.paysession.checkout.Shopper.Session;
import dev.paysession.checkout.TransactionStore.Attempt;
import dev.paysession.gateway.GatewayOutcome;
import dev.paysession.gateway.PaymentGateway.ChallengeAnswer;
import dev.paysession.gateway.PaymentGateway.GatewayPayment;
import dev.paysession.gateway.PaymentInstrument;
import dev.paysession.gateway.sandbox.SandboxGateway;
import dev.paysession.order.AttemptStore;
import dev.paysession.order.OrderReader;
import dev.paysession.order.OrderRecord;
import dev.paysession.order.TransactionRecord;
import dev.paysession.order.TransactionStatus;
import dev.paysession.reconcile.Reconciler;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Money the gateway took is never lost to our side failing: an answer that was not stored (the
 * database failed, the server died between the gateway call and the commit) is found again by our
 * transaction id, and a charge reported after we gave up on an attempt still counts.
 */
@QuarkusTest
@TestProfile(ManualSweep.class)
class LostAnswerTest {

  private static final PaymentInstrument SUCCESS_UPI =
      new PaymentInstrument.UpiCollect("success@upi");

  @Inject TransactionStore transactions;
  @Inject SandboxGateway gateway;
  @Inject OrderReader orders;
  @Inject Reconciler sweeper;
  @Inject AttemptStore attempts;
  @Inject AgroalDataSource dataSource;

  @Test
  void theAttemptPageFindsAChargeWhoseAnswerWasNeverStored() throws SQLException {
    Merchant merchant = TestMerchants.create();
    Session session = Shopper.open(merchant, "lost-page-1");
    Attempt attempt = chargedButNotStored(merchant, session);

    String redirect = seeOther(Shopper.get(session.pagePath() + "/attempts/" + attempt.txnUuid()));

    assertReturnedWith(session, redirect, "CHARGED", 21);
    JsonPath status = orderStatus(session);
    assertThat(status.getString("status")).isEqualTo("CHARGED");
    assertThat(status.getString("txn_id")).isEqualTo(attempt.txnId());
  }

  @Test
  void theSweeperFindsALostChargeOnceTheRequestCannotStillBeRunning() throws SQLException {
    Merchant merchant = TestMerchants.create();
    Session session = Shopper.open(merchant, "lost-sweep-1");
    Attempt attempt = chargedButNotStored(merchant, session);

    sweeper.sweep();
    assertThat(attemptStatus(merchant, attempt))
        .as("a request may still be storing it")
        .isEqualTo("STARTED");

    startedAgo(merchant, attempt, "31 seconds");
    sweeper.sweep();

    assertThat(attemptStatus(merchant, attempt)).isEqualTo("CHARGED");
    assertThat(orderStatus(session).getString("status")).isEqualTo("CHARGED");
  }

  @Test
  void aChargeReportedAfterTheChallengeTimedOutStillCounts() throws SQLException {
    Merchant merchant = TestMerchants.create();
    Session session = Shopper.open(merchant, "late-charge-1");
    Shopper.cardChallenge(session, Shopper.VISA, false);
    TransactionRecord txn = onlyAttempt(merchant, session);
    startedAgo(merchant, Attempt.of(txn), "16 minutes");
    sweeper.sweep();
    assertThat(orderStatus(session).getString("status")).isEqualTo("AUTHENTICATION_FAILED");

    // The customer's bank confirms the 3-D Secure step anyway, and the gateway charges.
    GatewayOutcome charged =
        gateway.authenticate(
            merchant.merchantId(),
            txn.gatewayTxnId().orElseThrow(),
            new ChallengeAnswer.OneTimeCode(Shopper.OTP));
    assertThat(charged.status()).isEqualTo(TransactionStatus.CHARGED);
    TransactionStore.Recorded recorded =
        transactions.record(Attempt.of(txn), charged, Instant.now());

    assertThat(recorded.status()).isEqualTo(TransactionStatus.CHARGED);
    assertThat(orderStatus(session).getString("status")).isEqualTo("CHARGED");
    assertThat(orderStatus(session).getString("txn_detail.status")).isEqualTo("CHARGED");
  }

  @Test
  void anOlderAttemptTimingOutDoesNotHideANewerOneInProgress() throws SQLException {
    Merchant merchant = TestMerchants.create();
    Session session = Shopper.open(merchant, "latest-1");
    Shopper.cardChallenge(session, Shopper.VISA, false);
    TransactionRecord first = onlyAttempt(merchant, session);
    String pending = seeOther(post(session.pagePath() + "/upi", "vpa", "pending@upi"));
    assertThat(Shopper.isAttemptPage(session, pending)).as(pending).isTrue();
    assertThat(orderStatus(session).getString("status")).isEqualTo("AUTHORIZING");

    startedAgo(merchant, Attempt.of(first), "16 minutes");
    sweeper.sweep();

    assertThat(attemptStatus(merchant, Attempt.of(first))).isEqualTo("AUTHENTICATION_FAILED");
    JsonPath status = orderStatus(session);
    assertThat(status.getString("status")).isEqualTo("AUTHORIZING");
    assertThat(status.getString("txn_id")).endsWith("-latest-1-2");
    assertThat(status.getString("txn_detail.status")).isEqualTo("AUTHORIZING");
  }

  /** An attempt the sandbox charged whose answer never reached our database. */
  private Attempt chargedButNotStored(Merchant merchant, Session session) throws SQLException {
    OrderRecord order = orders.byOrderId(merchant.merchantId(), session.orderId()).orElseThrow();
    Attempt attempt = transactions.start(order, SUCCESS_UPI, gateway, Instant.now());
    GatewayOutcome charged =
        gateway.initiate(GatewayPayment.of(order, attempt.txnId()), SUCCESS_UPI);
    assertThat(charged.status()).isEqualTo(TransactionStatus.CHARGED);
    // The server dies here, before transactions.record.
    assertThat(attemptStatus(merchant, attempt)).isEqualTo("STARTED");
    return attempt;
  }

  private TransactionRecord onlyAttempt(Merchant merchant, Session session) throws SQLException {
    return attempts.ofOrder(merchant.merchantId(), session.orderId()).get(0);
  }

  private String attemptStatus(Merchant merchant, Attempt attempt) throws SQLException {
    return attempts.byUuid(merchant.merchantId(), attempt.txnUuid()).orElseThrow().status().name();
  }

  /** Moves an attempt's start into the past, as if that much time had gone by. */
  private void startedAgo(Merchant merchant, Attempt attempt, String interval) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement update =
            connection.prepareStatement(
                "UPDATE transactions SET created_at = created_at - ?::interval"
                    + " WHERE merchant_id = ? AND txn_id = ?")) {
      update.setString(1, interval);
      update.setString(2, merchant.merchantId());
      update.setString(3, attempt.txnId());
      assertThat(update.executeUpdate()).isEqualTo(1);
    }
  }
}
