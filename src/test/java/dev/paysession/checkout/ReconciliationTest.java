package dev.paysession.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paysession.TestMerchants;
import dev.paysession.TestMerchants.Merchant;
import dev.paysession.checkout.Shopper.Session;
import dev.paysession.checkout.TransactionStore.Attempt;
import dev.paysession.gateway.GatewayOutcome;
import dev.paysession.gateway.PaymentGateway.GatewayPayment;
import dev.paysession.gateway.PaymentInstrument;
import dev.paysession.gateway.sandbox.SandboxGateway;
import dev.paysession.order.AttemptStore;
import dev.paysession.order.OrderReader;
import dev.paysession.order.OrderRecord;
import dev.paysession.order.TransactionStatus;
import dev.paysession.reconcile.Reconciler;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Background work that cannot starve: attempts a gateway keeps pending and refunds it keeps
 * refusing wait their turn (each with its own growing delay) instead of holding the head of every
 * batch, and an item that throws does not stop the rest of the sweep. Against the real database and
 * the sandbox; time moves by sweeping "as at" a later instant.
 */
@QuarkusTest
@TestProfile(ReconciliationTest.StuckWork.class)
class ReconciliationTest {

  private static final Duration FIRST_RETRY = Duration.ofSeconds(5);

  /** More stuck items than one sweep of a job checks. */
  private static final int STUCK = Reconciler.BATCH + 20;

