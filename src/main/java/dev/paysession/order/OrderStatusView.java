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
    @JsonUnwrapped Transaction transaction) {

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
      OrderRecord order, List<TransactionRecord> transactions, PaymentLinks paymentLinks) {
    return of(order, counting(transactions), paymentLinks);
  }

  /**
   * The object with the transaction blocks of {@code transaction}: for a webhook about one attempt,
   * which need not be the one the order's outcome comes from.
   */
  public static OrderStatusView of(
      OrderRecord order, Optional<TransactionRecord> transaction, PaymentLinks paymentLinks) {
    boolean charged = order.status() == OrderStatus.CHARGED;
    String expiry = order.expiresAt().map(OrderStatusView::timestamp).orElse(null);
    return new OrderStatusView(
        order.details().customer().email().orElse(null),
        order.details().customer().phone().orElse(null),
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
        false,
        BigDecimal.ZERO,
        number(order.amount()),
        charged ? number(order.amount()) : BigDecimal.ZERO,
        order.details().metadata().gateways().gatewayReferenceId().orElse(null),
        expiry,
        transaction.map(OrderStatusView::transaction).orElse(null));
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
        TransactionView.isCard(txn) ? "THREE_DS" : "",
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
  static String timestamp(Instant instant) {
    return instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  /** An amount as a JSON number without trailing zeros: 100.00 → 100, 100.50 → 100.5. */
  static BigDecimal number(Amount amount) {
    BigDecimal stripped = amount.value().stripTrailingZeros();
    return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
  }
}
