package dev.paysession.checkout;

import dev.paysession.api.Secret;
import dev.paysession.checkout.OrderNotPayable.Reason;
import dev.paysession.checkout.TransactionStore.Attempt;
import dev.paysession.gateway.GatewayOutcome;
import dev.paysession.gateway.GatewayRegistry;
import dev.paysession.gateway.PaymentGateway;
import dev.paysession.gateway.PaymentGateway.ChallengeAnswer;
import dev.paysession.gateway.PaymentGateway.GatewayPayment;
import dev.paysession.gateway.PaymentInstrument;
import dev.paysession.merchant.Merchant;
import dev.paysession.merchant.MerchantStore;
import dev.paysession.order.AttemptStore;
import dev.paysession.order.OrderMandates;
import dev.paysession.order.OrderReader;
import dev.paysession.order.OrderRecord;
import dev.paysession.order.OrderStatus;
import dev.paysession.order.OrderStatusView;
import dev.paysession.order.PaymentStateMachine;
import dev.paysession.order.TransactionRecord;
import dev.paysession.order.TransactionStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.net.URI;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * A customer paying on the hosted page: starts attempts, passes challenges to the gateway, stores
 * every outcome, and says where the customer goes next.
 */
@ApplicationScoped
public class CheckoutService {

  private static final Logger LOG = Logger.getLogger(CheckoutService.class);

  /** The error code of an attempt whose challenge we stopped waiting for. */
  static final String AUTHENTICATION_TIMEOUT = "AUTHENTICATION_TIMEOUT";

  // Card expiry is printed in the issuer's month; India's is the market this API serves.
  private static final ZoneId CARD_ZONE = ZoneId.of("Asia/Kolkata");

  private final OrderReader orders;
  private final AttemptStore attempts;
  private final SavedCardStore savedCards;
  private final TransactionStore transactions;
  private final GatewayRegistry gateways;
  private final MerchantStore merchants;
  private final OrderMandates mandates;
  private final Instance<AttemptLanding> landing;
  private final Clock clock;

  CheckoutService(
      OrderReader orders,
      AttemptStore attempts,
      SavedCardStore savedCards,
      TransactionStore transactions,
      GatewayRegistry gateways,
      MerchantStore merchants,
      OrderMandates mandates,
      Instance<AttemptLanding> landing,
      Clock clock) {
    this.orders = orders;
    this.attempts = attempts;
    this.savedCards = savedCards;
    this.transactions = transactions;
    this.gateways = gateways;
    this.merchants = merchants;
    this.mandates = mandates;
    this.landing = landing;
    this.clock = clock;
  }

  /** Everything the payment page shows for an order. */
  public record Checkout(
      OrderRecord order,
      Merchant merchant,
      List<SavedCard> savedCards,
      List<TransactionRecord> attempts,
      Optional<String> returnUrl) {}

  /** Where the customer goes after a step. */
  public sealed interface Next {
    /** The gateway's challenge page for this attempt. */
    record Challenge(String txnUuid) implements Next {}

    /** A page that waits for a pending attempt and checks again. */
    record Pending(String txnUuid) implements Next {}

    /** The signed return-URL redirect, or our own result page when there is no return URL. */
    record Finished(OrderStatus status, Optional<URI> redirect) implements Next {}
  }

  /** The order behind a payment link, with what its page needs. */
  public Checkout checkout(String publicId) throws SQLException {
    OrderRecord order = orders.byPublicId(publicId).orElseThrow(() -> notPayable(Reason.NOT_FOUND));
    Merchant merchant =
        merchants.find(order.merchantId()).orElseThrow(() -> notPayable(Reason.NOT_FOUND));
    List<SavedCard> cards =
        order.customerId().isPresent()
            ? savedCards.ofCustomer(order.merchantId(), order.customerId().get())
            : List.of();
    return new Checkout(
        order,
        merchant,
        cards,
        attempts.ofOrder(order.merchantId(), order.orderId()),
        order.returnUrl().or(merchant::defaultReturnUrl));
  }

  /** The month card expiry is checked against. */
  public YearMonth thisMonth() {
    return YearMonth.now(clock.withZone(CARD_ZONE));
  }

  public boolean isExpired(OrderRecord order) {
    return order.isExpired(clock.instant());
  }

  /**
   * The gateway a new attempt of this merchant would go to; empty for a production merchant while
   * no gateway that moves money is installed (the sandbox must never take a production order: it
   * would report money it did not move).
   */
  public Optional<PaymentGateway> gatewayFor(Merchant merchant) {
    return gateways.forNewAttempt(merchant);
  }

