package dev.paysession.gateway;

import dev.paysession.order.OrderDetails;
import dev.paysession.order.OrderRecord;
import dev.paysession.rules.Amount;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A payment gateway, one method per step a real gateway needs. The sandbox is the built-in one;
 * real gateways plug in behind the same interface.
 */
public interface PaymentGateway {

  /** The gateway's name as Juspay reports it in {@code txn_detail.gateway}. */
  String name();

  /** Juspay's numeric gateway id ({@code gateway_id}). */
  int id();

  /**
   * True for a gateway that moves no money: only sandbox merchants may use it, and production
   * merchants never may.
   */
  default boolean isSandbox() {
    return false;
  }

  /**
   * The test data a sandbox documents on the payment page (card numbers and UPI ids, each with what
   * it makes the gateway do); a real gateway has none.
   */
  default TestData testData() {
    return TestData.NONE;
  }

  /**
   * Starts a payment. The gateway answers with an outcome, a pending state, or a challenge the
   * customer must pass (3-D Secure, the bank's or wallet's approval page).
   */
  GatewayOutcome initiate(GatewayPayment payment, PaymentInstrument instrument);

  /** The customer's answer to the challenge {@link #initiate} asked for. */
  GatewayOutcome authenticate(String merchantId, String gatewayTxnId, ChallengeAnswer answer);

  /** Asks the gateway where a pending payment stands now. */
  GatewayOutcome sync(String merchantId, String gatewayTxnId);

  /**
   * Withdraws a payment request the customer has not approved yet (a UPI collect waiting in their
   * app), so that they can pay another way without being debited twice. The answer says where the
   * payment stands: failed when withdrawn, CHARGED when the customer approved it first. A gateway
   * that cannot withdraw a request reports it unchanged, and the customer keeps waiting for it.
   */
  default GatewayOutcome cancel(String merchantId, String gatewayTxnId) {
    return sync(merchantId, gatewayTxnId);
  }

  /**
   * Asks the gateway about a payment by our transaction id (the {@code txnId} sent to {@link
   * #initiate}), for an attempt whose answer never got stored; empty if the gateway never saw it.
   */
  Optional<GatewayOutcome> lookup(String merchantId, String txnId);

  /**
   * Asks the gateway to give back part or all of a charged payment. Idempotent per {@code refundId}
   * (ours): asking again after a crash reports the same refund, never a second one. A gateway
   * usually answers PENDING (accepted, not settled yet); {@link #refundStatus} follows it.
   */
  RefundAnswer requestRefund(RefundRequest request);

  /** Where a refund {@link #requestRefund} accepted stands now. */
  RefundAnswer refundStatus(String merchantId, String refundId);

  /**
   * A refund as the gateway is asked for it.
   *
   * @param refundId our id for the refund, which makes the request idempotent at the gateway
   * @param instant pay it out at once (Juspay's {@code refund_type} INSTANT, card payments only)
   */
  record RefundRequest(
      String merchantId, String gatewayTxnId, String refundId, Amount amount, boolean instant) {}

  /** A refund's state at the gateway, in Juspay's refund statuses. */
  enum RefundState {
    PENDING,
    SUCCESS,
    FAILURE,
    MANUAL_REVIEW
  }

  /**
   * What the gateway says about a refund.
   *
   * @param reference the gateway's refund id (Juspay's {@code ref}), once it has one
   * @param arn the acquirer reference number, when the gateway gives one
   */
  record RefundAnswer(
      RefundState state, String reference, String arn, String errorCode, String errorMessage) {}