  /** Sweeps run by the test only; pending payments stay pending; retries start at 5 s. */
  public static class StuckWork implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "paysession.checkout.sweep-every", "1h",
          "paysession.reconcile.backoff-first", FIRST_RETRY.toSeconds() + "S",
          "paysession.reconcile.backoff-max", "1M",
          "paysession.sandbox.pending-settles-after", "1H");
    }
  }

  @Inject TransactionStore transactions;
  @Inject SandboxGateway gateway;
  @Inject OrderReader orders;
  @Inject AttemptStore attempts;
  @Inject Reconciler reconciler;
  @Inject AgroalDataSource dataSource;

  private final List<Merchant> merchants = new ArrayList<>();

  /** Work left by other test classes (the database is shared) must not fill these batches. */
  @BeforeEach
  void postponeOtherTestsWork() throws SQLException {
    execute(
        "UPDATE transactions SET next_check_at = now() + interval '1 day'"
            + " WHERE status IN ('STARTED', 'PENDING_VBV', 'AUTHORIZING')");
    execute("UPDATE refunds SET next_check_at = now() + interval '1 day' WHERE status = 'PENDING'");
  }

  /** This class's stuck items end, so later sweeps in the same database never meet them. */
  @AfterEach
  void endThisTestsWork() throws SQLException {
    for (Merchant merchant : merchants) {
      execute(
          "UPDATE transactions SET status = 'AUTHORIZATION_FAILED'"
              + " WHERE status IN ('STARTED', 'PENDING_VBV', 'AUTHORIZING') AND merchant_id = ?",
          merchant.merchantId());
      execute(
          "UPDATE refunds SET status = 'FAILURE' WHERE status = 'PENDING' AND merchant_id = ?",
          merchant.merchantId());
    }
  }

  @Test
  void moreThanABatchOfPendingAttemptsDoesNotHoldBackNewerOnes() throws SQLException {
    Merchant merchant = merchant();
    List<Attempt> stuck = pendingAttempts(merchant, "stuck", STUCK);
    startedAgo(merchant, "1 hour", stuck);
    Session lost = Shopper.open(merchant, "newer-lost");
    Attempt lostCharge = chargedButNotStored(merchant, "newer-lost");
    startedAgo(merchant, "31 seconds", List.of(lostCharge));
    Session abandoned = Shopper.open(merchant, "newer-abandoned");
    Shopper.cardChallenge(abandoned, Shopper.VISA, false);
    Attempt challenge = onlyAttempt(merchant, "newer-abandoned");
    startedAgo(merchant, "16 minutes", List.of(challenge));
    Instant now = Instant.now();

    reconciler.sweep(now);
    // The oldest batch was checked, found still pending, and pushed back by its first delay.
    assertThat(checkState(merchant, stuck.get(0)).failures()).isEqualTo(1);
    assertThat(checkState(merchant, stuck.get(0)).nextCheckAt())
        .isAfter(now.plus(FIRST_RETRY.multipliedBy(9).dividedBy(10)))
        .isBeforeOrEqualTo(now.plus(FIRST_RETRY));
    reconciler.sweep(now.plusSeconds(1));

    assertThat(attemptStatus(merchant, lostCharge)).isEqualTo("CHARGED");
    assertThat(Shopper.orderStatus(lost).getString("status")).isEqualTo("CHARGED");
    assertThat(attemptStatus(merchant, challenge)).isEqualTo("AUTHENTICATION_FAILED");
    assertThat(stuck)
        .allSatisfy(
            attempt -> {
              assertThat(attemptStatus(merchant, attempt)).isEqualTo("AUTHORIZING");
              assertThat(checkState(merchant, attempt).failures()).isEqualTo(1);
            });
  }

  @Test
  void moreThanABatchOfRefusedRefundsDoesNotHoldBackANewerOne() throws SQLException {
    Merchant merchant = merchant();
    List<Attempt> refused = pendingAttempts(merchant, "refused", STUCK);
    // Auto-refunds owed for payments the gateway never charged (stored as V15 moves old ones):
    // the gateway refuses each for good, so each ends FAILURE after one check, never retried.
    execute(
        "INSERT INTO refunds (merchant_id, refund_id, order_id, txn_id, unique_request_id, amount,"
            + " charged_amount, currency, status, refund_type, initiated_by, gateway,"
            + " gateway_txn_id, created_at, updated_at)"
            + " SELECT merchant_id, 'rfd_' || md5(txn_id), order_id, txn_id,"
            + " 'auto.' || substr(md5(txn_id), 1, 15), amount, amount, currency, 'PENDING',"
            + " 'STANDARD', 'AUTO_REFUNDED', gateway, gateway_txn_id,"
            + " now() - interval '1 hour', now() - interval '1 hour'"
            + " FROM transactions WHERE merchant_id = ?",
        merchant.merchantId());
    Attempt owed = refundOwedByARace(merchant, "newer-owed");
    Instant now = Instant.now();

    reconciler.sweep(now);
    reconciler.sweep(now.plusSeconds(1));

    assertThat(refundStatus(merchant, owed)).isEqualTo("PENDING sent");
    assertThat(refused)
        .allSatisfy(
            attempt -> assertThat(refundStatus(merchant, attempt)).isEqualTo("FAILURE queued"));
    // Ended: later sweeps never ask the gateway about them again.
    reconciler.sweep(now.plus(Duration.ofHours(1)));
    assertThat(refused)
        .allSatisfy(
            attempt -> assertThat(refundStatus(merchant, attempt)).isEqualTo("FAILURE queued"));
  }

  @Test
  void anItemThatThrowsStopsNeitherItsBatchNorTheOtherJobAndComesBackLater() throws SQLException {
    Merchant merchant = merchant();
    Attempt poison = pendingAttempts(merchant, "poison", 1).get(0);
    startedAgo(merchant, "1 hour", List.of(poison));
    // A gateway answer the sandbox cannot read: syncing the payment throws
    // IllegalArgumentException.
    execute(
        "UPDATE sandbox_payments SET behaviour = 'UNREADABLE' WHERE merchant_id = ? AND txn_id = ?",
        merchant.merchantId(),
        poison.txnId());
    Shopper.open(merchant, "after-poison");
    Attempt lostCharge = chargedButNotStored(merchant, "after-poison");
    startedAgo(merchant, "31 seconds", List.of(lostCharge));
    Attempt owed = refundOwedByARace(merchant, "owed-after-poison");
    Instant now = Instant.now();

    reconciler.sweep(now);

    assertThat(attemptStatus(merchant, lostCharge)).isEqualTo("CHARGED");
    assertThat(refundStatus(merchant, owed))
        .as("sent despite the poison")
        .isEqualTo("PENDING sent");
    CheckState first = checkState(merchant, poison);
    assertThat(first.failures()).isEqualTo(1);
    Duration firstDelay = Duration.between(now, first.nextCheckAt());
    assertThat(firstDelay).isGreaterThan(FIRST_RETRY.multipliedBy(9).dividedBy(10));

    reconciler.sweep(first.nextCheckAt().minusMillis(1));
    assertThat(checkState(merchant, poison)).as("not due yet").isEqualTo(first);

    reconciler.sweep(first.nextCheckAt());
    CheckState second = checkState(merchant, poison);
    assertThat(second.failures()).isEqualTo(2);
    Duration secondDelay = Duration.between(first.nextCheckAt(), second.nextCheckAt());
    assertThat(secondDelay).isGreaterThan(FIRST_RETRY.multipliedBy(18).dividedBy(10));

    reconciler.sweep(second.nextCheckAt());
    CheckState third = checkState(merchant, poison);
    assertThat(third.failures()).isEqualTo(3);
    assertThat(Duration.between(second.nextCheckAt(), third.nextCheckAt()))
        .isGreaterThan(FIRST_RETRY.multipliedBy(36).dividedBy(10));
    assertThat(attemptStatus(merchant, poison)).isEqualTo("AUTHORIZING");
  }

  @Test
  void aSettledAttemptLeavesNoBackoffBehind() throws SQLException {
    Merchant merchant = merchant();
    Shopper.open(merchant, "settles");
    Attempt lostCharge = chargedButNotStored(merchant, "settles");
    startedAgo(merchant, "31 seconds", List.of(lostCharge));
    execute(
        "UPDATE transactions SET next_check_at = now() - interval '1 second', check_failures = 3"
            + " WHERE merchant_id = ?",
        merchant.merchantId());

    reconciler.sweep(Instant.now());

    assertThat(attemptStatus(merchant, lostCharge)).isEqualTo("CHARGED");
    assertThat(checkState(merchant, lostCharge)).isEqualTo(new CheckState(null, 0));
  }

  private Merchant merchant() {
    Merchant merchant = TestMerchants.create();
    merchants.add(merchant);
    return merchant;
  }

  /**
   * {@code count} attempts the sandbox keeps pending (pending@upi, settling in an hour), each on an
   * order of its own: an order holds one unanswered UPI request at a time (V24).
   */
  private List<Attempt> pendingAttempts(Merchant merchant, String prefix, int count)
      throws SQLException {
    PaymentInstrument pending = new PaymentInstrument.UpiCollect("pending@upi");
    List<Attempt> attempts = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String orderId = prefix + "-" + i;
      Shopper.open(merchant, orderId);
      OrderRecord order = orders.byOrderId(merchant.merchantId(), orderId).orElseThrow();
      Attempt attempt = transactions.start(order, pending, gateway, Instant.now());
      GatewayOutcome outcome = gateway.initiate(GatewayPayment.of(order, attempt.txnId()), pending);
      assertThat(outcome.status()).isEqualTo(TransactionStatus.AUTHORIZING);
      transactions.record(attempt, outcome, Instant.now());
      attempts.add(attempt);
    }
    return attempts;
  }

  /** An attempt the sandbox charged whose answer never reached our database. */
  private Attempt chargedButNotStored(Merchant merchant, String orderId) throws SQLException {
    PaymentInstrument success = new PaymentInstrument.UpiCollect("success@upi");
    OrderRecord order = orders.byOrderId(merchant.merchantId(), orderId).orElseThrow();
    Attempt attempt = transactions.start(order, success, gateway, Instant.now());
    GatewayOutcome charged = gateway.initiate(GatewayPayment.of(order, attempt.txnId()), success);
    assertThat(charged.status()).isEqualTo(TransactionStatus.CHARGED);
    return attempt;
  }

  /** The losing charge of two that raced, stored AUTO_REFUNDED with its refund owed, not paid. */
  private Attempt refundOwedByARace(Merchant merchant, String orderId) throws SQLException {
    Attempt lost =
        Races.chargedTwice(transactions, gateway, orders, merchant, merchant.body(orderId)).lost();
    assertThat(refundStatus(merchant, lost)).isEqualTo("PENDING queued");
    return lost;
  }

  private Attempt onlyAttempt(Merchant merchant, String orderId) throws SQLException {
    return Attempt.of(attempts.ofOrder(merchant.merchantId(), orderId).get(0));
  }

  private void startedAgo(Merchant merchant, String interval, List<Attempt> attempts)
      throws SQLException {
    for (Attempt attempt : attempts) {
      execute(
          "UPDATE transactions SET created_at = created_at - ?::interval"
              + " WHERE merchant_id = ? AND txn_id = ?",
          interval,
          merchant.merchantId(),
          attempt.txnId());
    }
  }

  record CheckState(Instant nextCheckAt, int failures) {}

  private CheckState checkState(Merchant merchant, Attempt attempt) {
    return query(
        "SELECT next_check_at, check_failures FROM transactions WHERE merchant_id = ? AND txn_id = ?",
        merchant,
        attempt,
        row ->
            new CheckState(
                row.getTimestamp(1) == null ? null : row.getTimestamp(1).toInstant(),
                row.getInt(2)));
  }

  private String attemptStatus(Merchant merchant, Attempt attempt) {
    return query(
        "SELECT status FROM transactions WHERE merchant_id = ? AND txn_id = ?",
        merchant,
        attempt,
        row -> row.getString(1));
  }

  /** The attempt's refund: its status, and whether it was sent to the gateway. */
  private String refundStatus(Merchant merchant, Attempt attempt) {
    return query(
        "SELECT status || CASE WHEN sent_to_gateway THEN ' sent' ELSE ' queued' END FROM refunds"
            + " WHERE merchant_id = ? AND txn_id = ?",
        merchant,
        attempt,
        row -> row.getString(1));
  }

  private interface Column<T> {
    T read(ResultSet row) throws SQLException;
  }

  private <T> T query(String sql, Merchant merchant, Attempt attempt, Column<T> column) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(sql)) {
      select.setString(1, merchant.merchantId());
      select.setString(2, attempt.txnId());
      try (ResultSet row = select.executeQuery()) {
        assertThat(row.next()).as(attempt.txnId()).isTrue();
        return column.read(row);
      }
    } catch (SQLException e) {
      throw new AssertionError(e);
    }
  }

  private void execute(String sql, String... parameters) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement update = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        update.setString(i + 1, parameters[i]);
      }
      update.executeUpdate();
    }
  }
}
