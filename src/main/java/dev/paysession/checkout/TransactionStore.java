package dev.paysession.checkout;

import static dev.paysession.api.Committed.committed;

import dev.paysession.api.RandomTokens;
import dev.paysession.checkout.OrderNotPayable.Reason;
import dev.paysession.gateway.GatewayOutcome;
import dev.paysession.gateway.PaymentGateway;
import dev.paysession.gateway.PaymentInstrument;
import dev.paysession.order.AttemptKey;
import dev.paysession.order.AttemptStore;
import dev.paysession.order.MandateRegistrations;
import dev.paysession.order.NewAttempt;
import dev.paysession.order.OrderReader;
import dev.paysession.order.OrderRecord;
import dev.paysession.order.OrderStatus;
import dev.paysession.order.OrderStore;
import dev.paysession.order.PaymentStateMachine;
import dev.paysession.order.TransactionRecord;
import dev.paysession.order.TransactionStatus;
import dev.paysession.order.TxnObjectType;
import dev.paysession.reconcile.ReconciliationJob.Due;
import dev.paysession.webhook.PaymentEvent;
import dev.paysession.webhook.WebhookOutbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The payment path's database transactions: each step that changes an order's payment state locks
 * the order row first, so attempts on one order are numbered and finished one at a time, and stores
 * the change, the saved card and the webhook events together. The partial unique index on CHARGED
 * transactions is the last word if anything slips past. Statuses move only through {@link
 * PaymentStateMachine}; the tables belong to their stores, which join the one
 * {@code @Transactional} transaction each step opens here (no connection is passed between
 * features).
 */
@ApplicationScoped
public class TransactionStore {

  private static final String UNIQUE_VIOLATION = "23505";

  private final OrderStore orderStore;
  private final OrderReader orders;
  private final AttemptStore attempts;
  private final PaymentStateMachine states;
  private final SavedCardStore savedCards;
  private final WebhookOutbox webhooks;
  private final MandateRegistrations mandates;

  TransactionStore(
      OrderStore orderStore,
      OrderReader orders,
      AttemptStore attempts,
      PaymentStateMachine states,
      SavedCardStore savedCards,
      WebhookOutbox webhooks,
      MandateRegistrations mandates) {
    this.orderStore = orderStore;
    this.orders = orders;
    this.attempts = attempts;
    this.states = states;
    this.savedCards = savedCards;
    this.webhooks = webhooks;
    this.mandates = mandates;
  }

  /** A new attempt, numbered and stored before the gateway hears of it. */
  public record Attempt(
      String merchantId,
      String orderId,
      int attempt,
      String txnId,
      String txnUuid,
      String gateway) {

    static Attempt of(TransactionRecord txn) {
      return new Attempt(
          txn.merchantId(),
          txn.orderId(),
          txn.attempt(),
          txn.txnId(),
          txn.txnUuid(),
          txn.gateway());
    }

    AttemptKey key() {
      return new AttemptKey(merchantId, orderId, attempt);
    }
  }

  /**
   * The outcome as stored; {@code refundNeeded} when the gateway charged an already-paid order (its
   * refund is then owed: a refund row stored in the same transaction).
   */
  /**
   * @param refundNeeded the attempt's charge is given back (the order was paid already, or its
   *     fulfilment window had closed)
   * @param order the order's status after this outcome
   */
  public record Recorded(TransactionStatus status, boolean refundNeeded, OrderStatus order) {}

  /**
   * Numbers and stores a new attempt on a payable order.
   *
   * @throws OrderNotPayable when the order is paid, expired or out of attempts
   */
  public Attempt start(
      OrderRecord order, PaymentInstrument instrument, PaymentGateway gateway, Instant now)
      throws SQLException {
    return start(order, instrument, gateway, now, false);
  }

  /**
   * Numbers and stores a new attempt; one that {@code registersMandate} creates the order's mandate
   * (CREATED, with its MANDATE_CREATED event) in the same transaction and is typed as its
   * registration ({@code EMANDATE_REGISTER} / {@code MANDATE_REGISTER}).
   *
   * @throws OrderNotPayable when the order is paid, expired or out of attempts
   * @throws AttemptPending when another attempt of the order is still unanswered (the database's
   *     partial unique index decides, so two presses at once cannot both start one)
   */
  public Attempt start(
      OrderRecord order,
      PaymentInstrument instrument,
      PaymentGateway gateway,
      Instant now,
      boolean registersMandate)
      throws SQLException {
    try {
      return committed(() -> startInTransaction(order, instrument, gateway, now, registersMandate));
    } catch (SQLException e) {
      if (UNIQUE_VIOLATION.equals(e.getSQLState())
          && String.valueOf(e.getMessage()).contains(AttemptPending.INDEX)) {
        throw new AttemptPending();
      }
      throw e;
    }
  }

