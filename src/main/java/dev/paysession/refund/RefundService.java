package dev.paysession.refund;

import static dev.paysession.api.Committed.committed;

import dev.paysession.api.ApiException;
import dev.paysession.api.RandomTokens;
import dev.paysession.gateway.GatewayRegistry;
import dev.paysession.gateway.PaymentGateway;
import dev.paysession.gateway.PaymentGateway.RefundAnswer;
import dev.paysession.order.AttemptStore;
import dev.paysession.order.OrderStatus;
import dev.paysession.order.OrderStore;
import dev.paysession.order.TransactionRecord;
import dev.paysession.order.TransactionStatus;
import dev.paysession.refund.RefundRecord.RefundType;
import dev.paysession.rules.Amount;
import dev.paysession.webhook.OrderSnapshot;
import dev.paysession.webhook.WebhookEvent;
import dev.paysession.webhook.WebhookOutbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Takes refunds and moves them to their end. Taking one locks the order row first (as every payment
 * step does), so refunds of one order are decided one at a time, on any number of servers sharing
 * the database: the sum of the refunds that count never exceeds the charge. The refund, its webhook
 * and the order it shows commit together.
 */
@ApplicationScoped
public class RefundService {

  private static final Logger LOG = Logger.getLogger(RefundService.class);
  private static final String UNIQUE_VIOLATION = "23505";

  private final OrderStore orders;
  private final AttemptStore attempts;
  private final RefundStore refunds;
  private final RefundStateMachine states;
  private final WebhookOutbox webhooks;
  private final GatewayRegistry gateways;
  private final Clock clock;
  private final Duration duplicateAmountWindow;
  private final Duration manualReviewAfter;

  RefundService(
      OrderStore orders,
      AttemptStore attempts,
      RefundStore refunds,
      RefundStateMachine states,
      WebhookOutbox webhooks,
      GatewayRegistry gateways,
      Clock clock,
      RefundConfig config) {
    this.orders = orders;
    this.attempts = attempts;
    this.refunds = refunds;
    this.states = states;
    this.webhooks = webhooks;
    this.gateways = gateways;
    this.clock = clock;
    this.duplicateAmountWindow = config.duplicateAmountWindow();
    this.manualReviewAfter = config.manualReviewAfter();
  }

