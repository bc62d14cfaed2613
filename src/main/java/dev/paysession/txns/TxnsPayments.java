package dev.paysession.txns;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.paysession.api.ApiException;
import dev.paysession.api.FieldError;
import dev.paysession.checkout.AttemptPending;
import dev.paysession.checkout.CheckoutService;
import dev.paysession.checkout.CheckoutService.Checkout;
import dev.paysession.checkout.InvalidPaymentInput;
import dev.paysession.checkout.OrderNotPayable;
import dev.paysession.checkout.PaymentFormRules;
import dev.paysession.checkout.PaymentUnconfirmed;
import dev.paysession.gateway.GatewayUnavailable;
import dev.paysession.gateway.PaymentInstrument;
import dev.paysession.merchant.Merchant;
import dev.paysession.order.OrderReader;
import dev.paysession.order.OrderRecord;
import dev.paysession.order.OrderStatus;
import dev.paysession.order.PaymentStateMachine;
import dev.paysession.order.TransactionRecord;
import dev.paysession.order.TransactionStatus;
import dev.paysession.rules.Amount;
import dev.paysession.rules.InvalidValue;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A card, net banking, wallet or UPI payment started by {@code POST /txns} for an existing order.
 * It is the payment page's attempt, started through {@link CheckoutService} with the instrument the
 * page's rules build: the same sandbox outcomes, state machine, order status, signed redirect and
 * webhooks. The customer then authenticates at the answer's {@code payment.authentication.url}
 * ({@link PayPagesResource}), which leads to the page's own challenge, waiting page and outcome.
 */
@ApplicationScoped
public class TxnsPayments {

  private final CheckoutService checkout;
  private final OrderReader orders;
  private final AttemptLandings landings;
  private final String publicUrl;

  TxnsPayments(
      CheckoutService checkout,
      OrderReader orders,
      AttemptLandings landings,
      @ConfigProperty(name = "paysession.public-url") String publicUrl) {
    this.checkout = checkout;
    this.orders = orders;
    this.landings = landings;
    this.publicUrl =
        publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
  }

  /** The body names an order to create as well ({@code order.order_id}, {@code order{…}}). */
  static boolean createsOrder(ObjectNode body) {
    if (body.has("order")) {
      return true;
    }
    for (var names = body.fieldNames(); names.hasNext(); ) {
      if (names.next().startsWith("order.")) {
        return true;
      }
    }
    return false;
  }

  /** Starts a payment of {@code merchant}'s order named by the body's {@code order_id}. */
  public TxnsResponse pay(Merchant merchant, ObjectNode body) throws SQLException {
    List<FieldError> errors = new ArrayList<>();
    String orderId = TxnsPaymentRules.text(body, "order_id", errors);
    String merchantId = TxnsPaymentRules.text(body, "merchant_id", errors);
    String amount = TxnsPaymentRules.text(body, "amount", errors);
    if (orderId == null && errors.isEmpty()) {
      errors.add(FieldError.missing("order_id"));
    }
    if (!errors.isEmpty()) {
      throw ApiException.badFields(errors);
    }
    if (merchantId != null && !merchantId.equals(merchant.merchantId())) {
      throw ApiException.badFields(
          List.of(FieldError.invalid("merchant_id", "is not the merchant whose key was used")));
    }
    OrderRecord order =
        orders
            .byOrderId(merchant.merchantId(), orderId)
            .orElseThrow(() -> ApiException.orderNotFound(orderId));
    checkAmount(order, amount);
    Checkout payable = checkout.checkout(order.id());
    refuseUnpayable(payable);

    PaymentInstrument instrument =
        TxnsPaymentRules.instrument(
            body, checkout.thisMonth(), payable.savedCards(), order.customerId().isPresent());
    boolean registers =
        PaymentFormRules.registersMandate(
            order, TxnsPaymentRules.text(body, "should_create_mandate", new ArrayList<>()));
    boolean intent = instrument instanceof PaymentInstrument.UpiIntent;
    checkMandate(order, instrument, registers, intent);
    if (intent && (!merchant.canBuildUpiLinks() || !"INR".equals(order.currency()))) {
      throw ApiException.invalidRequest(
          "UPI intent needs an INR order and the merchant's UPI payee details (upi_payee_vpa,"
              + " upi_payee_name in the admin API)");
    }
    Boolean afterPayment = TxnsPaymentRules.flag(body, "redirect_after_payment");
    Boolean sdkParams = TxnsPaymentRules.flag(body, "sdk_params");
    boolean redirects = !"json".equalsIgnoreCase(TxnsPaymentRules.text(body, "format", errors));

    String txnUuid;
    try {
      txnUuid = checkout.start(payable, instrument, registers, Optional.empty()).txnUuid();
    } catch (OrderNotPayable e) {
      throw refusal(order, e.reason());
    } catch (AttemptPending e) {
      // A UPI request of this order still waits in the customer's app (the page's double-press
      // guard): a second one could debit twice.
      throw ApiException.invalidAction(
          "Order "
              + order.orderId()
              + " has a payment request still waiting for the customer's bank; it must finish or"
              + " be cancelled first");
    } catch (PaymentUnconfirmed e) {
      // The gateway answered but the answer was not stored: the attempt's page asks it again.
      txnUuid = e.txnUuid();
    } catch (GatewayUnavailable e) {
      throw ApiException.unavailable(
          "The payment gateway could not be reached; the attempt may be retried. If it charged,"
              + " the order is marked paid automatically and never charged twice.");
    }
    if (Boolean.FALSE.equals(afterPayment)) {
      landings.landOnFinishPage(merchant.merchantId(), txnUuid);
    }
    TransactionRecord txn = checkout.attempt(payable, txnUuid);
    Map<String, String> upiParams =
        intent && Boolean.TRUE.equals(sdkParams) ? sdkParams(merchant, order, txn) : null;
    return new TxnsResponse(
        order.orderId(),
        txn.txnId(),
        txn.txnUuid(),
        txn.status().name(),
        new TxnsResponse.Payment(
            new TxnsResponse.Authentication("GET", startUrl(merchant.merchantId(), txnUuid)),
            upiParams),
        redirects);
  }

