package dev.paysession.order;

import java.sql.SQLException;
import java.time.Instant;

/**
 * Where the refund of a charge that lost a race is owed. {@link PaymentStateMachine} calls it in
 * the transaction that stores the attempt AUTO_REFUNDED, so the debt commits with the verdict; the
 * refund feature implements it (a refund row, settled like every refund), so the order package
 * never learns how refunds are taken.
 */
public interface RefundsOwed {

  /** Owes {@code charge}'s whole amount back, in the caller's transaction. */
  void owe(TransactionRecord charge, Instant now) throws SQLException;
}
