package dev.paysession.order;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.math.BigDecimal;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Juspay's transaction object: what {@code content.txn} of a {@code TXN_CHARGED} or {@code
 * TXN_FAILED} webhook holds (juspay-real-wire §6). Its pieces are the ones the order-status object
 * shows of the transaction that counts ({@link OrderStatusView}: {@code txn_detail}, {@code
 * payment_gateway_response}, {@code card}, {@code upi}), so both are built here, from one {@link
 * TransactionRecord}, and cannot drift apart.
 *
 * <p>The components are the wire: a null component is written as {@code null}, except where {@code
 * NON_NULL} marks a key that is absent instead.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(
    name = "Transaction",
    description =
        "Juspay's transaction object, the content.txn of TXN_CHARGED and TXN_FAILED webhooks."
            + " card is present for card payments, upi for UPI payments.",
    requiredProperties = {
      "txn_id",
      "order_id",
      "status",
      "error_code",
      "net_amount",
      "surcharge_amount",
      "tax_amount",
      "txn_amount",
      "gateway_id",
      "currency",
      "express_checkout",
      "redirect",
      "txn_uuid",
      "gateway",
      "error_message",
      "created",
      "status_id",
      "payment_method_type",
      "payment_method",
      "txn_flow_type",
      "payment_gateway_response"
    },
    additionalProperties = Schema.False.class)