  /** Starts a one-off payment attempt with what the customer chose. */
  public Next pay(Checkout checkout, PaymentInstrument instrument) throws SQLException {
    return pay(checkout, instrument, false, Optional.empty());
  }

  /**
   * Starts a payment attempt with what the customer chose; one that {@code registersMandate} also
   * registers the order's mandate.
   *
   * @param payerAccount TPV: the account the payer's bank reports (a sandbox test choice)
   */
  public Next pay(
      Checkout checkout,
      PaymentInstrument instrument,
      boolean registersMandate,
      Optional<String> payerAccount)
      throws SQLException {
    return start(checkout, instrument, registersMandate, payerAccount).next();
  }

  /** A new attempt and where its customer goes next. */
  public record Started(String txnUuid, String txnId, Next next) {}

  /**
   * Starts an attempt as {@link #pay} does, answering which attempt it is: a server-to-server
   * payment ({@code POST /txns}) reports it to the caller.
   *
   * @throws PaymentUnconfirmed when the gateway's answer could not be stored
   */
  public Started start(
      Checkout checkout,
      PaymentInstrument instrument,
      boolean registersMandate,
      Optional<String> payerAccount)
      throws SQLException {
    PaymentGateway gateway =
        gatewayFor(checkout.merchant()).orElseThrow(() -> notPayable(Reason.NO_LIVE_GATEWAY));
    OrderRecord order = checkout.order();
    Instant now = clock.instant();
    Attempt attempt = transactions.start(order, instrument, gateway, now, registersMandate);
    GatewayPayment payment = GatewayPayment.of(order, attempt.txnId()).fromAccount(payerAccount);
    if (registersMandate) {
      payment = payment.registering(order.details().mandate().orElseThrow());
    }
    GatewayOutcome outcome = gateway.initiate(payment, instrument);
    return new Started(
        attempt.txnUuid(), attempt.txnId(), afterOutcome(checkout, attempt, outcome));
  }

  /** The customer's answer on the challenge page of an attempt. */
  public Next authenticate(Checkout checkout, String txnUuid, ChallengeAnswer answer)
      throws SQLException {
    TransactionRecord txn = attempt(checkout, txnUuid);
    if (!(PaymentStateMachine.awaitsCustomer(txn.status()) || abandonedByUs(txn))
        || txn.gatewayTxnId().isEmpty()
        || checkout.order().status() == OrderStatus.CHARGED) {
      return where(checkout, txn);
    }
    GatewayOutcome outcome =
        gateways
            .named(txn.gateway())
            .authenticate(txn.merchantId(), txn.gatewayTxnId().get(), answer);
    return afterOutcome(checkout, Attempt.of(txn), outcome);
  }

  /**
   * An attempt we stopped waiting for ({@link #AUTHENTICATION_TIMEOUT}) while the gateway's
   * challenge page stayed open: an answer given there still reaches the gateway, which may charge,
   * as a bank's 3-D Secure or net-banking page would. The late charge is recorded by the usual
   * rules (it counts, or is auto-refunded after the order's fulfilment window).
   */
  private static boolean abandonedByUs(TransactionRecord txn) {
    return txn.status() == TransactionStatus.AUTHENTICATION_FAILED
        && txn.errorCode().filter(AUTHENTICATION_TIMEOUT::equals).isPresent();
  }

  /**
   * Where an attempt stands now. A pending one is synced with the gateway first, and one whose
   * gateway answer was never stored is looked up at the gateway by our transaction id.
   */
  public Next status(Checkout checkout, String txnUuid) throws SQLException {
    TransactionRecord txn = attempt(checkout, txnUuid);
    boolean pending =
        txn.status() == TransactionStatus.AUTHORIZING && txn.gatewayTxnId().isPresent();
    if (pending || txn.status() == TransactionStatus.STARTED) {
      Optional<GatewayOutcome> outcome = askGateway(Attempt.of(txn), txn.gatewayTxnId());
      if (outcome.isPresent()) {
        return afterOutcome(checkout, Attempt.of(txn), outcome.get());
      }
    }
    return where(checkout, txn);
  }

