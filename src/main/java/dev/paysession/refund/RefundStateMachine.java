package dev.paysession.refund;

import dev.paysession.gateway.PaymentGateway.RefundAnswer;
import dev.paysession.gateway.PaymentGateway.RefundState;
import dev.paysession.rules.Amount;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The one place that says which statuses a refund may take, and the only writer of them (the
 * store's {@code @WritesStatus} methods). A refund starts PENDING (queued, {@code sent_to_gateway}
 * false), stays PENDING once the gateway has it, and ends SUCCESS, FAILURE or MANUAL_REVIEW; an
 * ended refund keeps its status. One still PENDING after {@code manual-review-after} goes to
 * MANUAL_REVIEW, as Juspay does after 10 days.
 */
@ApplicationScoped
public class RefundStateMachine {

  /** Which statuses may follow which; staying is always allowed. */
  public static final Map<RefundStatus, Set<RefundStatus>> TRANSITIONS = transitions();

  private final RefundStore refunds;

  RefundStateMachine(RefundStore refunds) {
    this.refunds = refunds;
  }

  public static boolean allowed(RefundStatus from, RefundStatus to) {
    return from == to || TRANSITIONS.get(from).contains(to);
  }

  /**
   * The status a gateway's word leads to, pure. Empty when nothing changes: the refund has ended,
   * or it is still pending and not too old.
   *
   * @param aged the refund has been PENDING for longer than the manual-review time
   */
  public static Optional<RefundStatus> decide(
      RefundStatus current, RefundState reported, boolean aged) {
    if (current != RefundStatus.PENDING) {
      return Optional.empty();
    }
    return switch (reported) {
      case SUCCESS -> Optional.of(RefundStatus.SUCCESS);
      case FAILURE -> Optional.of(RefundStatus.FAILURE);
      case MANUAL_REVIEW -> Optional.of(RefundStatus.MANUAL_REVIEW);
      case PENDING -> aged ? Optional.of(RefundStatus.MANUAL_REVIEW) : Optional.empty();
    };
  }

  /**
   * The amount a new refund takes, pure: what was asked, or all that is left when nothing was
   * asked; empty when that is nothing or more than what is left (Juspay's over-refund answer).
   *
   * @param counted what the charge's refunds that count (all but FAILURE) add up to
   */
  public static Optional<BigDecimal> admit(
      BigDecimal charged, BigDecimal counted, Optional<BigDecimal> asked) {
    BigDecimal refundable = charged.subtract(counted);
    BigDecimal amount = asked.orElse(refundable);
    return amount.signum() > 0 && amount.compareTo(refundable) <= 0
        ? Optional.of(amount)
        : Optional.empty();
  }

  /** Stores a new refund, PENDING and not yet sent, in the caller's transaction. */
  @Transactional(Transactional.TxType.MANDATORY)
  public void create(RefundRecord refund, Amount chargedAmount) throws SQLException {
    if (refund.status() != RefundStatus.PENDING || refund.sentToGateway()) {
      throw new IllegalArgumentException("a refund starts PENDING and unsent: " + refund);
    }
    refunds.insert(refund, chargedAmount);
  }

  /**
   * Applies the gateway's word to a refund, under its row lock, in the caller's transaction.
   * Returns the status it moved to, or empty when nothing was written but what the gateway said
   * (sent, still pending).
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public Optional<RefundStatus> record(
      String merchantId, String refundId, RefundAnswer answer, boolean aged, Instant now)
      throws SQLException {
    RefundRecord current =
        refunds
            .lock(merchantId, refundId)
            .orElseThrow(() -> new IllegalStateException("refund " + refundId + " vanished"));
    Optional<RefundStatus> to = decide(current.status(), answer.state(), aged);
    if (current.status() != RefundStatus.PENDING) {
      return Optional.empty();
    }
    if (to.isPresent() && !allowed(current.status(), to.get())) {
      throw new IllegalStateException("refused transition for " + refundId + ": " + to.get());
    }
    refunds.record(merchantId, refundId, to.orElse(RefundStatus.PENDING), answer, now);
    return to;
  }

  private static Map<RefundStatus, Set<RefundStatus>> transitions() {
    Map<RefundStatus, Set<RefundStatus>> transitions = new EnumMap<>(RefundStatus.class);
    for (RefundStatus from : RefundStatus.values()) {
      transitions.put(
          from,
          from == RefundStatus.PENDING
              ? Collections.unmodifiableSet(
                  EnumSet.of(
                      RefundStatus.SUCCESS, RefundStatus.FAILURE, RefundStatus.MANUAL_REVIEW))
              : Collections.unmodifiableSet(EnumSet.noneOf(RefundStatus.class)));
    }
    return Collections.unmodifiableMap(transitions);
  }
}
