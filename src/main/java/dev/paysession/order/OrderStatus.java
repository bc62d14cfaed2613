package dev.paysession.order;

/**
 * The statuses an order can have, with Juspay's numeric ids. A new order is NEW; after that it
 * follows its latest payment attempt (see {@link PaymentStateMachine}), so the other names are the
 * attempt statuses an order can take over. Juspay's answer for an unknown order ({@code NOT_FOUND},
 * 40) is not a status an order has: it is built where that answer is.
 */
public enum OrderStatus {
  NEW(10),
  STARTED(20),
  CHARGED(21),
  JUSPAY_DECLINED(22),
  PENDING_VBV(23),
  AUTHENTICATION_FAILED(26),
  AUTHORIZATION_FAILED(27),
  AUTHORIZING(28);

  private final int id;

  OrderStatus(int id) {
    this.id = id;
  }

  public int id() {
    return id;
  }
}