  /**
   * The sweeper's step for one unfinished attempt: whatever the gateway now says about it is
   * recorded (a settled payment, or an answer that was lost with the request that asked); an
   * attempt still unanswered fails once it is older than {@code abandonedBefore}.
   */
  public void settle(TransactionStore.Unfinished unfinished, Instant abandonedBefore)
      throws SQLException {
    Attempt attempt = unfinished.attempt();
    Optional<GatewayOutcome> outcome = askGateway(attempt, unfinished.gatewayTxnId());
    if (outcome.isPresent() && outcome.get().status() != unfinished.status()) {
      // A charge on an order that is paid already is stored with its refund owed; the refunds
      // job gives it back.
      record(attempt, outcome.get());
    } else if (unfinished.status() != TransactionStatus.AUTHORIZING
        && unfinished.startedAt().isBefore(abandonedBefore)) {
      record(
          attempt,
          new GatewayOutcome(
              TransactionStatus.AUTHENTICATION_FAILED,
              null,
              AUTHENTICATION_TIMEOUT,
              "Authentication was not completed in time",
              Optional.of(AUTHENTICATION_TIMEOUT),
              Optional.of("Authentication was not completed in time"),
              Optional.empty(),
              Optional.empty()));
    }
  }

  /**
   * The current word on an attempt of the gateway that took it: by the gateway's id when we have
   * it, else by our txn id.
   */
  private Optional<GatewayOutcome> askGateway(Attempt attempt, Optional<String> gatewayTxnId) {
    PaymentGateway gateway = gateways.named(attempt.gateway());
    return gatewayTxnId.isPresent()
        ? Optional.of(gateway.sync(attempt.merchantId(), gatewayTxnId.get()))
        : gateway.lookup(attempt.merchantId(), attempt.txnId());
  }

  /**
   * The order's attempt the customer's bank has not answered yet (the ones V24's index allows one
   * of): the page shows it instead of starting another.
   */
  public static Optional<TransactionRecord> pendingAttempt(List<TransactionRecord> attempts) {
    return attempts.stream().filter(CheckoutService::isCancellable).findFirst();
  }

  /** Unanswered: just started, or a UPI request waiting in the customer's app. */
  public static boolean isCancellable(TransactionRecord txn) {
    return txn.status() == TransactionStatus.STARTED
        || (txn.status() == TransactionStatus.AUTHORIZING && txn.paymentMethodType().equals("UPI"));
  }

  /**
   * The customer withdraws an unanswered payment request to pay another way: the gateway cancels it
   * (or says it was approved meanwhile), and the attempt moves through the state machine like any
   * gateway answer.
   *
   * @return empty when the attempt is now failed (the page takes a new payment), else where it
   *     leads (a charge that won the race, a request still pending at a gateway that cannot cancel)
   */
  public Optional<Next> cancel(Checkout checkout, String txnUuid) throws SQLException {
    TransactionRecord txn = attempt(checkout, txnUuid);
    if (!isCancellable(txn) || checkout.order().status() == OrderStatus.CHARGED) {
      return Optional.of(where(checkout, txn));
    }
    PaymentGateway gateway = gateways.named(txn.gateway());
    Optional<String> gatewayTxnId =
        txn.gatewayTxnId()
            .or(
                () ->
                    gateway
                        .lookup(txn.merchantId(), txn.txnId())
                        .map(GatewayOutcome::gatewayTxnId));
    GatewayOutcome outcome =
        gatewayTxnId.isPresent()
            ? gateway.cancel(txn.merchantId(), gatewayTxnId.get())
            // The gateway never saw it: nothing can be debited; the attempt ends here.
            : new GatewayOutcome(
                TransactionStatus.AUTHENTICATION_FAILED,
                null,
                "CANCELLED_BY_CUSTOMER",
                "The customer cancelled the payment request",
                Optional.of("CANCELLED_BY_CUSTOMER"),
                Optional.of("The customer cancelled the payment request"),
                Optional.empty(),
                Optional.empty());
    TransactionStore.Recorded recorded = record(Attempt.of(txn), outcome);
    if (PaymentStateMachine.isFailure(recorded.status())) {
      return Optional.empty();
    }
    return Optional.of(afterRecorded(checkout, Attempt.of(txn), recorded));
  }

  /** Deletes one of the order's customer's saved cards; false when it was not theirs. */
  public boolean deleteSavedCard(Checkout checkout, String token) throws SQLException {
    Optional<String> customer = checkout.order().customerId();
    return customer.isPresent()
        && savedCards.delete(checkout.order().merchantId(), customer.get(), token);
  }

