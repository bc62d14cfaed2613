package dev.paysession.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random sequences of payment events (attempts started, gateway answers on any attempt, late
 * answers after an attempt ended, two attempts racing to charge, challenge timeouts) driven through
 * {@link PaymentStateMachine#decide}: only allowed transitions ever happen, and the order keeps the
 * rules decided for it.
 */
class PaymentStateMachinePropertiesTest {

  /** What can happen to an order's payments. */
  sealed interface Event {}

  /** The customer starts a new attempt (refused on a paid order or after 25 attempts). */
  record Start() implements Event {}

  /** A gateway answers about attempt {@code pick} (modulo the attempts made), early or late. */
  record Answer(int pick, TransactionStatus reported) implements Event {}

  /** The sweeper gives up on an unanswered challenge: it fails as AUTHENTICATION_FAILED. */
  record Timeout(int pick) implements Event {}

  /** What a gateway may report: AUTO_REFUNDED is our own verdict, never a gateway's. */
  private static final EnumSet<TransactionStatus> REPORTABLE =
      EnumSet.complementOf(EnumSet.of(TransactionStatus.AUTO_REFUNDED));

  @Property(tries = 2000)
  void onlyAllowedTransitionsHappenAndTheOrderKeepsItsRules(
      @ForAll("histories") List<Event> events) {
    Model model = new Model();
    for (Event event : events) {
      if (event instanceof Answer answer) {
        model.answer(answer.pick(), answer.reported());
      } else if (event instanceof Timeout timeout) {
        model.timeout(timeout.pick());
      } else {
        model.start();
      }
      model.checkInvariants();
    }
  }

  @Example
  void aGatewayCannotReportARefundOfItsOwn() {
    assertThatThrownBy(
            () ->
                PaymentStateMachine.decide(
                    OrderStatus.NEW,
                    TransactionStatus.PENDING_VBV,
                    TransactionStatus.AUTO_REFUNDED,
                    false))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Example
  void theTablesSayWhatTheClassificationSays() {
    for (TransactionStatus status : TransactionStatus.values()) {
      boolean ended = PaymentStateMachine.isFinal(status);
      assertThat(PaymentStateMachine.isPending(status)).isEqualTo(!ended);
      if (status == TransactionStatus.CHARGED || status == TransactionStatus.AUTO_REFUNDED) {
        assertThat(PaymentStateMachine.ATTEMPT_TRANSITIONS.get(status)).as("%s", status).isEmpty();
      }
    }
    assertThat(PaymentStateMachine.ORDER_TRANSITIONS.get(OrderStatus.CHARGED)).isEmpty();
    for (OrderStatus status : OrderStatus.values()) {
      assertThat(PaymentStateMachine.ORDER_TRANSITIONS.get(status)).doesNotContain(OrderStatus.NEW);
    }
  }

  @Provide
  Arbitrary<List<Event>> histories() {
    Arbitrary<Event> start = Arbitraries.just(new Start());
    Arbitrary<Event> answer =
        Arbitraries.integers()
            .between(0, 30)
            .flatMap(
                pick -> Arbitraries.of(REPORTABLE).map(status -> (Event) new Answer(pick, status)));
    Arbitrary<Event> charge =
        Arbitraries.integers()
            .between(0, 30)
            .map(pick -> (Event) new Answer(pick, TransactionStatus.CHARGED));
    Arbitrary<Event> timeout = Arbitraries.integers().between(0, 30).map(Timeout::new);
    return Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(3, start),
            net.jqwik.api.Tuple.of(5, answer),
            net.jqwik.api.Tuple.of(2, charge),
            net.jqwik.api.Tuple.of(2, timeout))
        .list()
        .ofMaxSize(60);
  }

  /** One order and its attempts, as the database would hold them. */
  private static final class Model {
    OrderStatus order = OrderStatus.NEW;
    final List<TransactionStatus> attempts = new ArrayList<>();
    final List<Boolean> refundOwed = new ArrayList<>();
    boolean everCharged;

    /**
     * What the order must show: the last answer recorded on the then-latest attempt, or a charge.
     */
    OrderStatus expectedOrder = OrderStatus.NEW;

    void start() {
      if (!PaymentStateMachine.acceptsAttempts(order)
          || attempts.size() >= TransactionRecord.MAX_PER_ORDER) {
        return;
      }
      attempts.add(TransactionStatus.STARTED);
      refundOwed.add(false);
    }

    void timeout(int pick) {
      if (attempts.isEmpty()) {
        return;
      }
      int i = pick % attempts.size();
      // The sweeper's rule (CheckoutService.settle): a pending attempt not with the bank times out.
      if (PaymentStateMachine.isPending(attempts.get(i))
          && attempts.get(i) != TransactionStatus.AUTHORIZING) {
        answer(i, TransactionStatus.AUTHENTICATION_FAILED);
      }
    }

    void answer(int pick, TransactionStatus reported) {
      if (attempts.isEmpty()) {
        return;
      }
      int i = pick % attempts.size();
      TransactionStatus current = attempts.get(i);
      boolean newer = i < attempts.size() - 1;
      PaymentStateMachine.Step step = PaymentStateMachine.decide(order, current, reported, newer);

      assertThat(step.from()).isEqualTo(current);
      assertThat(step.orderFrom()).isEqualTo(order);
      assertThat(PaymentStateMachine.allowed(step.from(), step.to()))
          .as("attempt %s -> %s", step.from(), step.to())
          .isTrue();
      step.orderTo()
          .ifPresent(
              to ->
                  assertThat(PaymentStateMachine.allowed(order, to))
                      .as("order %s -> %s", order, to)
                      .isTrue());

      // An ended attempt keeps its outcome, except that a late charge still counts.
      boolean lateCharge =
          reported == TransactionStatus.CHARGED && PaymentStateMachine.isFailure(current);
      if (PaymentStateMachine.isFinal(current) && !lateCharge) {
        assertThat(step.recorded()).isFalse();
        assertThat(step.to()).isEqualTo(current);
        assertThat(step.orderTo()).isEmpty();
        assertThat(step.refundOwed()).isFalse();
        return;
      }
      assertThat(step.recorded()).isTrue();
      // One charge per order: a second becomes AUTO_REFUNDED with its refund owed.
      boolean duplicate = reported == TransactionStatus.CHARGED && order == OrderStatus.CHARGED;
      assertThat(step.to()).isEqualTo(duplicate ? TransactionStatus.AUTO_REFUNDED : reported);
      assertThat(step.refundOwed()).isEqualTo(duplicate);

      // The order follows its latest attempt; a charge always counts; a paid order stays paid.
      boolean follows =
          order != OrderStatus.CHARGED && (reported == TransactionStatus.CHARGED || !newer);
      assertThat(step.orderTo().isPresent()).isEqualTo(follows);
      if (follows) {
        expectedOrder = PaymentStateMachine.orderStatusOf(step.to());
      }

      attempts.set(i, step.to());
      refundOwed.set(i, refundOwed.get(i) || step.refundOwed());
      order = step.orderTo().orElse(order);
    }

    void checkInvariants() {
      long charged = attempts.stream().filter(s -> s == TransactionStatus.CHARGED).count();
      assertThat(charged).as("one charge per order").isLessThanOrEqualTo(1);
      if (charged == 1) {
        assertThat(order).as("a charge always counts").isEqualTo(OrderStatus.CHARGED);
      }
      if (everCharged) {
        assertThat(order).as("a paid order stays paid").isEqualTo(OrderStatus.CHARGED);
      }
      everCharged = order == OrderStatus.CHARGED;
      if (order == OrderStatus.CHARGED) {
        assertThat(charged).as("a paid order has its charge").isEqualTo(1);
      }
      for (int i = 0; i < attempts.size(); i++) {
        boolean refunded = attempts.get(i) == TransactionStatus.AUTO_REFUNDED;
        assertThat(refundOwed.get(i))
            .as("refund owed exactly for AUTO_REFUNDED")
            .isEqualTo(refunded);
      }
      assertThat(order).as("the order follows its latest attempt").isEqualTo(expectedOrder);
    }
  }
}
