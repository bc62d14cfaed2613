package dev.paysession.refund;

import dev.paysession.api.RandomTokens;
import dev.paysession.order.OrderStatusView;
import dev.paysession.order.RefundsOwed;
import dev.paysession.order.TransactionRecord;
import dev.paysession.refund.RefundRecord.RefundType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.SQLException;
import java.time.Instant;

/**
 * The refund owed for a charge that lost a race is a refund like any other: a PENDING row that
 * {@link RefundJob} sends to the charge's gateway and settles. It ends SUCCESS
 * (AUTO_REFUND_SUCCEEDED) or, on the gateway's final refusal, FAILURE (AUTO_REFUND_FAILED), and is
 * never retried after that. It gives back the second charge, so it never counts against the order's
 * own charge ({@code amount_refunded}).
 */
@ApplicationScoped
class AutoRefunds implements RefundsOwed {

  /**
   * Prefix of an auto-refund's unique_request_id. The dot is outside the merchants' alphabet
   * ({@link RefundRules}), so a merchant's id can never take an auto-refund's.
   */
  private static final String ID_PREFIX = "auto.";

  private final RefundStateMachine states;

  AutoRefunds(RefundStateMachine states) {
    this.states = states;
  }

  @Override
  @Transactional(Transactional.TxType.MANDATORY)
  public void owe(TransactionRecord charge, Instant now) throws SQLException {
    states.create(
        new RefundRecord(
            charge.merchantId(),
            "rfd_" + RandomTokens.hex32(),
            charge.orderId(),
            charge.txnId(),
            uniqueRequestId(),
            charge.amount(),
            charge.currency(),
            RefundStatus.PENDING,
            false,
            RefundType.STANDARD,
            OrderStatusView.AUTO_REFUNDED,
            charge.gateway(),
            charge.gatewayTxnId().orElse(null),
            null,
            null,
            null,
            null,
            now,
            now),
        charge.amount());
  }

  /** {@code auto.} and 15 random hex digits: Juspay's 20 characters at most. */
  static String uniqueRequestId() {
    return ID_PREFIX + RandomTokens.hex32().substring(0, RefundRules.MAX_UNIQUE_REQUEST_ID - 5);
  }
}