  public TransactionRecord attempt(Checkout checkout, String txnUuid) throws SQLException {
    return attempts
        .byUuid(checkout.order().merchantId(), txnUuid)
        .filter(txn -> txn.orderId().equals(checkout.order().orderId()))
        .orElseThrow(() -> notPayable(Reason.NOT_FOUND));
  }

  private Next afterOutcome(Checkout checkout, Attempt attempt, GatewayOutcome outcome)
      throws SQLException {
    return afterRecorded(checkout, attempt, record(attempt, outcome));
  }

  private Next afterRecorded(Checkout checkout, Attempt attempt, TransactionStore.Recorded recorded)
      throws SQLException {
    if (recorded.refundNeeded()) {
      // Two payments raced and the other one won, or the charge came after the order's fulfilment
      // window: its refund is owed in the same transaction, and the refunds job gives the money
      // back like any refund. The customer sees the order's own outcome.
      LOG.warnf("Attempt %s charged and is auto-refunded", attempt.txnId());
      return finished(checkout, recorded.order(), attempt.txnUuid());
    }
    return next(checkout, attempt.txnUuid(), recorded.status());
  }

  private TransactionStore.Recorded record(Attempt attempt, GatewayOutcome outcome) {
    try {
      return transactions.record(attempt, outcome, clock.instant());
    } catch (SQLException e) {
      throw new PaymentUnconfirmed(attempt.txnUuid(), e);
    }
  }

  /**
   * Where a revisited attempt leads. Once the order is paid, every attempt's page leads to the paid
   * outcome: an old tab must not offer a challenge or report an earlier failure as the result.
   */
  private Next where(Checkout checkout, TransactionRecord txn) throws SQLException {
    if (checkout.order().status() == OrderStatus.CHARGED) {
      return finished(checkout, OrderStatus.CHARGED, txn.txnUuid());
    }
    return next(checkout, txn.txnUuid(), txn.status());
  }

  /**
   * The customer's next page for an attempt in {@code status}: its challenge, the page that waits,
   * or the outcome the attempt stands for (a refunded second charge means the order is paid).
   */
  private Next next(Checkout checkout, String txnUuid, TransactionStatus status)
      throws SQLException {
    if (PaymentStateMachine.awaitsCustomer(status)) {
      return new Next.Challenge(txnUuid);
    }
    if (PaymentStateMachine.isPending(status)) {
      return new Next.Pending(txnUuid);
    }
    return finished(checkout, PaymentStateMachine.orderStatusOf(status), txnUuid);
  }

  /**
   * The signed redirect to the merchant's return URL, with the outcome of the attempt; or the
   * landing asked for the attempt ({@link AttemptLanding}).
   */
  private Next finished(Checkout checkout, OrderStatus status, String txnUuid) throws SQLException {
    if (landing.isResolvable()) {
      Optional<URI> asked = landing.get().of(checkout.order().merchantId(), txnUuid);
      if (asked.isPresent()) {
        return new Next.Finished(status, asked);
      }
    }
    if (checkout.returnUrl().isEmpty()) {
      return new Next.Finished(status, Optional.empty());
    }
    String responseKey =
        merchants
            .responseKey(checkout.order().merchantId())
            .map(Secret::reveal)
            .orElseThrow(() -> new IllegalStateException("merchant has no response key"));
    ReturnUrlSignature.Outcome outcome =
        ReturnUrlSignature.Outcome.of(checkout.order().orderId(), status);
    Optional<ReturnUrlSignature.Mandate> mandate = mandateOf(checkout.order());
    if (mandate.isPresent()) {
      outcome = outcome.withMandate(mandate.get());
    }
    return new Next.Finished(
        status,
        Optional.of(
            ReturnUrlSignature.redirectUrl(checkout.returnUrl().get(), outcome, responseKey)));
  }

  /**
   * The mandate the order's counting attempt registered, as it stands now (the order-status
   * object's {@code mandate} block); empty for an order that registered none (a one-off payment of
   * an OPTIONAL order).
   */
  private Optional<ReturnUrlSignature.Mandate> mandateOf(OrderRecord order) throws SQLException {
    if (order.details().mandate().isEmpty()) {
      return Optional.empty();
    }
    return mandates
        .of(OrderStatusView.counting(attempts.ofOrder(order.merchantId(), order.orderId())))
        .map(
            block ->
                new ReturnUrlSignature.Mandate(
                    block.mandateId(), block.mandateToken(), block.mandateStatus()));
  }

  private static OrderNotPayable notPayable(Reason reason) {
    return new OrderNotPayable(reason);
  }
}
