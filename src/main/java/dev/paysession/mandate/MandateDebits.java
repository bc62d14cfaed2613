package dev.paysession.mandate;

import static dev.paysession.api.Committed.committed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.paysession.api.ApiException;
import dev.paysession.api.FieldError;
import dev.paysession.api.RandomTokens;
import dev.paysession.api.RequestFields;
import dev.paysession.checkout.TransactionStore;
import dev.paysession.customer.CustomerNames;
import dev.paysession.gateway.GatewayOutcome;
import dev.paysession.gateway.PaymentGateway;
import dev.paysession.mandate.DebitRules.Category;
import dev.paysession.mandate.DebitStore.Debit;
import dev.paysession.mandate.DebitStore.Status;
import dev.paysession.merchant.Merchant;
import dev.paysession.order.AttemptKey;
import dev.paysession.order.AttemptStore;
import dev.paysession.order.FlatBody;
import dev.paysession.order.NewAttempt;
import dev.paysession.order.OrderReader;
import dev.paysession.order.OrderRecord;
import dev.paysession.order.OrderStore;
import dev.paysession.order.PaymentStateMachine;
import dev.paysession.order.StoredOrder;
import dev.paysession.order.TransactionRecord;
import dev.paysession.order.TransactionStatus;
import dev.paysession.order.TxnObjectType;
import dev.paysession.rules.Amount;
import dev.paysession.rules.InvalidValue;
import dev.paysession.session.MandateDebitOrders;
import dev.paysession.webhook.PaymentEvent;
import dev.paysession.webhook.WebhookOutbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A mandate's debits ({@code POST /txns} with {@code mandate_id}, juspay-lifecycle §2.9): checks
 * the rules ({@link DebitRules}), sends the pre-debit notice when the merchant sent none, opens the
 * debit order through the Orders API's path and starts its attempt PENDING_VBV; {@link DebitJob}
 * debits it at its execution date. The mandate's row lock serialises the debits of one mandate, so
 * the rules are checked again under it against the debits committed by then: concurrent debits
 * never exceed them.
 */
@ApplicationScoped
public class MandateDebits {

  private static final String UNIQUE_VIOLATION = "23505";

  /** How long a run holds a due debit before another may take it. */
  private static final Duration CLAIM = Duration.ofMinutes(5);

  private final MandateStore mandates;
  private final DebitStore debits;
  private final PreDebitNotifications notifications;
  private final MandateDebitOrders debitOrders;
  private final OrderReader orders;
  private final OrderStore orderStore;
  private final PaymentStateMachine payments;
  private final TransactionStore transactions;
  private final WebhookOutbox webhooks;
  private final DebitGateways gateways;
  private final AttemptStore attempts;
  private final MerchantTime time;
  private final String publicUrl;

  private final CustomerNames customerNames;

  MandateDebits(
      MandateStore mandates,
      DebitStore debits,
      PreDebitNotifications notifications,
      MandateDebitOrders debitOrders,
      OrderReader orders,
      OrderStore orderStore,
      PaymentStateMachine payments,
      TransactionStore transactions,
      WebhookOutbox webhooks,
      DebitGateways gateways,
      AttemptStore attempts,
      MerchantTime time,
      CustomerNames customerNames,
      @ConfigProperty(name = "paysession.public-url") String publicUrl) {
    this.customerNames = customerNames;
    this.mandates = mandates;
    this.debits = debits;
    this.notifications = notifications;
    this.debitOrders = debitOrders;
    this.orders = orders;
    this.orderStore = orderStore;
    this.payments = payments;
    this.transactions = transactions;
    this.webhooks = webhooks;
    this.gateways = gateways;
    this.attempts = attempts;
    this.time = time;
    this.publicUrl =
        publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
  }

  /** True for a {@code /txns} body that debits a mandate (the only kind served here). */
  public static boolean isDebit(ObjectNode body) {
    return RequestFields.sent(body.get("mandate_id"))
        || RequestFields.sent(body.get("mandate_token"));
  }