  @Transactional(rollbackOn = Exception.class)
  Attempt startInTransaction(
      OrderRecord order,
      PaymentInstrument instrument,
      PaymentGateway gateway,
      Instant now,
      boolean registersMandate)
      throws SQLException {
    OrderStatus status = lockOrder(order.merchantId(), order.orderId());
    if (!PaymentStateMachine.acceptsAttempts(status)) {
      throw new OrderNotPayable(Reason.ALREADY_PAID);
    }
    if (order.isExpired(now)) {
      throw new OrderNotPayable(Reason.EXPIRED);
    }
    int attempt = attempts.lastAttempt(order.merchantId(), order.orderId()) + 1;
    if (attempt > TransactionRecord.MAX_PER_ORDER) {
      throw new OrderNotPayable(Reason.TOO_MANY_ATTEMPTS);
    }
    // The amount may change until the first attempt (POST /orders/{id}, a repeated session): the
    // one the page read must still be the order's now that the lock holds it.
    if (attempt == 1
        && orders
            .byOrderId(order.merchantId(), order.orderId())
            .map(locked -> locked.amount().compareTo(order.amount()) != 0)
            .orElse(false)) {
      throw new OrderNotPayable(Reason.AMOUNT_CHANGED);
    }
    Attempt started =
        new Attempt(
            order.merchantId(),
            order.orderId(),
            attempt,
            order.merchantId() + "-" + order.orderId() + "-" + attempt,
            RandomTokens.hex32(),
            gateway.name());
    String mandateId =
        registersMandate ? mandates.register(registration(order, started, instrument), now) : null;
    states.start(newAttempt(order, started, instrument, gateway, mandateId), now);
    webhooks.add(
        order.merchantId(),
        order.orderId(),
        started.txnId(),
        List.of(PaymentEvent.TXN_CREATED),
        now);
    return started;
  }

