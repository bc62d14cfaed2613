package dev.paysession.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paysession.TestMerchants.Merchant;
import dev.paysession.checkout.Shopper.Session;
import dev.paysession.checkout.TransactionStore.Attempt;
import dev.paysession.gateway.GatewayOutcome;
import dev.paysession.gateway.PaymentGateway;
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

  private static final PaymentInstrument CARD =
      new PaymentInstrument.NewCard(
          "4111111111111111",
          "Asha Rao",
          java.time.YearMonth.now().plusYears(3),
          "123",
          dev.paysession.gateway.CardBrand.VISA,
          false);

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
    // Two tabs at the 3-D Secure page, both passed: a UPI request could not be started twice
    // (one unanswered UPI request per order, V24), a card waiting for its code can.
    Attempt first = transactions.start(order, CARD, gateway, now);
    GatewayOutcome firstChallenge = gateway.initiate(GatewayPayment.of(order, first.txnId()), CARD);
    transactions.record(first, firstChallenge, now);
    Attempt second = transactions.start(order, CARD, gateway, now);
    GatewayOutcome secondChallenge =
        gateway.initiate(GatewayPayment.of(order, second.txnId()), CARD);
    transactions.record(second, secondChallenge, now);
    PaymentGateway.ChallengeAnswer code = new PaymentGateway.ChallengeAnswer.OneTimeCode("123456");
    GatewayOutcome firstCharge =
        gateway.authenticate(order.merchantId(), firstChallenge.gatewayTxnId(), code);
    GatewayOutcome secondCharge =
        gateway.authenticate(order.merchantId(), secondChallenge.gatewayTxnId(), code);
    assertThat(firstCharge.status()).isEqualTo(TransactionStatus.CHARGED);
    assertThat(secondCharge.status()).isEqualTo(TransactionStatus.CHARGED);

    assertThat(transactions.record(first, firstCharge, now).refundNeeded()).isFalse();
    TransactionStore.Recorded lost = transactions.record(second, secondCharge, now);
    assertThat(lost.status()).isEqualTo(TransactionStatus.AUTO_REFUNDED);
    assertThat(lost.refundNeeded()).isTrue();
    return new Raced(session, order, first, firstCharge, second, secondCharge);
  }
}
