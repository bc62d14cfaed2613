package dev.paysession.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paysession.TestMerchants;
import dev.paysession.TestMerchants.Merchant;
import dev.paysession.checkout.Races.Raced;
import dev.paysession.checkout.TransactionStore.Attempt;
import dev.paysession.gateway.GatewayOutcome;
import dev.paysession.gateway.PaymentGateway;
import dev.paysession.gateway.PaymentGateway.GatewayPayment;
import dev.paysession.gateway.PaymentInstrument;
import dev.paysession.gateway.sandbox.SandboxGateway;
import dev.paysession.order.OrderReader;
import dev.paysession.order.OrderRecord;
import dev.paysession.reconcile.Reconciler;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A charge that lost a race must be given back even when the server stops right after storing
 * AUTO_REFUNDED: its refund is a refund row (initiated_by AUTO_REFUNDED) stored with the verdict,
 * and the refunds job sends it to the gateway and settles it like any refund. Driven through the
 * store and the sandbox directly, so the "crash" falls exactly after the verdict.
 */
@QuarkusTest
@TestProfile(ManualSweep.class)
class RefundOwedTest {

  @Inject TransactionStore transactions;
  @Inject SandboxGateway gateway;
  @Inject OrderReader orders;
  @Inject Reconciler sweeper;
  @Inject AgroalDataSource dataSource;

  @Test
  void aRefundLeftOwedByACrashIsPaidBackByTheRefundsJobOnce() throws SQLException {
    Merchant merchant = TestMerchants.create();
    Raced race =
        Races.chargedTwice(transactions, gateway, orders, merchant, merchant.body("owed-1"));
    Attempt first = race.won();
    Attempt second = race.lost();
    // The server dies here: nobody has asked the gateway for the refund, but it is owed.
    JsonPath owed = Shopper.orderStatus(race.session());
    assertThat(owed.getList("refunds")).hasSize(1);
    assertThat(owed.getString("refunds[0].initiated_by")).isEqualTo("AUTO_REFUNDED");
    assertThat(owed.getString("refunds[0].status")).isEqualTo("PENDING");
    assertThat(owed.getBoolean("refunds[0].sent_to_gateway")).isFalse();
    assertThat(owed.getString("refunds[0].unique_request_id")).matches("auto\\.[0-9a-f]{15}");
    assertThat(owed.getDouble("refunds[0].amount"))
        .isEqualTo(race.order().amount().value().doubleValue());
    // It gives back the second charge, not the order's: nothing of the order counts as refunded.
    assertThat(owed.getDouble("amount_refunded")).isZero();
    assertThat(owed.getBoolean("refunded")).isFalse();
    assertThat(owed.getString("status")).isEqualTo("CHARGED");
    assertThat(refundRows(merchant, second.txnId())).hasSize(1);
    assertThat(sandboxRefunds(merchant, race.lostCharge().gatewayTxnId())).isEmpty();

    Instant now = Instant.now();
    sweeper.sweep(now.plus(Duration.ofMinutes(1)));
    settle(now.plus(Duration.ofMinutes(2)));

    List<String> sandbox = sandboxRefunds(merchant, race.lostCharge().gatewayTxnId());
    assertThat(sandbox).as("the sandbox refunded the losing charge once").hasSize(1);
    String reference = sandbox.get(0);
    assertThat(reference).startsWith("rfnd_");
    JsonPath refunded = Shopper.orderStatus(race.session());
    assertThat(refunded.getString("refunds[0].status")).isEqualTo("SUCCESS");
    assertThat(refunded.getString("refunds[0].ref")).isEqualTo(reference);
    assertThat(refunded.getDouble("amount_refunded")).isZero();
    assertThat(sandboxRefunds(merchant, race.wonCharge().gatewayTxnId()))
        .as("the winning charge is kept")
        .isEmpty();
    assertThat(refundRows(merchant, first.txnId())).isEmpty();

    // Nothing is owed any more: later sweeps ask the gateway for nothing.
    settle(now.plus(Duration.ofHours(2)));
    assertThat(sandboxRefunds(merchant, race.lostCharge().gatewayTxnId()))
        .containsExactly(reference);
    assertThat(refundRows(merchant, second.txnId())).containsExactly("SUCCESS");

    // The merchant heard of the winning charge, and of the refund once (not of the losing
    // charge itself); the refund's webhook is about the refunded attempt, not the winner.
    JsonPath events =
        TestMerchants.admin()
            .get("/admin/merchants/" + merchant.merchantId() + "/orders/owed-1/webhooks")
            .jsonPath();
    assertThat(events.getList("events.event_name", String.class))
        .containsExactly(
            "TXN_CREATED",
            "TXN_CREATED",
            "TXN_CHARGED",
            "ORDER_SUCCEEDED",
            "AUTO_REFUND_SUCCEEDED");
    assertThat(events.getString("events[4].payload.content.order.status")).isEqualTo("CHARGED");
    assertThat(events.getString("events[4].payload.content.order.txn_id"))
        .isEqualTo(second.txnId());
    assertThat(events.getString("events[4].payload.content.order.txn_detail.status"))
        .isEqualTo("AUTO_REFUNDED");
    assertThat(events.getString("events[4].payload.content.order.refunds[0].status"))
        .isEqualTo("SUCCESS");
    assertThat(events.getString("events[4].payload.content.order.refunds[0].initiated_by"))
        .isEqualTo("AUTO_REFUNDED");
    // TXN_CHARGED carries the transaction itself, Juspay's content.txn (issue 11).
    assertThat(events.getString("events[2].payload.content.txn.txn_id")).isEqualTo(first.txnId());
  }