  /**
   * Stores what the gateway said about an attempt and moves the order with it, as {@link
   * PaymentStateMachine} rules: an ended attempt keeps its outcome (a form submitted twice changes
   * nothing), and a charge on an order another attempt has already charged is stored as
   * AUTO_REFUNDED, with its refund owed.
   */
  public Recorded record(Attempt attempt, GatewayOutcome outcome, Instant now) throws SQLException {
    try {
      return recordOnce(attempt, outcome, now, false);
    } catch (SQLException e) {
      if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
        throw e;
      }
      // The order lock makes this unreachable in practice; the index still has the last word.
      return recordOnce(attempt, outcome, now, true);
    }
  }

  private Recorded recordOnce(
      Attempt attempt, GatewayOutcome outcome, Instant now, boolean orderAlreadyCharged)
      throws SQLException {
    return committed(() -> recordInTransaction(attempt, outcome, now, orderAlreadyCharged));
  }

  @Transactional(rollbackOn = Exception.class)
  Recorded recordInTransaction(
      Attempt attempt, GatewayOutcome outcome, Instant now, boolean orderAlreadyCharged)
      throws SQLException {
    PaymentStateMachine.Step step = states.record(attempt.key(), outcome, orderAlreadyCharged, now);
    if (step.recorded()) {
      if (step.to() == TransactionStatus.CHARGED) {
        saveCardAskedFor(attempt, now);
      }
      webhooks.add(
          attempt.merchantId(),
          attempt.orderId(),
          attempt.txnId(),
          events(step.to(), step.orderTo().isPresent()),
          now);
      // After the order's events: MANDATE_CREATED, ORDER_SUCCEEDED, then MANDATE_ACTIVATED.
      settleMandate(attempt, step.to(), now);
    }
    return new Recorded(step.to(), step.refundOwed(), step.orderTo().orElse(step.orderFrom()));
  }

  /** A registration attempt that ended activates or fails its mandate, in this transaction. */
  private void settleMandate(Attempt attempt, TransactionStatus status, Instant now)
      throws SQLException {
    if (PaymentStateMachine.isPending(status)) {
      return;
    }
    Optional<TransactionRecord> txn = attempts.byUuid(attempt.merchantId(), attempt.txnUuid());
    if (txn.isPresent() && txn.get().objectType().isRegistration()) {
      mandates.attemptEnded(txn.get(), now);
    }
  }

  /**
   * What the merchant is told about an attempt that reached {@code status}: the attempt's own
   * event, then the order's when the order moved with it. Pending states and an AUTO_REFUNDED
   * charge (told when its refund ends: AUTO_REFUND_SUCCEEDED or AUTO_REFUND_FAILED) send nothing.
   */
  private static List<PaymentEvent> events(TransactionStatus status, boolean orderMoved) {
    if (status == TransactionStatus.CHARGED) {
      return List.of(PaymentEvent.TXN_CHARGED, PaymentEvent.ORDER_SUCCEEDED);
    }
    if (!PaymentStateMachine.isFailure(status)) {
      return List.of();
    }
    return orderMoved
        ? List.of(PaymentEvent.TXN_FAILED, PaymentEvent.ORDER_FAILED)
        : List.of(PaymentEvent.TXN_FAILED);
  }

  /**
   * Attempts the sweeper can act on, longest due first: see {@link AttemptStore#unfinished}, which
   * selects them.
   */
  public List<Due<Unfinished>> unfinished(
      Instant now, Instant answerLostBefore, Instant abandonedBefore, int limit)
      throws SQLException {
    return attempts.unfinished(now, answerLostBefore, abandonedBefore, limit).stream()
        .map(
            due -> {
              TransactionRecord txn = due.attempt();
              return new Due<>(
                  new Unfinished(
                      Attempt.of(txn), txn.status(), txn.createdAt(), txn.gatewayTxnId()),
                  txn.txnId(),
                  due.checkFailures());
            })
        .toList();
  }

  /** An attempt the gateway or the customer has not finished yet. */
  public record Unfinished(
      Attempt attempt,
      TransactionStatus status,
      Instant startedAt,
      Optional<String> gatewayTxnId) {}

  /**
   * Pushes back the next check of a row of {@code backlog}: see {@link AttemptStore#deferCheck}.
   */
  public boolean deferCheck(
      AttemptStore.Backlog backlog,
      String merchantId,
      String txnId,
      Instant nextCheckAt,
      int failures)
      throws SQLException {
    return attempts.deferCheck(backlog, merchantId, txnId, nextCheckAt, failures);
  }

  /**
   * A card the customer asked to save becomes a saved card when its payment is charged, in the same
   * transaction; guests (no customer id) never save cards.
   */
  private void saveCardAskedFor(Attempt attempt, Instant now) throws SQLException {
    Optional<AttemptStore.CardToSave> card = attempts.cardToSave(attempt.key());
    if (card.isEmpty()) {
      return;
    }
    Optional<String> customer =
        orders.byOrderId(attempt.merchantId(), attempt.orderId()).flatMap(OrderRecord::customerId);
    if (customer.isPresent()) {
      savedCards.save(
          attempt.merchantId(),
          customer.get(),
          card.get().token(),
          card.get().gateway(),
          card.get().brand(),
          card.get().lastFour(),
          now);
    }
  }

  private OrderStatus lockOrder(String merchantId, String orderId) throws SQLException {
    return orderStore
        .lock(merchantId, orderId)
        .orElseThrow(() -> new OrderNotPayable(Reason.NOT_FOUND));
  }

  /** The mandate {@code instrument} registers for {@code order}'s attempt. */
  private static MandateRegistrations.Registration registration(
      OrderRecord order, Attempt attempt, PaymentInstrument instrument) {
    Optional<String> vpa = Optional.empty();
    Optional<String> authType = Optional.empty();
    Optional<MandateRegistrations.BankAccountUsed> account = Optional.empty();
    if (instrument instanceof PaymentInstrument.UpiCollect upi) {
      vpa = Optional.of(upi.vpa());
    } else if (instrument instanceof PaymentInstrument.BankAccountMandate bank) {
      authType = Optional.of(bank.authType());
      account =
          Optional.of(
              new MandateRegistrations.BankAccountUsed(
                  bank.ifsc(), bank.beneficiaryName(), bank.bankName(), bank.accountNumber()));
    }
    return new MandateRegistrations.Registration(
        order,
        attempt.txnId(),
        instrument.methodType(),
        instrument.method(),
        vpa,
        authType,
        account);
  }

  private static NewAttempt newAttempt(
      OrderRecord order,
      Attempt attempt,
      PaymentInstrument instrument,
      PaymentGateway gateway,
      String mandateId) {
    String brand = null;
    String lastFour = null;
    String token = null;
    String vpa = null;
    if (instrument instanceof PaymentInstrument.NewCard card) {
      brand = card.brand().name();
      lastFour = card.lastFour();
    } else if (instrument instanceof PaymentInstrument.SavedCard saved) {
      brand = saved.brand().name();
      lastFour = saved.lastFour();
      token = saved.token();
    } else if (instrument instanceof PaymentInstrument.UpiCollect upi) {
      vpa = upi.vpa();
    }
    return new NewAttempt(
        attempt.key(),
        attempt.txnId(),
        attempt.txnUuid(),
        order.amount(),
        order.currency(),
        order.routingId(),
        gateway.name(),
        gateway.id(),
        instrument.methodType(),
        instrument.method(),
        brand,
        lastFour,
        token,
        vpa,
        mandateId == null
            ? TxnObjectType.ORDER_PAYMENT
            : TxnObjectType.registration(instrument.methodType()),
        mandateId);
  }
}
