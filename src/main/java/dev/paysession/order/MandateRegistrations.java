package dev.paysession.order;

import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/**
 * Mandates registered by payment attempts. Checkout calls this when an attempt on an order with
 * {@code options.create_mandate} registers a mandate, and when such an attempt ends; the mandate
 * feature implements it, so neither the order nor checkout learns how mandates are kept.
 */
public interface MandateRegistrations {

  /**
   * The mandate an attempt is about to register: stored CREATED (with its MANDATE_CREATED event) in
   * the caller's transaction, which starts the attempt. Returns the mandate's id, which the attempt
   * carries as its {@code source_object_id}.
   */
  String register(Registration registration, Instant now) throws SQLException;

  /**
   * The registering attempt reached a final status (already recorded in the caller's transaction):
   * the mandate becomes ACTIVE when it was charged, FAILURE otherwise. Nothing happens for an
   * attempt that registers no mandate or one still pending.
   */
  void attemptEnded(TransactionRecord attempt, Instant now) throws SQLException;

  /**
   * What registers a mandate: the order (its {@code mandate} details are the mandate's rules), the
   * attempt, and the instrument.
   *
   * @param authType eNACH: NETBANKING, DEBIT_CARD or AADHAAR
   * @param bankAccount eNACH: the account the mandate debits
   */
  record Registration(
      OrderRecord order,
      String txnId,
      String paymentMethodType,
      String paymentMethod,
      Optional<String> payerVpa,
      Optional<String> authType,
      Optional<BankAccountUsed> bankAccount) {}

  /** The bank account an eNACH mandate debits, Juspay's {@code bank_details}. */
  record BankAccountUsed(
      String ifsc, String beneficiaryName, String bankName, String accountNumber) {}
}
