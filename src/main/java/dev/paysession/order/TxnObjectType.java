package dev.paysession.order;

/**
 * What an attempt is for, as Juspay types it in {@code txn_detail.txn_object_type}: an ordinary
 * payment, or a mandate's registration or debit ({@code E}-prefixed for UPI and bank mandates,
 * plain for card mandates). Mandate attempts also carry {@code source_object} MANDATE and the
 * mandate's id.
 */
public enum TxnObjectType {
  ORDER_PAYMENT,
  EMANDATE_REGISTER,
  MANDATE_REGISTER,
  EMANDATE_PAYMENT,
  MANDATE_PAYMENT;

  public boolean isMandate() {
    return this != ORDER_PAYMENT;
  }

  public boolean isRegistration() {
    return this == EMANDATE_REGISTER || this == MANDATE_REGISTER;
  }

  /** The registration type for a mandate paid by {@code paymentMethodType}: cards are MANDATE. */
  public static TxnObjectType registration(String paymentMethodType) {
    return "CARD".equals(paymentMethodType) ? MANDATE_REGISTER : EMANDATE_REGISTER;
  }

  /** The debit type for a mandate of {@code paymentMethodType}: cards are MANDATE. */
  public static TxnObjectType debit(String paymentMethodType) {
    return "CARD".equals(paymentMethodType) ? MANDATE_PAYMENT : EMANDATE_PAYMENT;
  }
}
