package dev.paysession.order;

/** Juspay's order and transaction statuses with their numeric ids. */
public enum OrderStatus {
  NEW(10),
  STARTED(20),
  CHARGED(21),
  JUSPAY_DECLINED(22),
  PENDING_VBV(23),
  VBV_SUCCESSFUL(24),
  AUTHENTICATION_FAILED(26),
  AUTHORIZATION_FAILED(27),
  AUTHORIZING(28),
  VOIDED(31),
  VOID_INITIATED(32),
  CAPTURE_INITIATED(33),
  CAPTURE_FAILED(34),
  VOID_FAILED(35),
  AUTO_REFUNDED(36),
  NOT_FOUND(40);

  private final int id;

  OrderStatus(int id) {
    this.id = id;
  }

  public int id() {
    return id;
  }
}
