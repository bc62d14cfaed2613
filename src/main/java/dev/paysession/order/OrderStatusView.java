package dev.paysession.order;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.paysession.rules.Amount;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Juspay's order-status object: what {@code GET /orders/{order_id}} returns and what webhooks
 * carry. A NEW order has only the order-level fields; once a payment was attempted, the transaction
 * that counts (the charged one, else the latest) adds {@code txn_id}, {@code txn_detail}, {@code
 * payment_gateway_response} and its {@code card} or {@code upi} block.
 *
 * <p>The components are the wire, in the wire's order: a null component is written as {@code null},
 * except where {@code NON_NULL} marks a key that is absent instead.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(
    name = "OrderStatus",
    description =
        "Juspay's order-status object. The transaction keys (txn_id … upi) are present once a"
            + " payment was attempted.",
    requiredProperties = {
      "customer_email",
      "customer_phone",
      "customer_id",
      "status_id",
      "status",
      "id",
      "merchant_id",
      "amount",
      "currency",
      "order_id",
      "date_created",
      "return_url",
      "product_id",
      "description",
      "payment_links",
      "udf1",
      "udf2",
      "udf3",
      "udf4",
      "udf5",
      "udf6",
      "udf7",
      "udf8",
      "udf9",
      "udf10",
      "refunded",
      "amount_refunded",
      "effective_amount",
      "maximum_eligible_refund_amount",
      "gateway_reference_id"
    },
    additionalProperties = Schema.False.class)
