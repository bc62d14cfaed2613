package dev.paysession.mandate;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.paysession.order.OrderStatusView;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Juspay's standalone mandate object: what {@code check_status}, the customer's mandate list and
 * {@code content.mandate} of the {@code MANDATE_*} webhooks show (juspay-lifecycle §2.4, §2.10).
 * The status key is {@code status} here, {@code mandate_status} inside an order ({@link
 * #orderBlock}); dates are epoch seconds as strings, activation times ISO instants.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(
    name = "Mandate",
    requiredProperties = {
      "mandate_id",
      "status",
      "order_id",
      "customer_id",
      "mandate_token",
      "mandate_type",
      "frequency",
      "amount_rule",
      "max_amount",
      "currency",
      "start_date",
      "end_date",
      "last_updated",
      "block_fund",
      "revokable_by_customer",
      "payment_info"
    },
    additionalProperties = Schema.False.class)
public record MandateView(
    @JsonProperty("mandate_id") String mandateId,
    @JsonProperty("status") String status,
    @JsonProperty("order_id") String orderId,
    @Schema(nullable = true) @JsonProperty("customer_id") String customerId,
    @JsonProperty("mandate_token") String mandateToken,
    @JsonProperty("mandate_debit_token") @JsonInclude(JsonInclude.Include.NON_NULL)
        String mandateDebitToken,
    @JsonProperty("mandate_type") String mandateType,
    @JsonProperty("frequency") String frequency,
    @JsonProperty("amount_rule") String amountRule,
    @JsonProperty("max_amount") BigDecimal maxAmount,
    @JsonProperty("currency") String currency,
    @JsonProperty("start_date") String startDate,
    @JsonProperty("end_date") String endDate,
    @JsonProperty("rule_type") @JsonInclude(JsonInclude.Include.NON_NULL) String ruleType,
    @JsonProperty("rule_value") @JsonInclude(JsonInclude.Include.NON_NULL) Integer ruleValue,
    @JsonProperty("activated_at") @JsonInclude(JsonInclude.Include.NON_NULL) String activatedAt,
    @JsonProperty("last_activated_at") @JsonInclude(JsonInclude.Include.NON_NULL)
        String lastActivatedAt,
    @JsonProperty("last_updated") String lastUpdated,
    @JsonProperty("block_fund") boolean blockFund,
    @JsonProperty("revokable_by_customer") boolean revokableByCustomer,
    @JsonProperty("payment_info") PaymentInfo paymentInfo,
    @JsonProperty("bank_details") @JsonInclude(JsonInclude.Include.NON_NULL)
        OrderStatusView.BankDetails bankDetails) {

  /** How the mandate was registered: Juspay's {@code payment_info}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @Schema(
      name = "MandatePaymentInfo",
      requiredProperties = {"payment_method", "payment_method_type"},
      additionalProperties = Schema.False.class)
  public record PaymentInfo(
      @JsonProperty("payment_method") String paymentMethod,
      @JsonProperty("payment_method_type") String paymentMethodType,
      @JsonProperty("upi") Upi upi,
      @JsonProperty("auth_type") String authType) {}

  @Schema(name = "MandateUpi", additionalProperties = Schema.False.class)
  public record Upi(@JsonProperty("payer_vpa") String payerVpa) {}

  public static MandateView of(MandateRecord m) {
    return new MandateView(
        m.mandateId(),
        m.status().name(),
        m.orderId(),
        m.customerId().orElse(null),
        m.mandateToken(),
        m.debitToken().orElse(null),
        m.mandateType(),
        m.frequency().name(),
        m.amountRule().name(),
        OrderStatusView.number(m.maxAmount()),
        m.currency(),
        epoch(m.startDate()),
        epoch(m.endDate()),
        m.ruleType().orElse(null),
        m.ruleValue().orElse(null),
        m.activatedAt().map(OrderStatusView::timestamp).orElse(null),
        m.lastActivatedAt().map(OrderStatusView::timestamp).orElse(null),
        OrderStatusView.timestamp(m.updatedAt()),
        m.blockFund(),
        m.revokableByCustomer(),
        new PaymentInfo(
            m.paymentMethod(),
            m.paymentMethodType(),
            m.payerVpa().map(Upi::new).orElse(null),
            m.authType().orElse(null)),
        bankDetails(m).orElse(null));
  }

  /** The block an order carries of its mandate. */
  public static OrderStatusView.Mandate orderBlock(MandateRecord m) {
    return new OrderStatusView.Mandate(
        m.mandateId(),
        m.mandateToken(),
        m.status().name(),
        m.mandateType(),
        OrderStatusView.number(m.maxAmount()),
        m.amountRule().name(),
        m.frequency().name(),
        epoch(m.startDate()),
        epoch(m.endDate()),
        m.ruleType().orElse(null),
        m.ruleValue().orElse(null),
        m.revokableByCustomer(),
        m.blockFund(),
        bankDetails(m).orElse(null));
  }

  /** Juspay's mandate dates: epoch seconds, as a string. */
  public static String epoch(Instant instant) {
    return Long.toString(instant.getEpochSecond());
  }

  private static Optional<OrderStatusView.BankDetails> bankDetails(MandateRecord m) {
    return m.bankDetails()
        .map(
            b ->
                new OrderStatusView.BankDetails(
                    b.ifsc(), b.beneficiaryName(), b.bankName(), b.accountNumber()));
  }
}
