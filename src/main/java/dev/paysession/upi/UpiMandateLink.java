package dev.paysession.upi;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A UPI AutoPay registration link, {@code upi://mandate?…}, with the parameters Juspay's mandate
 * intent hands the UPI app ({@code sdk_params.uri_params}: pa, pn, mc, tr, tid, am, cu, tn, mn,
 * recur, amrule, validitystart, validityend, purpose, mode, orgid).
 */
public final class UpiMandateLink {

  /** NPCI's validity dates are days in India, written DDMMYYYY. */
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("ddMMyyyy").withZone(ZoneId.of("Asia/Kolkata"));

  /** NPCI's mandate purpose code Juspay sends for merchant mandates. */
  static final String PURPOSE = "14";

  /** Initiation mode 00: the default (intent/QR), as in Juspay's sample. */
  static final String MODE = "00";

  /** The originating organisation code Juspay's sample sends. */
  static final String ORG_ID = "000000";

  private UpiMandateLink() {}

  /**
   * The mandate's terms as the UPI app shows them.
   *
   * @param reference {@code tr}: the merchant's reference (the order id)
   * @param transactionId {@code tid}: this registration's id
   * @param maxAmount {@code am}: the most one debit may take, two decimals
   * @param exactAmount {@code amrule} EXACT (a FIXED mandate) rather than MAX
   * @param recurrence {@code recur}: the mandate's frequency (MONTHLY, ASPRESENTED, …)
   * @param mandateName {@code mn}: what the payer's app lists the mandate as
   */
  public record Terms(
      String payeeVpa,
      String payeeName,
      Optional<String> merchantCode,
      String reference,
      String transactionId,
      String maxAmount,
      boolean exactAmount,
      Optional<String> note,
      String mandateName,
      String recurrence,
      Instant validityStart,
      Instant validityEnd) {}

  public static String build(Terms terms) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("pa", terms.payeeVpa());
    params.put("pn", terms.payeeName());
    terms.merchantCode().ifPresent(code -> params.put("mc", code));
    params.put("tr", terms.reference());
    params.put("tid", terms.transactionId());
    params.put("am", terms.maxAmount());
    params.put("cu", "INR");
    terms.note().map(UpiDeepLink::note).ifPresent(n -> params.put("tn", n));
    params.put("mn", UpiDeepLink.note(terms.mandateName()));
    params.put("recur", terms.recurrence());
    params.put("amrule", terms.exactAmount() ? "EXACT" : "MAX");
    params.put("validitystart", DAY.format(terms.validityStart()));
    params.put("validityend", DAY.format(terms.validityEnd()));
    params.put("purpose", PURPOSE);
    params.put("mode", MODE);
    params.put("orgid", ORG_ID);
    return UpiDeepLink.link("upi://mandate?", params);
  }
}
