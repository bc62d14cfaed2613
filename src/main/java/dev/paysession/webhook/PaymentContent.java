package dev.paysession.webhook;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.function.Function;

/** What payment events carry: the order-status object, or one attempt's transaction object. */
public enum PaymentContent implements WebhookContent<OrderSnapshot> {
  /** {@code content.order}: the order as {@code GET /orders/{order_id}} shows it. */
  ORDER("order", OrderSnapshot::orderStatus),
  /**
   * {@code content.order} with the transaction blocks of the attempt the event is about, which need
   * not be the one the order's outcome comes from.
   */
  ORDER_OF_ATTEMPT("order", OrderSnapshot::orderStatusOfAttempt),
  /** {@code content.txn}: Juspay's transaction object of the attempt. */
  TXN("txn", OrderSnapshot::transaction);

  private final String key;
  private final Function<OrderSnapshot, Object> view;

  PaymentContent(String key, Function<OrderSnapshot, Object> view) {
    this.key = key;
    this.view = view;
  }

  @Override
  public String key() {
    return key;
  }

  @Override
  public void write(JsonGenerator json, OrderSnapshot subject) throws IOException {
    json.writeObject(view.apply(subject));
  }
}