  /**
   * A refund owed the old way (transactions.refund_status PENDING, before V15) becomes a refund row
   * when V15 runs, and is then paid back like any auto-refund.
   */
  @Test
  void v15MovesARefundOwedTheOldWayIntoARefundRow() throws Exception {
    Merchant merchant = TestMerchants.create();
    Raced race =
        Races.chargedTwice(transactions, gateway, orders, merchant, merchant.body("owed-old"));
    String txnId = race.lost().txnId();
    // As a release before V15 left it: no refund row, the debt in the attempt's columns.
    execute(
        "DELETE FROM refunds WHERE merchant_id = ? AND txn_id = ?", merchant.merchantId(), txnId);
    execute(
        "UPDATE transactions SET refund_status = 'PENDING' WHERE merchant_id = ? AND txn_id = ?",
        merchant.merchantId(),
        txnId);
    try (InputStream script =
            getClass().getResourceAsStream("/db/migration/V15__auto_refunds_are_refunds.sql");
        Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(new String(script.readAllBytes(), StandardCharsets.UTF_8));
    }

    JsonPath moved = Shopper.orderStatus(race.session());
    assertThat(moved.getString("refunds[0].initiated_by")).isEqualTo("AUTO_REFUNDED");
    assertThat(moved.getString("refunds[0].status")).isEqualTo("PENDING");
    assertThat(moved.getString("refunds[0].unique_request_id")).matches("auto\\.[0-9a-f]{15}");
    assertThat(moved.getDouble("amount_refunded")).isZero();

    Instant now = Instant.now();
    sweeper.sweep(now.plus(Duration.ofMinutes(1)));
    settle(now.plus(Duration.ofMinutes(2)));

    assertThat(refundRows(merchant, txnId)).containsExactly("SUCCESS");
    assertThat(sandboxRefunds(merchant, race.lostCharge().gatewayTxnId())).hasSize(1);
    assertThat(
            TestMerchants.admin()
                .get("/admin/merchants/" + merchant.merchantId() + "/orders/owed-old/webhooks")
                .jsonPath()
                .getList("events.event_name", String.class))
        .containsOnlyOnce("AUTO_REFUND_SUCCEEDED");
  }

  @Test
  void theSandboxRefusesToRefundAPaymentItNeverCharged() throws SQLException {
    Merchant merchant = TestMerchants.create();
    Shopper.open(merchant, "owed-2");
    OrderRecord order = orders.byOrderId(merchant.merchantId(), "owed-2").orElseThrow();
    PaymentInstrument success = new PaymentInstrument.UpiCollect("success@upi");
    Attempt attempt = transactions.start(order, success, gateway, Instant.now());
    GatewayOutcome declined =
        gateway.initiate(
            GatewayPayment.of(order, attempt.txnId()),
            new PaymentInstrument.UpiCollect("failure@upi"));

    PaymentGateway.RefundAnswer refund =
        gateway.requestRefund(
            new PaymentGateway.RefundRequest(
                merchant.merchantId(),
                declined.gatewayTxnId(),
                "rfd_never_charged",
                order.amount(),
                false));

    assertThat(refund.state()).isEqualTo(PaymentGateway.RefundState.FAILURE);
    assertThat(sandboxRefunds(merchant, declined.gatewayTxnId())).isEmpty();
  }

  /** Sweeps enough times at {@code at} for a sent refund to be settled by the sandbox and us. */
  private void settle(Instant at) {
    sweeper.sweep(at);
    sweeper.sweep(at.plusSeconds(1));
    sweeper.sweep(at.plus(Duration.ofMinutes(30)));
  }

  /** The statuses of the refunds of attempt {@code txnId}. */
  private List<String> refundRows(Merchant merchant, String txnId) throws SQLException {
    return strings(
        "SELECT status FROM refunds WHERE merchant_id = ? AND txn_id = ?",
        merchant.merchantId(),
        txnId);
  }

  /** The sandbox's references of the refunds it took of payment {@code gatewayTxnId}. */
  private List<String> sandboxRefunds(Merchant merchant, String gatewayTxnId) throws SQLException {
    return strings(
        "SELECT reference FROM sandbox_refunds WHERE merchant_id = ? AND gateway_txn_id = ?",
        merchant.merchantId(),
        gatewayTxnId);
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

  private List<String> strings(String sql, String... parameters) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        select.setString(i + 1, parameters[i]);
      }
      List<String> values = new ArrayList<>();
      try (ResultSet row = select.executeQuery()) {
        while (row.next()) {
          values.add(row.getString(1));
        }
      }
      return values;
    }
  }
}