  /**
   * One payment attempt as the gateway sees it.
   *
   * @param gatewayMetadata the session's {@code metadata.<GATEWAY>:<key>} values, keyed {@code
   *     GATEWAY:key}
   * @param orderType the session's {@code order_type} ({@code TPV_PAYMENT} for TPV)
   * @param tpvAccounts {@code metadata.bank_account_details}: the accounts a TPV payment (or TPV
   *     mandate) must come from
   * @param mutualFunds {@code mutual_fund_details}, which mutual-fund gateways forward to the
   *     exchange (BSE StAR MF and similar)
   * @param mandate the mandate this payment registers (its rules), when it registers one
   * @param payerAccount the bank account the customer pays from, when the payer's bank tells it
   *     (TPV): the sandbox learns it from a test choice on the payment page
   * @param allowCardNo3ds the session's {@code metadata.txns.allow_card_no_3ds}: a card that is not
   *     enrolled in 3-D Secure may be charged without a challenge
   */
  record GatewayPayment(
      String merchantId,
      String orderId,
      String txnId,
      Amount amount,
      String currency,
      String customerId,
      Map<String, String> gatewayMetadata,
      Optional<String> orderType,
      List<OrderDetails.BankAccount> tpvAccounts,
      List<OrderDetails.MutualFund> mutualFunds,
      Optional<OrderDetails.Mandate> mandate,
      Optional<String> payerAccount,
      boolean allowCardNo3ds) {

    /** Juspay's {@code order_type} of a Third-Party-Validation order. */
    public static final String TPV_PAYMENT = "TPV_PAYMENT";

    public GatewayPayment {
      tpvAccounts = List.copyOf(tpvAccounts);
      mutualFunds = List.copyOf(mutualFunds);
    }

    /** Attempt {@code txnId} on {@code order}, with the gateway metadata its session stored. */
    public static GatewayPayment of(OrderRecord order, String txnId) {
      OrderDetails details = order.details();
      return new GatewayPayment(
          order.merchantId(),
          order.orderId(),
          txnId,
          order.amount(),
          order.currency(),
          order.customerId().orElse(null),
          details.metadata().gateways().byKey(),
          details.orderType(),
          details.metadata().bankAccounts(),
          details.mutualFunds(),
          Optional.empty(),
          Optional.empty(),
          details.metadata().allowCardNo3ds().orElse(false));
    }

    /** This payment registering a mandate with {@code rules}. */
    public GatewayPayment registering(OrderDetails.Mandate rules) {
      return new GatewayPayment(
          merchantId,
          orderId,
          txnId,
          amount,
          currency,
          customerId,
          gatewayMetadata,
          orderType,
          tpvAccounts,
          mutualFunds,
          Optional.of(rules),
          payerAccount,
          allowCardNo3ds);
    }

    /** This payment paid from {@code account} (empty: not known). */
    public GatewayPayment fromAccount(Optional<String> account) {
      return new GatewayPayment(
          merchantId,
          orderId,
          txnId,
          amount,
          currency,
          customerId,
          gatewayMetadata,
          orderType,
          tpvAccounts,
          mutualFunds,
          mandate,
          account,
          allowCardNo3ds);
    }

    /**
     * True when the payer's account must be one of {@link #tpvAccounts}: a TPV order, or a mandate
     * registered on an order that lists accounts (a TPV mandate).
     */
    public boolean needsTpv() {
      return orderType.filter(TPV_PAYMENT::equals).isPresent()
          || (mandate.isPresent() && !tpvAccounts.isEmpty());
    }
  }

  /** What the customer answered on the challenge page. */
  sealed interface ChallengeAnswer {
    /** A one-time code typed on the 3-D Secure page. */
    record OneTimeCode(String code) implements ChallengeAnswer {
      @Override
      public String toString() {
        return "OneTimeCode[***]";
      }
    }

    /** Approve or decline on the bank's or wallet's page. */
    record Decision(boolean approved) implements ChallengeAnswer {}
  }

  /**
   * Test instruments shown to the customer, keyed by what they type (a card number grouped for
   * reading, a UPI id, a bank account number), in the gateway's order, with what each does.
   *
   * @param mandates what UPI IDs, cards and bank accounts do when they register a mandate (UPI
   *     AutoPay, card mandates, eNACH) or pay a TPV order
   */
  record TestData(
      Map<String, String> cards,
      Map<String, String> upiIds,
      Map<String, String> refundAmounts,
      Map<String, String> mandates) {
    public static final TestData NONE = new TestData(Map.of(), Map.of(), Map.of(), Map.of());

    public TestData(
        Map<String, String> cards, Map<String, String> upiIds, Map<String, String> refundAmounts) {
      this(cards, upiIds, refundAmounts, Map.of());
    }
  }

  /**
   * Debits a registered mandate at its execution date, with no customer present: CHARGED or a
   * failure (Juspay's {@code resp_code}, e.g. {@code INSUFFICIENT_BALANCE}). A gateway that takes
   * no mandates refuses.
   */
  default GatewayOutcome debitMandate(MandateDebit debit) {
    throw new UnsupportedOperationException(name() + " takes no mandate debits");
  }

  /**
   * Sends the customer of a UPI or card mandate the notice of an upcoming debit (RBI: at least 24 h
   * before it); the answer says whether it reached them.
   */
  default NotificationAnswer notifyPreDebit(PreDebitNotice notice) {
    throw new UnsupportedOperationException(name() + " sends no pre-debit notifications");
  }

  /** One debit of a mandate as the gateway is asked for it. */
  record MandateDebit(
      String merchantId,
      String orderId,
      String txnId,
      String mandateId,
      String paymentMethodType,
      Amount amount) {}

  /** A pre-debit notification as the gateway is asked to send it. */
  record PreDebitNotice(
      String merchantId,
      String mandateId,
      String notificationId,
      String paymentMethodType,
      Amount amount) {}

  /**
   * What the gateway says of a notification.
   *
   * @param providerRefId the gateway's reference for it (Juspay's {@code provider_ref_id})
   */
  record NotificationAnswer(
      boolean delivered,
      String providerName,
      String providerRefId,
      String responseCode,
      String responseMessage) {}
}