  /** Where the customer authenticates an attempt ({@link PayPagesResource}). */
  String startUrl(String merchantId, String txnUuid) {
    return publicUrl + PayPagesResource.START + merchantId + "/" + txnUuid;
  }

  /**
   * Juspay's older plain-intent {@code sdk_params} (real-wire §7.1): {@code tr} is the attempt's
   * uuid (32 characters, within UPI's 35 for a reference).
   */
  private static Map<String, String> sdkParams(
      Merchant merchant, OrderRecord order, TransactionRecord txn) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("tr", txn.txnUuid());
    params.put("merchant_vpa", merchant.upiPayeeVpa().orElseThrow());
    params.put("merchant_name", merchant.upiPayeeName().orElseThrow());
    merchant.upiMerchantCode().ifPresent(code -> params.put("mcc", code));
    params.put("amount", order.amount().text());
    return params;
  }

  /** An {@code amount} the caller sent must be the order's. */
  private static void checkAmount(OrderRecord order, String amount) {
    if (amount == null) {
      return;
    }
    try {
      if (Amount.parse(amount, order.currency()).compareTo(order.amount()) != 0) {
        throw ApiException.badFields(
            List.of(
                FieldError.invalid(
                    "amount",
                    "does not match the order's amount ("
                        + order.amount().text()
                        + " "
                        + order.currency()
                        + ")")));
      }
    } catch (InvalidValue e) {
      throw ApiException.badFields(List.of(FieldError.invalid("amount", e.getMessage())));
    }
  }

  /** The page's refusals, said before anything is charged, as Juspay-shaped errors. */
  private void refuseUnpayable(Checkout payable) {
    OrderRecord order = payable.order();
    if (order.isPaymentManagement()) {
      throw ApiException.invalidRequest(
          "Order " + order.orderId() + " manages saved cards; it takes no payment");
    }
    if (checkout.gatewayFor(payable.merchant()).isEmpty()) {
      throw refusal(order, OrderNotPayable.Reason.NO_LIVE_GATEWAY);
    }
    if (order.status() == OrderStatus.CHARGED) {
      throw refusal(order, OrderNotPayable.Reason.ALREADY_PAID);
    }
    if (checkout.isExpired(order)) {
      throw refusal(order, OrderNotPayable.Reason.EXPIRED);
    }
    if (payable.attempts().size() >= TransactionRecord.MAX_PER_ORDER) {
      throw refusal(order, OrderNotPayable.Reason.TOO_MANY_ATTEMPTS);
    }
  }

  private static void checkMandate(
      OrderRecord order, PaymentInstrument instrument, boolean registers, boolean intent) {
    if (registers && intent) {
      throw ApiException.invalidRequest(
          "This order registers a mandate: pay with UPI collect (txn_type=UPI_COLLECT) or a card");
    }
    try {
      PaymentFormRules.checkMandateInstrument(order, instrument, registers);
    } catch (InvalidPaymentInput e) {
      throw ApiException.invalidRequest(e.fieldMessages().values().iterator().next());
    }
  }

  private static ApiException refusal(OrderRecord order, OrderNotPayable.Reason reason) {
    String id = order.orderId();
    return switch (reason) {
      case ALREADY_PAID -> ApiException.invalidAction("Order " + id + " is already paid (CHARGED)");
      case EXPIRED -> ApiException.invalidAction("Order " + id + " has expired");
      case TOO_MANY_ATTEMPTS ->
          ApiException.invalidAction(
              "Order "
                  + id
                  + " has reached its limit of "
                  + TransactionRecord.MAX_PER_ORDER
                  + " payment attempts");
      case AMOUNT_CHANGED ->
          ApiException.invalidAction(
              "The amount of order "
                  + id
                  + " changed while the payment started; nothing was"
                  + " charged");
      case NOT_FOUND -> ApiException.orderNotFound(id);
      case NO_LIVE_GATEWAY ->
          ApiException.unavailable(
              "No live payment gateway is configured for this merchant; nothing was charged");
    };
  }

  /** Whether an attempt still needs its customer (challenge or wait). */
  static boolean unfinished(TransactionStatus status) {
    return PaymentStateMachine.awaitsCustomer(status) || PaymentStateMachine.isPending(status);
  }
}
