package dev.paysession.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paysession.TestMerchants.Merchant;
import dev.paysession.checkout.Shopper.Session;
import dev.paysession.checkout.TransactionStore.Attempt;
import dev.paysession.gateway.GatewayOutcome;
import dev.paysession.gateway.PaymentGateway.GatewayPayment;
import dev.paysession.gateway.PaymentInstrument;
import dev.paysession.gateway.sandbox.SandboxGateway;
import dev.paysession.order.OrderReader;
import dev.paysession.order.OrderRecord;
import dev.paysession.order.TransactionStatus;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;

/**
 * Two tabs both got past the "already paid?" check and the sandbox charged both: the first is
 * recorded CHARGED, the second AUTO_REFUNDED with its refund owed. Driven through the store and the
 * sandbox directly, so nothing runs between the verdict and the test's next look.
 */
public final class Races {

  private static final PaymentInstrument UPI = new PaymentInstrument.UpiCollect("success@upi");

  private Races() {}

  public record Raced(
      Session session,
      OrderRecord order,
      Attempt won,
      GatewayOutcome wonCharge,
      Attempt lost,
      GatewayOutcome lostCharge) {}

  public static Raced chargedTwice(
      TransactionStore transactions,
      SandboxGateway gateway,
      OrderReader orders,
      Merchant merchant,
      Map<String, Object> body)
      throws SQLException {
    Session session = Shopper.open(merchant, body);
    OrderRecord order = orders.byOrderId(merchant.merchantId(), session.orderId()).orElseThrow();
    Instant now = Instant.now();
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
    return new Raced(session, order, first, firstCharge, second, secondCharge);
  }
}
