package dev.paysession.order;

import dev.paysession.rules.Amount;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Juspay's order-status object: what {@code GET /orders/{order_id}} returns and, later, what
 * webhooks carry. A NEW order has only the order-level fields; once a payment was attempted, the
 * transaction that counts (the charged one, else the latest) adds {@code txn_id}, {@code
 * txn_detail}, {@code payment_gateway_response} and its {@code card} or {@code upi} block.
 */
public final class OrderStatusView {

  private OrderStatusView() {}

  public static Map<String, Object> of(
      OrderRecord order, List<TransactionRecord> transactions, PaymentLinks paymentLinks) {
    return of(order, counting(transactions), paymentLinks);
  }

  /**
   * The object with the transaction blocks of {@code transaction}: for a webhook about one attempt,
   * which need not be the one the order's outcome comes from.
   */
  public static Map<String, Object> of(
      OrderRecord order, Optional<TransactionRecord> transaction, PaymentLinks paymentLinks) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("customer_email", order.details().customer().email().orElse(null));
    body.put("customer_phone", order.details().customer().phone().orElse(null));
    body.put("customer_id", order.customerId().orElse(null));
    body.put("status_id", order.status().id());
    body.put("status", order.status().name());
    body.put("id", order.id());
    body.put("merchant_id", order.merchantId());
    body.put("amount", number(order.amount()));
    body.put("currency", order.currency());
    body.put("order_id", order.orderId());
    body.put("date_created", timestamp(order.createdAt()));
    body.put("return_url", order.returnUrl().orElse(null));
    body.put("product_id", order.details().productId().orElse(""));
    body.put("description", order.details().description().orElse(""));

    Map<String, Object> links = new LinkedHashMap<>();
    // Juspay's three links; iframe is the web page, as in Juspay's answer.
    links.put("iframe", paymentLinks.web(order.id()));
    links.put("web", paymentLinks.web(order.id()));
    links.put("mobile", paymentLinks.mobile(order.id()));
    order.expiresAt().ifPresent(expiry -> links.put("expiry", timestamp(expiry)));
    body.put("payment_links", links);
    for (int i = 1; i <= 10; i++) {
      body.put("udf" + i, order.details().udfs().udf(i));
    }
    boolean charged = order.status() == OrderStatus.CHARGED;
    body.put("refunded", false);
    body.put("amount_refunded", 0);
    body.put("effective_amount", number(order.amount()));
    body.put("maximum_eligible_refund_amount", charged ? number(order.amount()) : 0);
    body.put(
        "gateway_reference_id",
        order.details().metadata().gateways().gatewayReferenceId().orElse(null));
    order.expiresAt().ifPresent(expiry -> body.put("order_expiry", timestamp(expiry)));

    transaction.ifPresent(txn -> addTransaction(body, txn));
    return body;
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

  private static void addTransaction(Map<String, Object> body, TransactionRecord txn) {
    body.put("txn_id", txn.txnId());
    body.put("txn_uuid", txn.txnUuid());
    body.put("payment_method_type", txn.paymentMethodType());
    body.put("payment_method", txn.paymentMethod());
    body.put("auth_type", txn.paymentMethodType().equals("CARD") ? "THREE_DS" : "");
    body.put("resp_code", txn.respCode().orElse(null));
    body.put("resp_message", txn.respMessage().orElse(null));
    body.put("bank_error_code", txn.errorCode().orElse(""));
    body.put("bank_error_message", txn.errorMessage().orElse(""));
    body.put("gateway_id", txn.gatewayId());

    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("txn_id", txn.txnId());
    detail.put("order_id", txn.orderId());
    detail.put("status", txn.status().name());
    detail.put("error_code", txn.errorCode().orElse(null));
    detail.put("net_amount", number(txn.amount()));
    detail.put("surcharge_amount", null);
    detail.put("tax_amount", null);
    detail.put("txn_amount", number(txn.amount()));
    detail.put("offer_deduction_amount", null);
    detail.put("gateway_id", txn.gatewayId());
    detail.put("currency", txn.currency());
    detail.put("express_checkout", false);
    detail.put("redirect", !txn.paymentMethodType().equals("UPI"));
    detail.put("txn_uuid", txn.txnUuid());
    detail.put("gateway", txn.gateway());
    detail.put("error_message", txn.errorMessage().orElse(""));
    detail.put("created", timestamp(txn.createdAt()));
    body.put("txn_detail", detail);

    Map<String, Object> gatewayResponse = new LinkedHashMap<>();
    gatewayResponse.put("resp_code", txn.respCode().orElse(null));
    gatewayResponse.put("rrn", txn.rrn().orElse(null));
    gatewayResponse.put("created", timestamp(txn.updatedAt()));
    gatewayResponse.put("epg_txn_id", txn.gatewayTxnId().orElse(null));
    gatewayResponse.put("resp_message", txn.respMessage().orElse(""));
    gatewayResponse.put("auth_id_code", "");
    gatewayResponse.put("txn_id", txn.txnId());
    body.put("payment_gateway_response", gatewayResponse);

    if (txn.paymentMethodType().equals("CARD")) {
      Map<String, Object> card = new LinkedHashMap<>();
      card.put("card_brand", txn.cardBrand().orElse(null));
      card.put("last_four_digits", txn.cardLastFour().orElse(null));
      card.put("using_saved_card", txn.cardToken().isPresent());
      body.put("card", card);
    } else if (txn.paymentMethodType().equals("UPI")) {
      txn.payerVpa().ifPresent(vpa -> body.put("payer_vpa", vpa));
      Map<String, Object> upi = new LinkedHashMap<>();
      upi.put("payer_vpa", txn.payerVpa().orElse(null));
      upi.put("txn_flow_type", "COLLECT");
      body.put("upi", upi);
    }
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
