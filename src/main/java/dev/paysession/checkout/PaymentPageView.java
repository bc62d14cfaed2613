package dev.paysession.checkout;

import java.util.List;
import java.util.Map;

/**
 * What the payment page template shows, as plain values: the template does no lookups of its own.
 * Qute escapes every value; only {@code qrSvg}, which this server draws, is inserted raw.
 *
 * @param basePath {@code /orders/{id}/payment-page}, which every form posts under
 * @param notice the outcome of the last failed attempt, or null
 * @param openMethod which payment method's section starts open (the one with errors)
 * @param price the amount as the customer reads it: {@code ₹1,49,999.00}
 * @param phone the customer's phone with its country code ({@code +91 98765 43210}), or null
 * @param phoneDevice the browser is a phone's: UPI's intent link before its QR code
 * @param methodOrder the payment methods' sections, in the order the page shows them
 * @param pending an attempt still waiting for the customer's bank, or null
 */
public record PaymentPageView(
    String basePath,
    String merchantName,
    String amount,
    String currency,
    String description,
    String orderId,
    boolean sandbox,
    boolean canSaveCard,
    List<SavedCardView> savedCards,
    List<Choice> banks,
    List<Choice> wallets,
    String upiLink,
    String qrSvg,
    Map<String, String> errors,
    Map<String, String> values,
    String notice,
    String openMethod,
    List<TestInstrument> testCards,
    List<TestInstrument> testVpas,
    List<TestInstrument> testRefundAmounts,
    List<TestInstrument> testMandates,
    MandateSection mandate,
    List<Choice> payerAccounts,
    String price,
    String phone,
    boolean phoneDevice,
    List<String> methodOrder,
    PendingAttempt pending) {

  /** A payment request the bank has not answered yet: the customer waits for it or cancels it. */
  public record PendingAttempt(String txnUuid, String method) {}

  /**
   * The mandate an order registers, as its page shows it; null for an order without one.
   *
   * @param required every payment registers it (REQUIRED, eNACH); else the customer chooses
   * @param oneTime a ONETIME mandate: UPI only
   * @param upiMandateLink the {@code upi://mandate} link to register in a UPI app, or null
   * @param accounts eNACH: the order's {@code bank_account_details} to choose from (empty: typed)
   */
  public record MandateSection(
      boolean required,
      boolean enach,
      boolean oneTime,
      String summary,
      String upiMandateLink,
      String upiMandateQrSvg,
      List<Choice> accounts,
      List<Choice> authTypes) {}

  /** Whether the page offers {@code method} (saved, card, upi, nb, wallet, enach). */
  public boolean offers(String method) {
    if (mandate == null) {
      return !method.equals("enach");
    }
    if (mandate.enach()) {
      return method.equals("enach");
    }
    if (!mandate.required()) {
      return !method.equals("enach");
    }
    return method.equals("upi")
        || (!mandate.oneTime() && (method.equals("card") || method.equals("saved")));
  }

  /** Whether {@code method}'s form carries the "set up automatic payments" choice. */
  public boolean canOptIn(String method) {
    return mandate != null
        && !mandate.required()
        && !mandate.enach()
        && (method.equals("upi")
            || (!mandate.oneTime() && (method.equals("card") || method.equals("saved"))));
  }

  /** A saved card as listed: its token addresses it, brand and last four describe it. */
  public record SavedCardView(String token, String brand, String lastFour, String label) {}

  /** One option of a list (bank, wallet). */
  public record Choice(String code, String label) {}

  /** A documented sandbox test card or UPI ID, shown on sandbox pages. */
  public record TestInstrument(String value, String outcome) {}

  public String error(String field) {
    return errors.get(field);
  }

  public String value(String field) {
    return values.getOrDefault(field, "");
  }

  public boolean isOpen(String method) {
    return method.equals(openMethod);
  }
}