public record TransactionView(
    @JsonUnwrapped Basics basics,
    @JsonProperty("status_id") int statusId,
    @JsonProperty("payment_method_type") String paymentMethodType,
    @JsonProperty("payment_method") String paymentMethod,
    @JsonProperty("txn_flow_type") String txnFlowType,
    @JsonProperty("payment_gateway_response") GatewayResponse paymentGatewayResponse,
    @JsonProperty("card") @JsonInclude(JsonInclude.Include.NON_NULL) Card card,
    @JsonProperty("upi") @JsonInclude(JsonInclude.Include.NON_NULL) Upi upi) {

  /**
   * The keys Juspay's transaction object and the order's {@code txn_detail} share, in {@code
   * txn_detail}'s order.
   */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record Basics(
      @JsonProperty("txn_id") String txnId,
      @JsonProperty("order_id") String orderId,
      @JsonProperty("status") String status,
      @Schema(nullable = true) @JsonProperty("error_code") String errorCode,
      @JsonProperty("net_amount") BigDecimal netAmount,
      @Schema(nullable = true) @JsonProperty("surcharge_amount") BigDecimal surchargeAmount,
      @Schema(nullable = true) @JsonProperty("tax_amount") BigDecimal taxAmount,
      @JsonProperty("txn_amount") BigDecimal txnAmount,
      @JsonProperty("gateway_id") int gatewayId,
      @JsonProperty("currency") String currency,
      @JsonProperty("express_checkout") boolean expressCheckout,
      @JsonProperty("redirect") boolean redirect,
      @JsonProperty("txn_uuid") String txnUuid,
      @JsonProperty("gateway") String gateway,
      @JsonProperty("error_message") String errorMessage,
      @JsonProperty("created") String created,
      @Schema(description = "A mandate's registration or debit only.")
          @JsonProperty("txn_object_type")
          @JsonInclude(JsonInclude.Include.NON_NULL)
          String txnObjectType,
      @Schema(description = "MANDATE, for a mandate's registration or debit only.")
          @JsonProperty("source_object")
          @JsonInclude(JsonInclude.Include.NON_NULL)
          String sourceObject,
      @Schema(description = "The mandate's id, for a mandate's registration or debit only.")
          @JsonProperty("source_object_id")
          @JsonInclude(JsonInclude.Include.NON_NULL)
          String sourceObjectId) {}

  @JsonInclude(JsonInclude.Include.ALWAYS)
  @Schema(
      name = "OrderGatewayResponse",
      requiredProperties = {
        "resp_code",
        "rrn",
        "created",
        "epg_txn_id",
        "resp_message",
        "auth_id_code",
        "txn_id"
      },
      additionalProperties = Schema.False.class)
  public record GatewayResponse(
      @Schema(nullable = true) @JsonProperty("resp_code") String respCode,
      @Schema(nullable = true) @JsonProperty("rrn") String rrn,
      @JsonProperty("created") String created,
      @Schema(nullable = true) @JsonProperty("epg_txn_id") String epgTxnId,
      @JsonProperty("resp_message") String respMessage,
      @JsonProperty("auth_id_code") String authIdCode,
      @JsonProperty("txn_id") String txnId) {}

  @JsonInclude(JsonInclude.Include.ALWAYS)
  @Schema(
      name = "OrderCard",
      requiredProperties = {"card_brand", "last_four_digits", "using_saved_card"},
      additionalProperties = Schema.False.class)
  public record Card(
      @Schema(nullable = true) @JsonProperty("card_brand") String cardBrand,
      @Schema(nullable = true) @JsonProperty("last_four_digits") String lastFourDigits,
      @JsonProperty("using_saved_card") boolean usingSavedCard) {}

  @JsonInclude(JsonInclude.Include.ALWAYS)
  @Schema(
      name = "OrderUpi",
      requiredProperties = {"payer_vpa", "txn_flow_type"},
      additionalProperties = Schema.False.class)
  public record Upi(
      @Schema(nullable = true) @JsonProperty("payer_vpa") String payerVpa,
      @JsonProperty("txn_flow_type") String txnFlowType) {}

  /** The attempt as Juspay's transaction object, as it is stored now. */
  public static TransactionView of(TransactionRecord txn) {
    boolean card = isCard(txn);
    boolean upi = isUpi(txn);
    String flow = txnFlowType(txn);
    boolean mandate = txn.objectType().isMandate();
    Basics basics =
        new Basics(
            txn.txnId(),
            txn.orderId(),
            txn.status().name(),
            txn.errorCode().orElse(null),
            OrderStatusView.number(txn.amount()),
            null,
            null,
            OrderStatusView.number(txn.amount()),
            txn.gatewayId(),
            txn.currency(),
            false,
            !upi,
            txn.txnUuid(),
            txn.gateway(),
            txn.errorMessage().orElse(""),
            OrderStatusView.timestamp(txn.createdAt()),
            mandate ? txn.objectType().name() : null,
            mandate ? "MANDATE" : null,
            txn.mandateId().orElse(null));
    GatewayResponse gatewayResponse =
        new GatewayResponse(
            txn.respCode().orElse(null),
            txn.rrn().orElse(null),
            OrderStatusView.timestamp(txn.updatedAt()),
            txn.gatewayTxnId().orElse(null),
            txn.respMessage().orElse(""),
            "",
            txn.txnId());
    return new TransactionView(
        basics,
        txn.status().id(),
        txn.paymentMethodType(),
        txn.paymentMethod(),
        flow,
        gatewayResponse,
        card
            ? new Card(
                txn.cardBrand().orElse(null),
                txn.cardLastFour().orElse(null),
                txn.cardToken().isPresent())
            : null,
        upi ? new Upi(txn.payerVpa().orElse(null), flow) : null);
  }

  static boolean isCard(TransactionRecord txn) {
    return txn.paymentMethodType().equals("CARD");
  }

  static boolean isUpi(TransactionRecord txn) {
    return txn.paymentMethodType().equals("UPI");
  }

  /**
   * Juspay's {@code txn_flow_type}: {@code CARD_TRANSACTION} and {@code COLLECT} (the only UPI flow
   * the page offers) are Juspay's values (juspay-real-wire §3); for net banking and wallets no
   * sample shows one, and these are the names Juspay's flows go by.
   */
  static String txnFlowType(TransactionRecord txn) {
    return switch (txn.paymentMethodType()) {
      case "CARD" -> "CARD_TRANSACTION";
      case "UPI" -> "COLLECT";
      case "NB" -> "NET_BANKING";
      case "WALLET" -> "REDIRECT_WALLET_DEBIT";
      default -> txn.paymentMethodType();
    };
  }
}
