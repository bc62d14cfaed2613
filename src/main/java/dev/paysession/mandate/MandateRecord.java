package dev.paysession.mandate;

import dev.paysession.order.OrderDetails.AmountRule;
import dev.paysession.order.OrderDetails.Frequency;
import dev.paysession.rules.Amount;
import java.time.Instant;
import java.util.Optional;

/**
 * One mandate as stored: the rules its registration order set (amount, frequency, dates), the
 * instrument that registered it, and where it stands.
 *
 * @param orderId the registration order
 * @param registrationTxnId the attempt on that order that registers this mandate
 * @param mandateType {@code EMANDATE} (UPI, bank account) or {@code MANDATE} (card), as Juspay
 *     types it
 * @param authType eNACH only: how the customer authorised it (NETBANKING, DEBIT_CARD, AADHAAR)
 * @param debitToken Juspay's {@code mandate_debit_token}, given once the mandate is active
 */
public record MandateRecord(
    String merchantId,
    String mandateId,
    String mandateToken,
    String orderId,
    String registrationTxnId,
    Optional<String> customerId,
    MandateStatus status,
    String mandateType,
    String paymentMethodType,
    String paymentMethod,
    Optional<String> payerVpa,
    Optional<String> authType,
    Optional<BankDetails> bankDetails,
    Amount maxAmount,
    String currency,
    AmountRule amountRule,
    Frequency frequency,
    Optional<String> ruleType,
    Optional<Integer> ruleValue,
    Instant startDate,
    Instant endDate,
    boolean revokableByCustomer,
    boolean blockFund,
    Optional<String> debitToken,
    Optional<Instant> pauseStartDate,
    Optional<Instant> pauseEndDate,
    Optional<Instant> activatedAt,
    Optional<Instant> lastActivatedAt,
    Instant createdAt,
    Instant updatedAt) {

  /** This mandate with its state (status and what goes with it) replaced, as of {@code now}. */
  public MandateRecord withState(
      MandateStatus status,
      Optional<String> debitToken,
      Optional<Instant> pauseStartDate,
      Optional<Instant> pauseEndDate,
      Optional<Instant> activatedAt,
      Optional<Instant> lastActivatedAt,
      Instant now) {
    return new MandateRecord(
        merchantId,
        mandateId,
        mandateToken,
        orderId,
        registrationTxnId,
        customerId,
        status,
        mandateType,
        paymentMethodType,
        paymentMethod,
        payerVpa,
        authType,
        bankDetails,
        maxAmount,
        currency,
        amountRule,
        frequency,
        ruleType,
        ruleValue,
        startDate,
        endDate,
        revokableByCustomer,
        blockFund,
        debitToken,
        pauseStartDate,
        pauseEndDate,
        activatedAt,
        lastActivatedAt,
        createdAt,
        now);
  }

  /** The mandate type Juspay gives a mandate paid by {@code paymentMethodType}. */
  public static String typeOf(String paymentMethodType) {
    return "CARD".equals(paymentMethodType) ? "MANDATE" : "EMANDATE";
  }

  /** An eNACH mandate's bank account, in Juspay's {@code bank_details} names. */
  public record BankDetails(
      String ifsc, String beneficiaryName, String bankName, String accountNumber) {}
}
