package dev.paysession.checkout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.paysession.TestMerchants;
import dev.paysession.TestMerchants.Merchant;
import dev.paysession.checkout.Shopper.Session;
import dev.paysession.checkout.TransactionStore.Attempt;
import dev.paysession.gateway.GatewayRegistry;
import dev.paysession.gateway.PaymentInstrument;
import dev.paysession.order.AttemptKey;
import dev.paysession.order.OrderReader;
import dev.paysession.order.OrderRecord;
import dev.paysession.order.PaymentStateMachine;
import dev.paysession.webhook.PaymentEvent;
import dev.paysession.webhook.WebhookOutbox;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionalException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The payment path's writes join one transaction: the state machine and the outbox refuse to write
 * outside one, and every later step of an attempt goes to the gateway named on its row.
 */
@QuarkusTest
@TestProfile(ManualSweep.class)
class PaymentTransactionsTest {

  private static final PaymentInstrument UPI = new PaymentInstrument.UpiCollect("success@upi");

  @Inject TransactionStore transactions;
  @Inject GatewayRegistry gateways;
  @Inject OrderReader orders;
  @Inject PaymentStateMachine states;
  @Inject WebhookOutbox webhooks;
  @Inject AgroalDataSource dataSource;

  @Test
  void statusesAndWebhooksAreWrittenOnlyInTheCallersTransaction() throws SQLException {
    Merchant merchant = TestMerchants.create();
    Session session = Shopper.open(merchant, "joins-1");

    assertThatThrownBy(
            () ->
                webhooks.add(
                    merchant.merchantId(),
                    session.orderId(),
                    "none",
                    List.of(PaymentEvent.TXN_CREATED),
                    Instant.now()))
        .isInstanceOf(TransactionalException.class);
    assertThatThrownBy(
            () ->
                states.record(
                    new AttemptKey(merchant.merchantId(), session.orderId(), 1),
                    null,
                    false,
                    Instant.now()))
        .isInstanceOf(TransactionalException.class);
  }

  @Test
  void anAttemptIsAskedAboutAtTheGatewayItsRowNames() throws SQLException {
    Merchant merchant = TestMerchants.create();
    Session session = Shopper.open(merchant, "by-name-1");
    OrderRecord order = orders.byOrderId(merchant.merchantId(), session.orderId()).orElseThrow();
    Attempt attempt =
        transactions.start(order, UPI, gateways.named("SANDBOX"), Instant.now().minusSeconds(60));
    assertThat(attempt.gateway()).isEqualTo("SANDBOX");
    String page = session.pagePath() + "/attempts/" + attempt.txnUuid();
    // Never answered, and unknown to the sandbox: still waiting.
    assertThat(Shopper.get(page).statusCode()).isEqualTo(200);

    renameGateway(merchant, attempt, "RETIRED_GATEWAY");

    // The sandbox is not asked about another gateway's attempt; that gateway is not installed.
    assertThat(Shopper.get(page).statusCode()).isEqualTo(503);
  }

  private void renameGateway(Merchant merchant, Attempt attempt, String gateway)
      throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement update =
            connection.prepareStatement(
                "UPDATE transactions SET gateway = ? WHERE merchant_id = ? AND txn_id = ?")) {
      update.setString(1, gateway);
      update.setString(2, merchant.merchantId());
      update.setString(3, attempt.txnId());
      assertThat(update.executeUpdate()).isEqualTo(1);
    }
  }
}
