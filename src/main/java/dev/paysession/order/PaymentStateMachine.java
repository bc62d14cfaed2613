package dev.paysession.order;

import static dev.paysession.order.TransactionStatus.AUTHORIZING;
import static dev.paysession.order.TransactionStatus.AUTO_REFUNDED;
import static dev.paysession.order.TransactionStatus.CHARGED;
import static dev.paysession.order.TransactionStatus.PENDING_VBV;
import static dev.paysession.order.TransactionStatus.STARTED;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The one place that says which statuses an order and its payment attempts may take, and the only
 * writer of those statuses (the stores' status-writing methods are package-private and marked
 * {@link WritesStatus}; an ArchUnit rule keeps every other caller out).
 *
 * <p>The rules, as decided before this class existed:
 *
 * <ul>
 *   <li>An attempt is pending (STARTED, PENDING_VBV, AUTHORIZING) until the gateway gives a final
 *       word; a pending attempt takes whatever the gateway reports.
 *   <li>An ended attempt keeps its outcome (a form submitted twice changes nothing), except that a
 *       charge reported after a failure (a timeout, a stale decline) still moved money and counts.
 *   <li>One charge per order: a charge on an order another attempt has charged is stored as
 *       AUTO_REFUNDED, with its refund owed (a refund row, through {@link RefundsOwed}).
 *   <li>The fulfilment window ({@code order_fullfillment_threshold_in_mins}, counted from the
 *       order's creation): a charge reported after a failure once the window has closed is stored
 *       AUTO_REFUNDED with its refund owed, and the order keeps its failure (the merchant has given
 *       up on it). Inside the window, or on an order without one, the late charge counts.
 *   <li>The order follows its latest attempt (an older attempt's late failure must not hide a newer
 *       one in progress), a charge always counts whichever attempt it is, and a charged order stays
 *       charged.
 * </ul>
 */
@ApplicationScoped
public class PaymentStateMachine {

  private static final Set<TransactionStatus> PENDING =
      Collections.unmodifiableSet(EnumSet.of(STARTED, PENDING_VBV, AUTHORIZING));

  /** Which attempt statuses may follow which; staying in the same status is always allowed. */
  public static final Map<TransactionStatus, Set<TransactionStatus>> ATTEMPT_TRANSITIONS =
      attemptTransitions();

  /** Which order statuses may follow which; staying in the same status is always allowed. */
  public static final Map<OrderStatus, Set<OrderStatus>> ORDER_TRANSITIONS = orderTransitions();

  private final OrderStore orders;
  private final AttemptStore attempts;
  private final RefundsOwed refundsOwed;

  PaymentStateMachine(OrderStore orders, AttemptStore attempts, RefundsOwed refundsOwed) {
    this.orders = orders;
    this.attempts = attempts;
    this.refundsOwed = refundsOwed;
  }

  /** Waiting for the customer or the gateway; the sweeper settles these. */
  public static boolean isPending(TransactionStatus status) {
    return PENDING.contains(status);
  }

  /** The gateway has given its final word. */
  public static boolean isFinal(TransactionStatus status) {
    return !isPending(status);
  }

  /** Ended without taking money. */
  public static boolean isFailure(TransactionStatus status) {
    return isFinal(status) && status != CHARGED && status != AUTO_REFUNDED;
  }

  /** Waiting for the customer to pass the gateway's challenge (3-D Secure, the bank's page). */
  public static boolean awaitsCustomer(TransactionStatus status) {
    return status == PENDING_VBV;
  }

  /** A new attempt may start only on an order that is not paid. */
  public static boolean acceptsAttempts(OrderStatus order) {
    return order != OrderStatus.CHARGED;
  }

  public static boolean allowed(TransactionStatus from, TransactionStatus to) {
    return from == to || ATTEMPT_TRANSITIONS.get(from).contains(to);
  }

  public static boolean allowed(OrderStatus from, OrderStatus to) {
    return from == to || ORDER_TRANSITIONS.get(from).contains(to);
  }

  /**
   * The order status an attempt's outcome stands for: what the order takes when it follows the
   * attempt, and what the customer's return URL reports. AUTO_REFUNDED happens only to an order
   * that another attempt has charged, so it stands for CHARGED.
   */
  public static OrderStatus orderStatusOf(TransactionStatus status) {
    return switch (status) {
      case STARTED -> OrderStatus.STARTED;
      case CHARGED, AUTO_REFUNDED -> OrderStatus.CHARGED;
      case JUSPAY_DECLINED -> OrderStatus.JUSPAY_DECLINED;
      case PENDING_VBV -> OrderStatus.PENDING_VBV;
      case AUTHENTICATION_FAILED -> OrderStatus.AUTHENTICATION_FAILED;
      case AUTHORIZATION_FAILED -> OrderStatus.AUTHORIZATION_FAILED;
      case AUTHORIZING -> OrderStatus.AUTHORIZING;
    };
  }

  /**
   * What a gateway's word did to an attempt and its order.
   *
   * @param recorded false when the attempt had ended and kept its outcome (nothing was written)
   * @param refundOwed the attempt charged an order that was paid already: its money must go back
   * @param orderTo the order's new status, when the order followed the attempt
   */
  public record Step(
      TransactionStatus from,
      TransactionStatus to,
      boolean recorded,
      boolean refundOwed,
      OrderStatus orderFrom,
      Optional<OrderStatus> orderTo) {}

  /**
   * The rules applied to one gateway answer: pure, so a property test can drive any sequence of
   * answers through it.
   *
   * @param order the order's status, read under its row lock
   * @param current the attempt's status, read under its row lock
   * @param reported what the gateway says now
   * @param newerAttemptExists the order has an attempt started after this one
   */
  public static Step decide(
      OrderStatus order,
      TransactionStatus current,
      TransactionStatus reported,
      boolean newerAttemptExists) {
    return decide(order, current, reported, newerAttemptExists, false);
  }

  /**
   * As {@link #decide(OrderStatus, TransactionStatus, TransactionStatus, boolean)}, on an order
   * whose fulfilment window may have closed.
   *
   * @param windowClosed the order has a fulfilment window and it closed before this answer
   */
  public static Step decide(
      OrderStatus order,
      TransactionStatus current,
      TransactionStatus reported,
      boolean newerAttemptExists,
      boolean windowClosed) {
    if (reported == AUTO_REFUNDED) {
      // Our own verdict on a second charge, never a gateway's word.
      throw new IllegalArgumentException("a gateway cannot report " + reported);
    }
    boolean lateCharge = reported == CHARGED && isFailure(current);
    if (isFinal(current) && !lateCharge) {
      return new Step(current, current, false, false, order, Optional.empty());
    }
    boolean duplicateCharge = reported == CHARGED && order == OrderStatus.CHARGED;
    // Past the window the merchant has acted on the failure (released the seat, told the
    // customer): the money goes back and the order stays failed.
    boolean tooLate = lateCharge && windowClosed;
    boolean refund = duplicateCharge || tooLate;
    TransactionStatus to = refund ? AUTO_REFUNDED : reported;
    boolean orderFollows =
        order != OrderStatus.CHARGED && !tooLate && (to == CHARGED || !newerAttemptExists);
    return new Step(
        current,
        to,
        true,
        refund,
        order,
        orderFollows ? Optional.of(orderStatusOf(to)) : Optional.empty());
  }

  /** Stores a new attempt, STARTED, in the caller's transaction, which holds the order's lock. */
  @Transactional(Transactional.TxType.MANDATORY)
  public void start(NewAttempt attempt, Instant now) throws SQLException {
    attempts.insert(attempt, STARTED, now);
  }

  /**
   * Applies a gateway's word to an attempt and its order, in the caller's transaction, under the
   * order's row lock (taken here, before the attempt's, as every payment step takes them).
   *
   * @param orderAlreadyCharged the database refused a second charge on this order (its last word if
   *     the lock was ever bypassed): treat the order as charged
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public Step record(
      AttemptKey attempt, AttemptOutcome outcome, boolean orderAlreadyCharged, Instant now)
      throws SQLException {
    OrderStatus order =
        orders
            .lock(attempt.merchantId(), attempt.orderId())
            .orElseThrow(() -> new IllegalStateException("order of " + attempt + " vanished"));
    AttemptStore.Locked current = attempts.lock(attempt);
    boolean lateCharge = outcome.status() == CHARGED && isFailure(current.status());
    boolean windowClosed =
        lateCharge
            && orders
                .fulfilmentWindowEnd(attempt.merchantId(), attempt.orderId())
                .filter(now::isAfter)
                .isPresent();
    Step step =
        decide(
            orderAlreadyCharged ? OrderStatus.CHARGED : order,
            current.status(),
            outcome.status(),
            current.newerAttemptExists(),
            windowClosed);
    if (!step.recorded()) {
      return step;
    }
    // The tables are the last word on what may be written, whatever decide() concluded.
    if (!allowed(step.from(), step.to())
        || step.orderTo().filter(to -> !allowed(order, to)).isPresent()) {
      throw new IllegalStateException("refused transition for " + attempt + ": " + step);
    }
    attempts.recordOutcome(attempt, step.to(), outcome, now);
    if (step.orderTo().isPresent()) {
      orders.follow(attempt.merchantId(), attempt.orderId(), step.orderTo().get(), now);
    }
    if (step.refundOwed()) {
      // The debt commits with the verdict: a crash before the gateway hears of it cannot lose it.
      refundsOwed.owe(
          attempts.ofOrder(attempt.merchantId(), attempt.orderId()).stream()
              .filter(txn -> txn.attempt() == attempt.attempt())
              .findFirst()
              .orElseThrow(() -> new IllegalStateException("attempt " + attempt + " vanished")),
          now);
    }
    return step;
  }

  private static Map<TransactionStatus, Set<TransactionStatus>> attemptTransitions() {
    Map<TransactionStatus, Set<TransactionStatus>> transitions =
        new EnumMap<>(TransactionStatus.class);
    for (TransactionStatus from : TransactionStatus.values()) {
      Set<TransactionStatus> to = EnumSet.noneOf(TransactionStatus.class);
      if (isPending(from)) {
        to.addAll(EnumSet.allOf(TransactionStatus.class));
      } else if (isFailure(from)) {
        // A late charge: counted, or refunded when another attempt has charged the order.
        to.addAll(EnumSet.of(CHARGED, AUTO_REFUNDED));
      }
      to.remove(from);
      transitions.put(from, Collections.unmodifiableSet(to));
    }
    return Collections.unmodifiableMap(transitions);
  }

  private static Map<OrderStatus, Set<OrderStatus>> orderTransitions() {
    Map<OrderStatus, Set<OrderStatus>> transitions = new EnumMap<>(OrderStatus.class);
    for (OrderStatus from : OrderStatus.values()) {
      Set<OrderStatus> to = EnumSet.noneOf(OrderStatus.class);
      if (from != OrderStatus.CHARGED) {
        // An unpaid order takes whatever its latest attempt (or any charge) says; NEW never again.
        to.addAll(EnumSet.complementOf(EnumSet.of(OrderStatus.NEW, from)));
      }
      transitions.put(from, Collections.unmodifiableSet(to));
    }
    return Collections.unmodifiableMap(transitions);
  }
}
