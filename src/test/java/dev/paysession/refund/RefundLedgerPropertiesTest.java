package dev.paysession.refund;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paysession.gateway.PaymentGateway.RefundState;
import dev.paysession.order.OrderStatusView;
import dev.paysession.order.OrderStatusView.RefundTotals;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Random sequences of refund requests and gateway answers through the production rules ({@link
 * RefundStateMachine#admit}, {@link RefundStateMachine#decide}, {@link RefundTotals}): what is
 * refundable never goes negative, {@code refunded} holds exactly when nothing is left, and
 * unique_request_ids stay unique.
 */
class RefundLedgerPropertiesTest {

  /** One step: a refund request, or a gateway's word (or the ageing rule) about a refund. */
  sealed interface Step {}

  record Ask(int id, Optional<Integer> minorUnits) implements Step {}

  record Answer(int refund, RefundState state, boolean aged) implements Step {}

  private record Refund(String id, BigDecimal amount, RefundStatus status) {}

  @Property(tries = 500)
  void invariantsHoldWhateverHappens(
      @ForAll @IntRange(min = 1, max = 20_000) int chargedMinor,
      @ForAll("steps") @Size(max = 60) List<Step> steps) {
    BigDecimal charged = BigDecimal.valueOf(chargedMinor, 2);
    List<Refund> refunds = new ArrayList<>();
    for (Step step : steps) {
      if (step instanceof Ask ask) {
        String id = "id" + ask.id();
        if (refunds.stream().anyMatch(refund -> refund.id().equals(id))) {
          continue; // duplicate.call: nothing stored
        }
        Optional<BigDecimal> amount =
            RefundStateMachine.admit(
                charged,
                counted(refunds),
                ask.minorUnits().map(units -> BigDecimal.valueOf(units, 2)));
        amount.ifPresent(value -> refunds.add(new Refund(id, value, RefundStatus.PENDING)));
        if (amount.isEmpty()) {
          // Refused only when it did not fit (or nothing was left for a whole refund).
          BigDecimal left = charged.subtract(counted(refunds));
          assertThat(ask.minorUnits().map(units -> BigDecimal.valueOf(units, 2)).orElse(left))
              .satisfiesAnyOf(
                  value -> assertThat(value).isGreaterThan(left),
                  value -> assertThat(value.signum()).isZero());
        }
      } else if (step instanceof Answer answer && !refunds.isEmpty()) {
        int index = answer.refund() % refunds.size();
        Refund refund = refunds.get(index);
        Optional<RefundStatus> to =
            RefundStateMachine.decide(refund.status(), answer.state(), answer.aged());
        if (to.isPresent()) {
          assertThat(RefundStateMachine.allowed(refund.status(), to.get())).isTrue();
          refunds.set(index, new Refund(refund.id(), refund.amount(), to.get()));
        }
      }
      check(charged, refunds);
    }
  }

  private static void check(BigDecimal charged, List<Refund> refunds) {
    BigDecimal refundable = charged.subtract(counted(refunds));
    assertThat(refundable.signum()).as("refundable").isGreaterThanOrEqualTo(0);
    RefundTotals totals =
        RefundTotals.of(
            charged, true, refunds.stream().map(RefundLedgerPropertiesTest::view).toList());
    assertThat(totals.refunded()).isEqualTo(refundable.signum() == 0);
    assertThat(totals.amountRefunded()).isEqualByComparingTo(counted(refunds));
    assertThat(totals.maximumEligibleRefundAmount()).isEqualByComparingTo(refundable);
    Set<String> ids = new HashSet<>();
    assertThat(refunds).allSatisfy(refund -> assertThat(ids.add(refund.id())).isTrue());
  }

  private static BigDecimal counted(List<Refund> refunds) {
    return refunds.stream()
        .filter(refund -> refund.status().counts())
        .map(Refund::amount)
        .reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  private static OrderStatusView.Refund view(Refund refund) {
    return new OrderStatusView.Refund(
        refund.id(),
        null,
        null,
        refund.amount(),
        refund.status().name(),
        false,
        "STANDARD",
        "SANDBOX",
        "API",
        null,
        "",
        null,
        "2026-01-01T00:00:00Z");
  }

  @Provide
  Arbitrary<List<Step>> steps() {
    Arbitrary<Step> ask =
        Combinators.combine(
                Arbitraries.integers().between(0, 8),
                Arbitraries.integers().between(1, 12_000).optional(0.8))
            .as(Ask::new);
    Arbitrary<Step> answer =
        Combinators.combine(
                Arbitraries.integers().between(0, 100),
                Arbitraries.of(RefundState.class),
                Arbitraries.of(false, false, false, true))
            .as(Answer::new);
    return Arbitraries.oneOf(ask, answer).list();
  }
}