  /** Schedules a debit of the mandate the body names; answers Juspay's PENDING_VBV. */
  public TxnsAnswer debit(Merchant merchant, ObjectNode body) throws SQLException {
    List<FieldError> errors = new ArrayList<>();
    Map<String, JsonNode> flat = FlatBody.flatten(body, errors);
    RequestFields f = RequestFields.ofFlatBody(flat, errors);
    Optional<String> mandateId = f.optional("mandate_id", String::trim);
    Optional<String> mandateToken = f.optional("mandate_token", String::trim);
    if (mandateId.isEmpty() && mandateToken.isEmpty()) {
      f.missing("mandate_id");
    }
    f.optional("merchant_id", String::trim)
        .filter(sent -> !sent.equals(merchant.merchantId()))
        .ifPresent(sent -> f.invalid("merchant_id", "must be the merchant of x-merchantid"));
    f.required("order.order_id", String::trim);
    String customerId = f.required("order.customer_id", String::trim);
    Optional<Instant> executionDate =
        f.optional("mandate.execution_date", DebitRules::epochSeconds);
    Optional<String> notificationId = f.optional("mandate.notification_id", String::trim);
    Optional<Category> category = f.optional("mandate.category", MandateDebits::category);
    for (String key : f.flatKeys()) {
      if (key.startsWith("order.mandate.") || key.equals("order.options.create_mandate")) {
        f.invalid(key, "a debit order registers no mandate");
      }
    }
    f.throwIfAny();

    MandateRecord mandate = find(merchant.merchantId(), mandateId, mandateToken, customerId);
    // The debit may name the customer by our cst_ id or the merchant's reference, whichever the
    // registration order used (Decision 100).
    List<String> names = customerNames.of(merchant.merchantId(), customerId);
    if (!mandate.customerId().map(names::contains).orElse(false)) {
      throw ApiException.invalidRequest(
          "Customer: order.customer_id "
              + customerId
              + " is not the customer of mandate "
              + mandate.mandateId());
    }
    Amount amount = f.required("order.amount", v -> Amount.parseAtLeastOne(v, mandate.currency()));
    f.throwIfAny();
    Instant now = time.now(merchant.merchantId()).truncatedTo(ChronoUnit.SECONDS);
    DebitRules.Debit debit =
        new DebitRules.Debit(
            amount,
            executionDate.orElse(DebitRules.earliestExecution(mandate, now)),
            category.or(() -> mutualFund(mandate)));
    Optional<NotificationRecord> given = notificationId.map(id -> notice(mandate, id, amount));
    Instant noticeAt = given.map(NotificationRecord::createdAt).orElse(now);
    DebitRules.check(
        mandate,
        debit,
        noticeAt,
        debits.liveExecutionDates(mandate.merchantId(), mandate.mandateId()),
        now);

    // The notice goes out before anything is written, so no gateway call runs in a transaction;
    // it is stored with the debit, or not at all.
    Optional<NotificationRecord> sent = Optional.empty();
    if (given.isEmpty() && DebitRules.needsNotice(mandate)) {
      sent =
          Optional.of(
              notifications.ask(
                  mandate,
                  new PreDebitNotifications.Notice(
                      "pdn" + RandomTokens.upperHex(10),
                      Optional.of("Debit of mandate " + mandate.mandateId()),
                      amount,
                      debit.executionDate(),
                      f.optional("mandate.display_invoice_number", String::trim)),
                  now));
    }
    StoredOrder order = debitOrders.open(merchant, orderFields(flat, mandate));
    PaymentGateway gateway = gateways.of(mandate);
    Optional<NotificationRecord> announced = sent;
    Debit started;
    try {
      started =
          committed(
              () ->
                  start(
                      merchant.merchantId(),
                      mandate.mandateId(),
                      order,
                      debit,
                      noticeAt,
                      given.or(() -> announced).map(NotificationRecord::notificationId),
                      announced,
                      gateway,
                      now));
    } catch (SQLException e) {
      if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
        throw ApiException.invalidRequest(
            "mandate.notification_id " + notificationId.orElse("") + " announces another debit");
      }
      throw e;
    }
    if (announced.isPresent() && !announced.get().succeeded()) {
      // Juspay: a failed notification fails the debit; the merchant calls /txns again.
      fail(started, "NOTIFICATION_FAILED", "The pre-debit notification failed", now);
    }
    String txnUuid = attempt(started).txnUuid();
    return new TxnsAnswer(
        txnUuid,
        started.txnId(),
        TransactionStatus.PENDING_VBV.name(),
        started.orderId(),
        new TxnsAnswer.Payment(
            new TxnsAnswer.Authentication(
                publicUrl + "/v2/pay/finish/" + merchant.merchantId() + "/" + txnUuid, "GET")));
  }

  /**
   * Under the mandate's lock: the rules again, against the debits committed by now, then the
   * attempt (TXN_CREATED), PENDING_VBV, and the debit row with its notice.
   */
  @Transactional(rollbackOn = Exception.class)
  Debit start(
      String merchantId,
      String mandateId,
      StoredOrder order,
      DebitRules.Debit debit,
      Instant noticeAt,
      Optional<String> notificationId,
      Optional<NotificationRecord> sent,
      PaymentGateway gateway,
      Instant now)
      throws SQLException {
    MandateRecord mandate =
        mandates
            .lock(merchantId, mandateId)
            .orElseThrow(() -> ApiException.notFound("Mandate " + mandateId + " not found"));
    DebitRules.check(
        mandate, debit, noticeAt, debits.liveExecutionDates(merchantId, mandateId), now);
    if (sent.isPresent()) {
      notifications.record(mandate, sent.get(), now);
    }
    orderStore.lock(merchantId, order.orderId());
    OrderRecord stored =
        orders
            .byOrderId(merchantId, order.orderId())
            .orElseThrow(() -> new IllegalStateException("debit order vanished"));
    AttemptKey key = new AttemptKey(merchantId, order.orderId(), 1);
    String txnId = merchantId + "-" + order.orderId() + "-1";
    payments.start(
        new NewAttempt(
            key,
            txnId,
            RandomTokens.hex32(),
            stored.amount(),
            stored.currency(),
            stored.routingId(),
            gateway.name(),
            gateway.id(),
            mandate.paymentMethodType(),
            mandate.paymentMethod(),
            null,
            null,
            null,
            mandate.payerVpa().orElse(null),
            TxnObjectType.debit(mandate.paymentMethodType()),
            mandate.mandateId()),
        now);
    webhooks.add(merchantId, order.orderId(), txnId, List.of(PaymentEvent.TXN_CREATED), now);
    payments.record(
        key,
        outcome(TransactionStatus.PENDING_VBV, "PENDING_VBV", "Scheduled for its execution date"),
        false,
        now);
    Debit row =
        new Debit(
            merchantId,
            order.orderId(),
            mandate.mandateId(),
            txnId,
            stored.amount(),
            stored.currency(),
            debit.executionDate(),
            notificationId,
            Status.SCHEDULED,
            debit.executionDate(),
            Optional.empty(),
            now,
            now);
    debits.insert(row);
    return row;
  }

  /**
   * A due debit: at its execution date the mandate must still be ACTIVE; then the gateway debits it
   * (eNACH: presented now, settled later). Returns true when it moved.
   */
  boolean execute(Debit due, Duration enachSettlesAfter) throws SQLException {
    Instant now = time.now(due.merchantId());
    if (!committed(() -> claim(due, now))) {
      return false; // another node has it, or it moved meanwhile
    }
    Optional<MandateRecord> mandate = mandates.byId(due.merchantId(), due.mandateId());
    if (mandate.isEmpty() || mandate.get().status() != MandateStatus.ACTIVE) {
      fail(
          due,
          "MANDATE_NOT_ACTIVE",
          "Mandate "
              + due.mandateId()
              + " is "
              + mandate.map(m -> m.status().name()).orElse("gone")
              + " at the execution date",
          now);
      return true;
    }
    if (due.status() == Status.SCHEDULED && DebitRules.isEnach(mandate.get())) {
      Instant settles = now.plus(enachSettlesAfter);
      committed(() -> present(due, settles, now));
      return true;
    }
    TransactionRecord attempt = attempt(due);
    PaymentGateway gateway = gateways.named(attempt.gateway());
    GatewayOutcome outcome =
        gateway.debitMandate(
            new PaymentGateway.MandateDebit(
                due.merchantId(),
                due.orderId(),
                due.txnId(),
                due.mandateId(),
                mandate.get().paymentMethodType(),
                due.amount()));
    finish(due, outcome, now);
    return true;
  }

  /**
   * Takes a due debit for this run: its due time moves past {@link #CLAIM}, so a second node (or a
   * run that crashed mid-way) finds it again only then.
   */
  @Transactional(rollbackOn = Exception.class)
  boolean claim(Debit due, Instant now) throws SQLException {
    Optional<Debit> locked = debits.lock(due.merchantId(), due.orderId());
    if (locked.isEmpty()
        || locked.get().status() != due.status()
        || locked.get().dueAt().isAfter(now)) {
      return false;
    }
    debits.move(
        due.merchantId(), due.orderId(), due.status(), now.plus(CLAIM), Optional.empty(), now);
    return true;
  }

  @Transactional(rollbackOn = Exception.class)
  Void present(Debit due, Instant settles, Instant now) throws SQLException {
    if (debits.lock(due.merchantId(), due.orderId()).map(Debit::status).orElse(null)
        != Status.SCHEDULED) {
      return null;
    }
    payments.record(
        new AttemptKey(due.merchantId(), due.orderId(), 1),
        outcome(TransactionStatus.AUTHORIZING, "PENDING", "Presented to the bank (NACH)"),
        false,
        now);
    debits.move(due.merchantId(), due.orderId(), Status.PRESENTED, settles, Optional.empty(), now);
    return null;
  }

  private void fail(Debit due, String code, String message, Instant now) throws SQLException {
    finish(
        due,
        new GatewayOutcome(
            TransactionStatus.AUTHORIZATION_FAILED,
            null,
            code,
            message,
            Optional.of(code),
            Optional.of(message),
            Optional.empty(),
            Optional.empty()),
        now);
  }

  /**
   * Records the outcome through the payment path every attempt takes (its TXN_* and ORDER_*
   * webhooks), then the debit's own row.
   */
  private void finish(Debit due, GatewayOutcome outcome, Instant now) throws SQLException {
    TransactionRecord attempt = attempt(due);
    transactions.record(
        new TransactionStore.Attempt(
            due.merchantId(),
            due.orderId(),
            attempt.attempt(),
            attempt.txnId(),
            attempt.txnUuid(),
            attempt.gateway()),
        outcome,
        now);
    boolean charged = outcome.status() == TransactionStatus.CHARGED;
    committed(
        () -> {
          moveRow(
              due,
              charged ? Status.CHARGED : Status.FAILED,
              charged ? Optional.empty() : Optional.of(outcome.respMessage()),
              now);
          return null;
        });
  }

  @Transactional(rollbackOn = Exception.class)
  void moveRow(Debit due, Status status, Optional<String> failure, Instant now)
      throws SQLException {
    debits.move(due.merchantId(), due.orderId(), status, due.dueAt(), failure, now);
  }

  /** A debit order has one attempt: the debit's. */
  private TransactionRecord attempt(Debit debit) throws SQLException {
    return attempts.ofOrder(debit.merchantId(), debit.orderId()).stream()
        .filter(txn -> txn.txnId().equals(debit.txnId()))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("attempt of debit " + debit.orderId()));
  }

  private MandateRecord find(
      String merchantId,
      Optional<String> mandateId,
      Optional<String> mandateToken,
      String customerId)
      throws SQLException {
    Optional<MandateRecord> found =
        mandateId.isPresent()
            ? mandates.byId(merchantId, mandateId.get())
            : mandates.byToken(merchantId, mandateToken.get());
    return found.orElseThrow(
        () ->
            ApiException.notFound(
                "Mandate " + mandateId.orElse("with this mandate_token") + " not found"));
  }

  /** A notification the merchant sent for this debit: this mandate's, delivered, same amount. */
  private NotificationRecord notice(MandateRecord mandate, String id, Amount amount) {
    NotificationRecord n;
    try {
      n =
          notifications
              .find(mandate.merchantId(), id)
              .filter(found -> found.mandateId().equals(mandate.mandateId()))
              .orElseThrow(
                  () ->
                      ApiException.invalidRequest(
                          "mandate.notification_id "
                              + id
                              + " is not a notification of mandate "
                              + mandate.mandateId()));
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    if (!n.succeeded()) {
      throw ApiException.invalidRequest(
          "Pre-debit notice: notification " + id + " failed; send a new one");
    }
    if (n.amount().compareTo(amount) != 0) {
      throw ApiException.invalidRequest(
          "Pre-debit notice: order.amount must be the notified amount " + n.amount().text());
    }
    return n;
  }

  /** A mandate registered by an order with mutual-fund details pays for mutual funds. */
  private Optional<Category> mutualFund(MandateRecord mandate) {
    try {
      return orders
          .byOrderId(mandate.merchantId(), mandate.orderId())
          .filter(o -> !o.details().mutualFunds().isEmpty())
          .map(o -> Category.MUTUAL_FUND);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Category category(String value) {
    try {
      return Category.valueOf(value);
    } catch (IllegalArgumentException e) {
      throw new InvalidValue("must be MUTUAL_FUND, INSURANCE or CREDIT_CARD_BILL");
    }
  }

  /** The debit order's fields, in the Orders API's names; its currency is the mandate's. */
  private static ObjectNode orderFields(Map<String, JsonNode> flat, MandateRecord mandate) {
    ObjectNode order = JsonNodeFactory.instance.objectNode();
    flat.forEach(
        (key, value) -> {
          if (key.startsWith("order.")) {
            order.set(key.substring("order.".length()), value);
          }
        });
    order.put("currency", mandate.currency());
    return order;
  }

  private static GatewayOutcome outcome(TransactionStatus status, String code, String message) {
    return new GatewayOutcome(
        status,
        null,
        code,
        message,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }
}
