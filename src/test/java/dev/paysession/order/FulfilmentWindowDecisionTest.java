package dev.paysession.order;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paysession.order.PaymentStateMachine.Step;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The fulfilment window's rule in {@link PaymentStateMachine#decide}, without a server. */
class FulfilmentWindowDecisionTest {

  @Test
  void aChargeAfterAFailureInsideTheWindowCountsAndTheOrderIsPaid() {
    Step step =
        PaymentStateMachine.decide(
            OrderStatus.AUTHENTICATION_FAILED,
            TransactionStatus.AUTHENTICATION_FAILED,
            TransactionStatus.CHARGED,
            false,
            false);

    assertThat(step.to()).isEqualTo(TransactionStatus.CHARGED);
    assertThat(step.refundOwed()).isFalse();
    assertThat(step.orderTo()).contains(OrderStatus.CHARGED);
  }

  @Test
  void aChargeAfterAFailureOnceTheWindowClosedIsRefundedAndTheOrderStaysFailed() {
    Step step =
        PaymentStateMachine.decide(
            OrderStatus.AUTHORIZATION_FAILED,
            TransactionStatus.AUTHORIZATION_FAILED,
            TransactionStatus.CHARGED,
            false,
            true);

    assertThat(step.recorded()).isTrue();
    assertThat(step.to()).isEqualTo(TransactionStatus.AUTO_REFUNDED);
    assertThat(step.refundOwed()).isTrue();
    assertThat(step.orderTo()).isEqualTo(Optional.empty());
    assertThat(PaymentStateMachine.allowed(step.from(), step.to())).isTrue();
  }

  @Test
  void aPendingAttemptThatChargesIsNotALateSuccess() {
    Step step =
        PaymentStateMachine.decide(
            OrderStatus.AUTHORIZING,
            TransactionStatus.AUTHORIZING,
            TransactionStatus.CHARGED,
            false,
            true);

    assertThat(step.to()).isEqualTo(TransactionStatus.CHARGED);
    assertThat(step.orderTo()).contains(OrderStatus.CHARGED);
  }

  @Test
  void aLateFailureAfterTheWindowChangesNothing() {
    Step step =
        PaymentStateMachine.decide(
            OrderStatus.AUTHENTICATION_FAILED,
            TransactionStatus.AUTHENTICATION_FAILED,
            TransactionStatus.AUTHORIZATION_FAILED,
            false,
            true);

    assertThat(step.recorded()).isFalse();
  }

  @Test
  void aSecondChargeOnAPaidOrderIsRefundedWhateverTheWindow() {
    for (boolean closed : new boolean[] {false, true}) {
      Step step =
          PaymentStateMachine.decide(
              OrderStatus.CHARGED,
              TransactionStatus.AUTHENTICATION_FAILED,
              TransactionStatus.CHARGED,
              false,
              closed);

      assertThat(step.to()).isEqualTo(TransactionStatus.AUTO_REFUNDED);
      assertThat(step.refundOwed()).isTrue();
      assertThat(step.orderTo()).isEmpty();
    }
  }
}
