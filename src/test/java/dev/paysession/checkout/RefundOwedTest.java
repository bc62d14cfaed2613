package dev.paysession.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paysession.TestMerchants;
import dev.paysession.TestMerchants.Merchant;
import dev.paysession.checkout.TransactionStore.Attempt;
import dev.paysession.gateway.GatewayOutcome;
import dev.paysession.gateway.PaymentGateway;
import dev.paysession.gateway.PaymentGateway.GatewayPayment;
import dev.paysession.gateway.PaymentInstrument;
import dev.paysession.gateway.sandbox.SandboxGateway;
import dev.paysession.order.OrderReader;
import dev.paysession.order.OrderRecord;
import dev.paysession.order.TransactionStatus;
import dev.paysession.reconcile.Reconciler;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * A charge that lost a race must be given back even when the server stops between storing
 * AUTO_REFUNDED and calling the gateway's refund: the debt is stored with the outcome and the
 * sweeper pays it. Driven through the store and the sandbox directly, so the "crash" falls exactly
 * between the two.
 */
@QuarkusTest
@TestProfile(ManualSweep.class)
class RefundOwedTest {

  private static final PaymentInstrument UPI = new PaymentInstrument.UpiCollect("success@upi");

  @Inject TransactionStore transactions;
  @Inject SandboxGateway gateway;
  @Inject OrderReader orders;
  @Inject Reconciler sweeper;
  @Inject AgroalDataSource dataSource;

  @Test
  void aRefundLeftOwedByACrashIsPaidBackByTheSweeperOnce() throws SQLException {
    Merchant merchant = TestMerchants.create();
    OrderRecord order = openOrder(merchant, "owed-1");
    Instant now = Instant.now();
    // Two tabs both got past the "already paid?" check and the gateway charged both.
    Attempt first = transactions.start(order, UPI, gateway, now);
    Attempt second = transactions.start(order, UPI, gateway, now);
    GatewayOutcome firstCharge = gateway.initiate(GatewayPayment.of(order, first.txnId()), UPI);
    GatewayOutcome secondCharge = gateway.initiate(GatewayPayment.of(order, second.txnId()), UPI);
    assertThat(firstCharge.status()).isEqualTo(TransactionStatus.CHARGED);
    assertThat(secondCharge.status()).isEqualTo(TransactionStatus.CHARGED);

    assertThat(transactions.record(first, firstCharge, now).refundNeeded()).isFalse();
    TransactionStore.Recorded lost = transactions.record(second, secondCharge, now);
    assertThat(lost.status()).isEqualTo(TransactionStatus.AUTO_REFUNDED);
    assertThat(lost.refundNeeded()).isTrue();
    // The server dies here: nobody asks the gateway for the refund.
    assertThat(refundColumns(merchant, second.txnId())).containsExactly("PENDING", null);
    assertThat(sandboxRefund(merchant, secondCharge.gatewayTxnId())).isNull();

    sweeper.sweep();

    String reference = sandboxRefund(merchant, secondCharge.gatewayTxnId());
    assertThat(reference).as("the sandbox refunded the losing charge").startsWith("rfnd_");
    assertThat(refundColumns(merchant, second.txnId())).containsExactly("SUCCESS", reference);
    assertThat(sandboxRefund(merchant, firstCharge.gatewayTxnId()))
        .as("the winning charge is kept")
        .isNull();
    assertThat(refundColumns(merchant, first.txnId())).containsExactly(null, null);

    // Nothing is owed any more, and asking the gateway again returns the same refund.
    // (Owed refunds due within a day: every one, whenever its next check.)
    assertThat(transactions.refundsOwed(Instant.now().plus(Duration.ofDays(1)), 1000))
        .noneMatch(owed -> owed.item().txnId().equals(second.txnId()));
    sweeper.sweep();
    assertThat(refundColumns(merchant, second.txnId())).containsExactly("SUCCESS", reference);
    assertThat(
            gateway
                .refund(merchant.merchantId(), secondCharge.gatewayTxnId(), order.amount())
                .reference())
        .isEqualTo(reference);

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
    // TXN_CHARGED carries the transaction itself, Juspay's content.txn (issue 11).
    assertThat(events.getString("events[2].payload.content.txn.txn_id")).isEqualTo(first.txnId());
  }

  @Test
  void theSandboxRefusesToRefundAPaymentItNeverCharged() throws SQLException {
    Merchant merchant = TestMerchants.create();
    OrderRecord order = openOrder(merchant, "owed-2");
    Attempt attempt = transactions.start(order, UPI, gateway, Instant.now());
    GatewayOutcome declined =
        gateway.initiate(
            GatewayPayment.of(order, attempt.txnId()),
            new PaymentInstrument.UpiCollect("failure@upi"));

    PaymentGateway.RefundOutcome refund =
        gateway.refund(merchant.merchantId(), declined.gatewayTxnId(), order.amount());

    assertThat(refund.succeeded()).isFalse();
    assertThat(sandboxRefund(merchant, declined.gatewayTxnId())).isNull();
  }

  private OrderRecord openOrder(Merchant merchant, String orderId) throws SQLException {
    Shopper.open(merchant, orderId);
    return orders.byOrderId(merchant.merchantId(), orderId).orElseThrow();
  }

  private String[] refundColumns(Merchant merchant, String txnId) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT refund_status, refund_reference FROM transactions"
                    + " WHERE merchant_id = ? AND txn_id = ?")) {
      select.setString(1, merchant.merchantId());
      select.setString(2, txnId);
      try (ResultSet row = select.executeQuery()) {
        assertThat(row.next()).as(txnId).isTrue();
        return new String[] {row.getString(1), row.getString(2)};
      }
    }
  }

  private String sandboxRefund(Merchant merchant, String gatewayTxnId) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT refund_reference FROM sandbox_payments"
                    + " WHERE merchant_id = ? AND gateway_txn_id = ?")) {
      select.setString(1, merchant.merchantId());
      select.setString(2, gatewayTxnId);
      try (ResultSet row = select.executeQuery()) {
        assertThat(row.next()).as(gatewayTxnId).isTrue();
        return row.getString(1);
      }
    }
  }
}
