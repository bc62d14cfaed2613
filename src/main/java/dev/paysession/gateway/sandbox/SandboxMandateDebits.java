package dev.paysession.gateway.sandbox;

import dev.paysession.api.RandomTokens;
import dev.paysession.gateway.GatewayOutcome;
import dev.paysession.gateway.PaymentGateway.MandateDebit;
import dev.paysession.gateway.PaymentGateway.NotificationAnswer;
import dev.paysession.gateway.PaymentGateway.PreDebitNotice;
import dev.paysession.order.TransactionStatus;
import dev.paysession.rules.Amount;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The sandbox's mandate debits and pre-debit notifications: no money moves and no message goes out;
 * the amount decides the outcome ({@link #TEST_AMOUNTS}), so a merchant's tests can reach every
 * path. Stateless: a debit is asked once, at its execution date.
 */
final class SandboxMandateDebits {

  private static final BigDecimal DEBIT_FAILS = new BigDecimal("0.51");
  private static final BigDecimal NOTIFICATION_FAILS = new BigDecimal("0.52");

  /** The documented mandate test amounts, shown in the page's sandbox table. */
  static final Map<String, String> TEST_AMOUNTS = testAmounts();

  private SandboxMandateDebits() {}

  private static Map<String, String> testAmounts() {
    Map<String, String> amounts = new LinkedHashMap<>();
    amounts.put(
        "mandate debit ending in .51 (e.g. 100.51)",
        "Debit fails: AUTHORIZATION_FAILED, resp_code INSUFFICIENT_BALANCE");
    amounts.put(
        "pre-debit notification ending in .52 (e.g. 100.52)",
        "Notification fails (NOTIFICATION_FAILED); a debit it announces fails");
    amounts.put("any other mandate amount", "Notification delivered; debit CHARGED");
    return Collections.unmodifiableMap(amounts);
  }

  static GatewayOutcome debit(MandateDebit debit) {
    String gatewayTxnId = "sbx_md_" + RandomTokens.hex32();
    if (endsIn(debit.amount(), DEBIT_FAILS)) {
      return new GatewayOutcome(
          TransactionStatus.AUTHORIZATION_FAILED,
          gatewayTxnId,
          "INSUFFICIENT_BALANCE",
          "Insufficient balance in the customer's account",
          Optional.of("INSUFFICIENT_BALANCE"),
          Optional.of("Insufficient balance in the customer's account"),
          Optional.empty(),
          Optional.empty());
    }
    String rrn =
        String.valueOf(ThreadLocalRandom.current().nextLong(100_000_000_000L, 999_999_999_999L));
    return new GatewayOutcome(
        TransactionStatus.CHARGED,
        gatewayTxnId,
        "SUCCESS",
        "Mandate debit successful",
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.of(rrn));
  }

  static NotificationAnswer notify(PreDebitNotice notice) {
    String reference = "SBXN" + RandomTokens.upperHex(6);
    if (endsIn(notice.amount(), NOTIFICATION_FAILS)) {
      return new NotificationAnswer(
          false,
          "SANDBOX",
          reference,
          "JP_852",
          "The pre-debit notification could not be delivered to the customer");
    }
    return new NotificationAnswer(true, "SANDBOX", reference, "SUCCESS", "Notification sent");
  }

  private static boolean endsIn(Amount amount, BigDecimal fraction) {
    return amount.value().remainder(BigDecimal.ONE).compareTo(fraction) == 0;
  }
}