  /**
   * Takes a merchant's refund of order {@code orderId} (or of its charge {@code txnId}), PENDING
   * and queued for the gateway, and writes REFUND_INITIATED with it.
   *
   * @throws ApiException Juspay's answers: unknown order, not charged, reused id, same amount
   *     again, over-refund, invalid amount
   */
  public RefundRecord create(String merchantId, String orderId, RefundRules.Request request)
      throws SQLException {
    try {
      return committed(() -> createInTransaction(merchantId, orderId, request, clock.instant()));
    } catch (SQLException e) {
      if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
        // The same unique_request_id raced in on another order: the index decided.
        throw RefundErrors.duplicateId();
      }
      throw e;
    }
  }

  /**
   * The order a {@code txn_id} ({@code merchant-order-attempt}) belongs to, if it has that form.
   */
  public static Optional<String> orderOfTxnId(String merchantId, String txnId) {
    String prefix = merchantId + "-";
    int lastDash = txnId.lastIndexOf('-');
    if (!txnId.startsWith(prefix) || lastDash <= prefix.length()) {
      return Optional.empty();
    }
    return Optional.of(txnId.substring(prefix.length(), lastDash));
  }

  @Transactional(rollbackOn = Exception.class)
  RefundRecord createInTransaction(
      String merchantId, String orderId, RefundRules.Request request, Instant now)
      throws SQLException {
    OrderStatus status =
        orders.lock(merchantId, orderId).orElseThrow(() -> ApiException.orderNotFound(orderId));
    if (status != OrderStatus.CHARGED) {
      throw RefundErrors.notSuccessful();
    }
    List<TransactionRecord> orderAttempts = attempts.ofOrder(merchantId, orderId);
    if (request.txnId().isPresent()
        && orderAttempts.stream().noneMatch(txn -> txn.txnId().equals(request.txnId().get()))) {
      throw ApiException.notFound("Transaction " + request.txnId().get() + " not found");
    }
    TransactionRecord charge =
        orderAttempts.stream()
            .filter(txn -> txn.status() == TransactionStatus.CHARGED)
            .filter(txn -> request.txnId().map(txn.txnId()::equals).orElse(true))
            .findFirst()
            .orElseThrow(RefundErrors::notSuccessful);
    if (refunds.byUniqueRequestId(merchantId, request.uniqueRequestId()).isPresent()) {
      throw RefundErrors.duplicateId();
    }
    BigDecimal asked =
        RefundStateMachine.admit(
                charge.amount().value(),
                refunds.counted(merchantId, charge.txnId()),
                request.amount())
            .orElseThrow(RefundErrors::exceeded);
    Amount amount;
    try {
      amount = Amount.of(asked, charge.currency());
    } catch (ArithmeticException e) {
      throw RefundErrors.invalidAmount(
          "has more decimals than " + charge.currency() + " has (" + charge.amount().text() + ")");
    }
    if (request.amount().isPresent()
        && refunds.sameAmountSince(merchantId, orderId, asked, now.minus(duplicateAmountWindow))) {
      throw RefundErrors.duplicateAmount();
    }
    if (request.type() == RefundType.INSTANT && !"CARD".equals(charge.paymentMethodType())) {
      throw ApiException.invalidRequest(
          "refund_type INSTANT is only for card payments; this order was paid by "
              + charge.paymentMethodType());
    }
    RefundRecord refund =
        new RefundRecord(
            merchantId,
            "rfd_" + RandomTokens.hex32(),
            orderId,
            charge.txnId(),
            request.uniqueRequestId(),
            amount,
            charge.currency(),
            RefundStatus.PENDING,
            false,
            request.type(),
            RefundRecord.BY_API,
            charge.gateway(),
            charge.gatewayTxnId().orElse(null),
            null,
            null,
            null,
            null,
            now,
            now);
    states.create(refund, charge.amount());
    webhooks.add(merchantId, orderId, charge.txnId(), List.of(RefundEvent.REFUND_INITIATED), now);
    return refund;
  }

  /** PENDING refunds due for a check at {@code now}. */
  List<RefundStore.Due> due(Instant now, int limit) throws SQLException {
    return refunds.due(now, limit);
  }

  boolean deferCheck(RefundRecord refund, Instant nextCheckAt, int failures) throws SQLException {
    return refunds.deferCheck(refund.merchantId(), refund.refundId(), nextCheckAt, failures);
  }

  /**
   * One step of a PENDING refund: sends it to its gateway if it is still queued, else asks the
   * gateway where it stands; stores the answer (and its webhook). A refund pending longer than the
   * manual-review time goes to MANUAL_REVIEW.
   */
  void advance(RefundRecord refund, Instant now) throws SQLException {
    boolean aged = !refund.createdAt().plus(manualReviewAfter).isAfter(now);
    RefundAnswer answer;
    try {
      PaymentGateway gateway = gateways.named(refund.gateway());
      answer =
          refund.sentToGateway()
              ? gateway.refundStatus(refund.merchantId(), refund.refundId())
              : gateway.requestRefund(
                  new PaymentGateway.RefundRequest(
                      refund.merchantId(),
                      refund.gatewayTxnId(),
                      refund.refundId(),
                      refund.amount(),
                      refund.refundType() == RefundType.INSTANT));
    } catch (RuntimeException e) {
      if (!aged) {
        throw e;
      }
      LOG.warnf("Refund %s pending too long, gateway unreachable: %s", refund.refundId(), e);
      answer =
          new RefundAnswer(
              PaymentGateway.RefundState.PENDING, null, null, null, "Gateway unreachable");
    }
    RefundAnswer said = answer;
    // The sweep's time decides (tests sweep "as at" later times); what is written is stamped with
    // the clock, so the webhook is due for delivery now, not at the time swept for.
    committed(() -> recordInTransaction(refund, said, aged, clock.instant()));
  }

  @Transactional(rollbackOn = Exception.class)
  Void recordInTransaction(RefundRecord refund, RefundAnswer answer, boolean aged, Instant now)
      throws SQLException {
    // The order's lock first, as every step on an order takes it, so events stay in order.
    orders.lock(refund.merchantId(), refund.orderId());
    RefundAnswer stored =
        aged && answer.state() == PaymentGateway.RefundState.PENDING
            ? new RefundAnswer(
                answer.state(),
                answer.reference(),
                answer.arn(),
                "PENDING_TOO_LONG",
                "Pending for more than " + manualReviewAfter.toDays() + " days")
            : answer;
    Optional<RefundStatus> to =
        states.record(refund.merchantId(), refund.refundId(), stored, aged, now);
    if (to.isPresent()) {
      webhooks.add(
          refund.merchantId(),
          refund.orderId(),
          refund.txnId(),
          List.of(event(to.get(), refund.initiatedBy())),
          now);
    }
    return null;
  }

  /** Juspay's event for a refund that reached {@code status}. */
  static WebhookEvent<OrderSnapshot> event(RefundStatus status, String initiatedBy) {
    boolean auto = !RefundRecord.BY_API.equals(initiatedBy);
    return switch (status) {
      case SUCCESS -> auto ? RefundEvent.AUTO_REFUND_SUCCEEDED : RefundEvent.ORDER_REFUNDED;
      case FAILURE -> auto ? RefundEvent.AUTO_REFUND_FAILED : RefundEvent.ORDER_REFUND_FAILED;
      case MANUAL_REVIEW -> RefundEvent.REFUND_MANUAL_REVIEW_NEEDED;
      case PENDING -> RefundEvent.REFUND_INITIATED;
    };
  }
}