public record OrderStatusView(
    @Schema(nullable = true) @JsonProperty("customer_email") String customerEmail,
    @Schema(nullable = true) @JsonProperty("customer_phone") String customerPhone,
    @Schema(
            description =
                "The session's mobile_country_code (digits, no '+'), beside customer_phone;"
                    + " absent when none was sent.")
        @JsonProperty("mobile_country_code")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        String mobileCountryCode,
    @Schema(nullable = true) @JsonProperty("customer_id") String customerId,
    @JsonProperty("status_id") int statusId,
    @JsonProperty("status") String status,
    @JsonProperty("id") String id,
    @JsonProperty("merchant_id") String merchantId,
    @JsonProperty("amount") BigDecimal amount,
    @JsonProperty("currency") String currency,
    @JsonProperty("order_id") String orderId,
    @JsonProperty("date_created") String dateCreated,
    @Schema(nullable = true) @JsonProperty("return_url") String returnUrl,
    @JsonProperty("product_id") String productId,
    @JsonProperty("description") String description,
    @JsonProperty("payment_links") Links paymentLinks,
    @JsonProperty("udf1") String udf1,
    @JsonProperty("udf2") String udf2,
    @JsonProperty("udf3") String udf3,
    @JsonProperty("udf4") String udf4,
    @JsonProperty("udf5") String udf5,
    @JsonProperty("udf6") String udf6,
    @JsonProperty("udf7") String udf7,
    @JsonProperty("udf8") String udf8,
    @JsonProperty("udf9") String udf9,
    @JsonProperty("udf10") String udf10,
    @JsonProperty("refunded") boolean refunded,
    @JsonProperty("amount_refunded") BigDecimal amountRefunded,
    @JsonProperty("effective_amount") BigDecimal effectiveAmount,
    @JsonProperty("maximum_eligible_refund_amount") BigDecimal maximumEligibleRefundAmount,
    @Schema(nullable = true) @JsonProperty("gateway_reference_id") String gatewayReferenceId,
    @JsonProperty("order_expiry") @JsonInclude(JsonInclude.Include.NON_NULL) String orderExpiry,
    @Schema(description = "The order's refunds, newest first; absent before the first.")
        @JsonProperty("refunds")
        @JsonInclude(JsonInclude.Include.NON_EMPTY)
        List<Refund> refunds,
    @Schema(description = "The mandate the order registers or debits; absent otherwise.")
        @JsonProperty("mandate")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        Mandate mandate,
    @JsonUnwrapped Transaction transaction) {

  /** Initiated-by value of a refund paysession owes for a charge that lost a race. */
  public static final String AUTO_REFUNDED = "AUTO_REFUNDED";

  /**
   * One refund in {@code refunds[]}, Juspay's fields: {@code id} is the gateway's id once it has
   * one (the unique_request_id, as Juspay maps it, before), {@code ref} the gateway's reference.
   */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  @Schema(
      name = "OrderRefund",
      requiredProperties = {
        "unique_request_id",
        "id",
        "ref",
        "amount",
        "status",
        "sent_to_gateway",
        "refund_type",
        "refund_source",
        "initiated_by",
        "error_code",
        "error_message",
        "arn",
        "created"
      },
      additionalProperties = Schema.False.class)
  public record Refund(
      @JsonProperty("unique_request_id") String uniqueRequestId,
      @Schema(nullable = true) @JsonProperty("id") String id,
      @Schema(nullable = true) @JsonProperty("ref") String ref,
      @JsonProperty("amount") BigDecimal amount,
      @Schema(enumeration = {"PENDING", "SUCCESS", "FAILURE", "MANUAL_REVIEW"})
          @JsonProperty("status")
          String status,
      @JsonProperty("sent_to_gateway") boolean sentToGateway,
      @Schema(enumeration = {"STANDARD", "INSTANT"}) @JsonProperty("refund_type") String refundType,
      @JsonProperty("refund_source") String refundSource,
      @JsonProperty("initiated_by") String initiatedBy,
      @Schema(nullable = true) @JsonProperty("error_code") String errorCode,
      @Schema(nullable = true) @JsonProperty("error_message") String errorMessage,
      @Schema(nullable = true) @JsonProperty("arn") String arn,
      @JsonProperty("created") String created) {

    /**
     * Counts against the charge ({@code amount_refunded}): every status but FAILURE, and only the
     * merchant's refunds (an auto-refund gives back a second charge, not the order's).
     */
    public boolean counts() {
      return !"FAILURE".equals(status) && !AUTO_REFUNDED.equals(initiatedBy);
    }
  }

  /** Juspay's three links; iframe is the web page, as in Juspay's answer. */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  @Schema(
      name = "OrderPaymentLinks",
      requiredProperties = {"iframe", "web", "mobile"},
      additionalProperties = Schema.False.class)
  public record Links(
      @JsonProperty("iframe") String iframe,
      @JsonProperty("web") String web,
      @JsonProperty("mobile") String mobile,
      @JsonProperty("expiry") @JsonInclude(JsonInclude.Include.NON_NULL) String expiry) {}

  /**
   * The {@code mandate} block of a mandate order (juspay-lifecycle §2.2): the status key is {@code
   * mandate_status} here (the standalone object says {@code status}), dates are epoch seconds as
   * strings, {@code max_amount} a number.
   */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  @Schema(
      name = "OrderMandate",
      requiredProperties = {
        "mandate_id",
        "mandate_token",
        "mandate_status",
        "mandate_type",
        "max_amount",
        "amount_rule",
        "frequency",
        "start_date",
        "end_date",
        "revokable_by_customer",
        "block_fund"
      },
      additionalProperties = Schema.False.class)
  public record Mandate(
      @JsonProperty("mandate_id") String mandateId,
      @JsonProperty("mandate_token") String mandateToken,
      @JsonProperty("mandate_status") String mandateStatus,
      @JsonProperty("mandate_type") String mandateType,
      @JsonProperty("max_amount") BigDecimal maxAmount,
      @JsonProperty("amount_rule") String amountRule,
      @JsonProperty("frequency") String frequency,
      @JsonProperty("start_date") String startDate,
      @JsonProperty("end_date") String endDate,
      @JsonProperty("rule_type") @JsonInclude(JsonInclude.Include.NON_NULL) String ruleType,
      @JsonProperty("rule_value") @JsonInclude(JsonInclude.Include.NON_NULL) Integer ruleValue,
      @JsonProperty("revokable_by_customer") boolean revokableByCustomer,
      @JsonProperty("block_fund") boolean blockFund,
      @JsonProperty("bank_details") @JsonInclude(JsonInclude.Include.NON_NULL)
          BankDetails bankDetails) {}

  /** An eNACH mandate's account, Juspay's {@code bank_details}. */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  @Schema(
      name = "MandateBankDetails",
      requiredProperties = {"ifsc", "beneficiary_name", "bank_name", "account_number"},
      additionalProperties = Schema.False.class)
  public record BankDetails(
      @JsonProperty("ifsc") String ifsc,
      @JsonProperty("beneficiary_name") String beneficiaryName,
      @JsonProperty("bank_name") String bankName,
      @JsonProperty("account_number") String accountNumber) {}

  /** The keys of the transaction that counts, inlined into the order-status object. */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record Transaction(
      @JsonProperty("txn_id") String txnId,
      @JsonProperty("txn_uuid") String txnUuid,
      @JsonProperty("payment_method_type") String paymentMethodType,
      @JsonProperty("payment_method") String paymentMethod,
      @JsonProperty("auth_type") String authType,
      @Schema(nullable = true) @JsonProperty("resp_code") String respCode,
      @Schema(nullable = true) @JsonProperty("resp_message") String respMessage,
      @JsonProperty("bank_error_code") String bankErrorCode,
      @JsonProperty("bank_error_message") String bankErrorMessage,
      @JsonProperty("gateway_id") int gatewayId,
      @JsonProperty("txn_detail") TxnDetail txnDetail,
      @JsonProperty("payment_gateway_response")
          TransactionView.GatewayResponse paymentGatewayResponse,
      @JsonProperty("card") @JsonInclude(JsonInclude.Include.NON_NULL) TransactionView.Card card,
      @JsonProperty("payer_vpa") @JsonInclude(JsonInclude.Include.NON_NULL) String payerVpa,
      @JsonProperty("upi") @JsonInclude(JsonInclude.Include.NON_NULL) TransactionView.Upi upi) {}

  @JsonInclude(JsonInclude.Include.ALWAYS)
  @Schema(
      name = "OrderTxnDetail",
      requiredProperties = {
        "txn_id",
        "order_id",
        "status",
        "error_code",
        "net_amount",
        "surcharge_amount",
        "tax_amount",
        "txn_amount",
        "offer_deduction_amount",
        "gateway_id",
        "currency",
        "express_checkout",
        "redirect",
        "txn_uuid",
        "gateway",
        "error_message",
        "created"
      },
      additionalProperties = Schema.False.class)
  public record TxnDetail(
      @JsonUnwrapped TransactionView.Basics basics,
      @Schema(nullable = true) @JsonProperty("offer_deduction_amount")
          BigDecimal offerDeductionAmount) {}

  public static OrderStatusView of(
      OrderRecord order,
      List<TransactionRecord> transactions,
      List<Refund> refunds,
      Optional<Mandate> mandate,
      PaymentLinks paymentLinks) {
    return of(order, counting(transactions), refunds, mandate, paymentLinks);
  }

  /**
   * The object with the transaction blocks of {@code transaction}: for a webhook about one attempt,
   * which need not be the one the order's outcome comes from.
   */
  public static OrderStatusView of(
      OrderRecord order,
      Optional<TransactionRecord> transaction,
      List<Refund> refunds,
      Optional<Mandate> mandate,
      PaymentLinks paymentLinks) {
    boolean charged = order.status() == OrderStatus.CHARGED;
    RefundTotals totals = RefundTotals.of(order.amount().value(), charged, refunds);
    String expiry = order.expiresAt().map(OrderStatusView::timestamp).orElse(null);
    return new OrderStatusView(
        order.details().customer().email().orElse(null),
        order.details().customer().phone().orElse(null),
        order.details().customer().mobileCountryCode().orElse(null),
        order.customerId().orElse(null),
        order.status().id(),
        order.status().name(),
        order.id(),
        order.merchantId(),
        number(order.amount()),
        order.currency(),
        order.orderId(),
        timestamp(order.createdAt()),
        order.returnUrl().orElse(null),
        order.details().productId().orElse(""),
        order.details().description().orElse(""),
        new Links(
            paymentLinks.web(order.id()),
            paymentLinks.web(order.id()),
            paymentLinks.mobile(order.id()),
            expiry),
        order.details().udfs().udf(1),
        order.details().udfs().udf(2),
        order.details().udfs().udf(3),
        order.details().udfs().udf(4),
        order.details().udfs().udf(5),
        order.details().udfs().udf(6),
        order.details().udfs().udf(7),
        order.details().udfs().udf(8),
        order.details().udfs().udf(9),
        order.details().udfs().udf(10),
        totals.refunded(),
        totals.amountRefunded(),
        number(order.amount()),
        totals.maximumEligibleRefundAmount(),
        order.details().metadata().gateways().gatewayReferenceId().orElse(null),
        expiry,
        List.copyOf(refunds),
        mandate.orElse(null),
        transaction.map(OrderStatusView::transaction).orElse(null));
  }

  /**
   * The order-level refund fields, as Juspay derives them: {@code amount_refunded} sums the refunds
   * that count (PENDING, SUCCESS, MANUAL_REVIEW); {@code refunded} once that reaches the amount;
   * {@code maximum_eligible_refund_amount} is what is left of a charged order.
   */
  public record RefundTotals(
      BigDecimal amountRefunded, boolean refunded, BigDecimal maximumEligibleRefundAmount) {

    public static RefundTotals of(BigDecimal amount, boolean charged, List<Refund> refunds) {
      BigDecimal refunded =
          refunds.stream()
              .filter(Refund::counts)
              .map(Refund::amount)
              .reduce(BigDecimal.ZERO, BigDecimal::add);
      return new RefundTotals(
          plain(refunded),
          charged && refunded.compareTo(amount) >= 0,
          charged ? plain(amount.subtract(refunded).max(BigDecimal.ZERO)) : BigDecimal.ZERO);
    }
  }

  /** The transaction the order's outcome comes from: the charged one, else the latest. */
  public static Optional<TransactionRecord> counting(List<TransactionRecord> transactions) {
    return transactions.stream()
        .filter(txn -> txn.status() == TransactionStatus.CHARGED)
        .findFirst()
        .or(
            () ->
                transactions.isEmpty()
                    ? Optional.empty()
                    : Optional.of(transactions.get(transactions.size() - 1)));
  }

  /** The order-level keys of {@code txn}, made of the pieces of its transaction object. */
  private static Transaction transaction(TransactionRecord txn) {
    TransactionView view = TransactionView.of(txn);
    boolean upi = TransactionView.isUpi(txn);
    return new Transaction(
        txn.txnId(),
        txn.txnUuid(),
        txn.paymentMethodType(),
        txn.paymentMethod(),
        // Rows from before auth_type was stored are card payments that all passed 3-D Secure.
        TransactionView.isCard(txn) ? txn.authType().orElse("THREE_DS") : "",
        txn.respCode().orElse(null),
        txn.respMessage().orElse(null),
        txn.errorCode().orElse(""),
        txn.errorMessage().orElse(""),
        txn.gatewayId(),
        new TxnDetail(view.basics(), null),
        view.paymentGatewayResponse(),
        view.card(),
        upi ? txn.payerVpa().orElse(null) : null,
        view.upi());
  }

  /**
   * Juspay's timestamp form, {@code 2021-09-10T09:07:10Z}: whole seconds in UTC. Transactions are
   * stored to the microsecond, and Instant.toString would print the fraction.
   */
  public static String timestamp(Instant instant) {
    return instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  /** An amount as a JSON number without trailing zeros: 100.00 → 100, 100.50 → 100.5. */
  public static BigDecimal number(Amount amount) {
    return plain(amount.value());
  }

  private static BigDecimal plain(BigDecimal value) {
    BigDecimal stripped = value.stripTrailingZeros();
    return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
  }
}
