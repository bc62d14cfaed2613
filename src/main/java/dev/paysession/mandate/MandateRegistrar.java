package dev.paysession.mandate;

import dev.paysession.api.RandomTokens;
import dev.paysession.order.MandateRegistrations;
import dev.paysession.order.OrderDetails;
import dev.paysession.order.PaymentStateMachine;
import dev.paysession.order.TransactionRecord;
import dev.paysession.order.TransactionStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/** Creates the mandate a registration attempt registers, and settles it with the attempt. */
@ApplicationScoped
class MandateRegistrar implements MandateRegistrations {

  private final MandateStore mandates;
  private final MandateStateMachine states;

  MandateRegistrar(MandateStore mandates, MandateStateMachine states) {
    this.mandates = mandates;
    this.states = states;
  }

  @Override
  @Transactional(Transactional.TxType.MANDATORY)
  public String register(Registration r, Instant now) throws SQLException {
    OrderDetails.Mandate rules =
        r.order()
            .details()
            .mandate()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "order " + r.order().orderId() + " registers no mandate"));
    MandateRecord mandate =
        new MandateRecord(
            r.order().merchantId(),
            newMandateId(),
            RandomTokens.hex32(),
            r.order().orderId(),
            r.txnId(),
            r.order().customerId(),
            MandateStatus.CREATED,
            MandateRecord.typeOf(r.paymentMethodType()),
            r.paymentMethodType(),
            r.paymentMethod(),
            r.payerVpa(),
            r.authType(),
            r.bankAccount()
                .map(
                    b ->
                        new MandateRecord.BankDetails(
                            b.ifsc(), b.beneficiaryName(), b.bankName(), b.accountNumber())),
            rules.maxAmount(),
            r.order().currency(),
            rules.amountRule(),
            rules.frequency(),
            rules.ruleType().map(Enum::name),
            rules.ruleValue(),
            rules.startDate(),
            rules.endDate(),
            rules.revokableByCustomer(),
            rules.blockFunds(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            now,
            now);
    states.create(mandate, now);
    return mandate.mandateId();
  }

  @Override
  @Transactional(Transactional.TxType.MANDATORY)
  public void attemptEnded(TransactionRecord attempt, Instant now) throws SQLException {
    if (!attempt.objectType().isRegistration()
        || attempt.mandateId().isEmpty()
        || PaymentStateMachine.isPending(attempt.status())) {
      return;
    }
    String mandateId = attempt.mandateId().get();
    if (attempt.status() == TransactionStatus.CHARGED) {
      states.activate(attempt.merchantId(), mandateId, now);
    } else if (PaymentStateMachine.isFailure(attempt.status())) {
      states.fail(attempt.merchantId(), mandateId, now);
    }
  }

  /** Juspay's mandate ids: about 20-23 alphanumerics. */
  private static String newMandateId() {
    return RandomTokens.upperHex(11).toLowerCase(Locale.ROOT);
  }
}
