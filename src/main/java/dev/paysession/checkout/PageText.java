package dev.paysession.checkout;

import dev.paysession.order.OrderDetails;
import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The page's texts in one {@link PageLanguage}, for what Java words (refusals, mandate terms, field
 * errors); templates read the same bundle directly.
 */
public final class PageText {

  private static final Map<PageLanguage, PageText> BY_LANGUAGE =
      new ConcurrentHashMap<>(new EnumMap<>(PageLanguage.class));
  private static final Pattern CVV = Pattern.compile("Enter the (\\d)-digit security code");
  private static final ZoneId INDIA = ZoneId.of("Asia/Kolkata");

  private final PageLanguage language;
  private final PageMessages messages;
  private final DateTimeFormatter day;

  private PageText(PageLanguage language) {
    this.language = language;
    this.messages =
        language == PageLanguage.ENGLISH
            ? MessageBundles.get(PageMessages.class)
            : MessageBundles.get(PageMessages.class, Localized.Literal.of(language.code()));
    // Month names in the language; digits stay Latin (DateTimeFormatter's default DecimalStyle).
    this.day = DateTimeFormatter.ofPattern("d MMMM yyyy", language.locale()).withZone(INDIA);
  }

  public static PageText of(PageLanguage language) {
    return BY_LANGUAGE.computeIfAbsent(language, PageText::new);
  }

  public PageLanguage language() {
    return language;
  }

  public PageMessages messages() {
    return messages;
  }

  /** A date as the page shows it: {@code 5 December 2026}, month named in the language. */
  public String day(TemporalAccessor instant) {
    return day.format(instant);
  }

  public String frequency(OrderDetails.Frequency frequency) {
    return switch (frequency) {
      case DAILY -> messages.daily();
      case WEEKLY -> messages.weekly();
      case FORTNIGHTLY -> messages.fortnightly();
      case MONTHLY -> messages.monthly();
      case BIMONTHLY -> messages.bimonthly();
      case QUARTERLY -> messages.quarterly();
      case HALFYEARLY -> messages.halfyearly();
      case YEARLY -> messages.yearly();
      case ASPRESENTED -> messages.aspresented();
      case ONETIME -> "";
    };
  }

  /** An eNACH authorisation type's label; "Net banking" and "Debit card" are words to translate. */
  public String authType(String code, String english) {
    return switch (code) {
      case "NETBANKING" -> messages.methodNetBanking();
      case "DEBIT_CARD" -> messages.authDebitCard();
      case "AADHAAR" -> messages.authAadhaar();
      default -> english;
    };
  }

  /**
   * A field error of {@link PaymentFormRules} in this language. The rules word their errors in
   * English for every caller (the page, the server-to-server API); the page translates the ones it
   * knows and shows any other as written.
   */
  public String fieldError(String english) {
    Matcher cvv = CVV.matcher(english);
    if (cvv.matches()) {
      return messages.errCvv(Integer.parseInt(cvv.group(1)));
    }
    return switch (english) {
      case "Enter the card number" -> messages.errCardNumberMissing();
      case "This card number is not valid" -> messages.errCardNumberInvalid();
      case "Use letters, spaces, dots, apostrophes or dashes (up to 64)" ->
          messages.errNameOnCard();
      case "Enter the expiry as MM/YY" -> messages.errExpiryFormat();
      case "This card has expired" -> messages.errExpired();
      case "Check the expiry year" -> messages.errExpiryYear();
      case "Enter a UPI ID such as name@bank" -> messages.errVpa();
      case "Choose a bank from the list" -> messages.errBank();
      case "Choose a wallet from the list" -> messages.errWallet();
      case "Choose one of your saved cards" -> messages.errSavedCard();
      case "Enter the account number (9 to 18 digits)" -> messages.errAccountNumber();
      case "Enter the branch IFSC (11 characters, such as HDFC0001234)" -> messages.errIfsc();
      case "Enter the name of the account holder" -> messages.errBeneficiary();
      case "Choose how to authorise the mandate" -> messages.errAuthType();
      case "Choose one of the listed bank accounts" -> messages.errAccount();
      case "This order takes no eNACH mandate" -> messages.errNoEnach();
      case "This order sets up an eNACH mandate: authorise it from your bank account" ->
          messages.errEnachOnly();
      case "A one-time mandate blocks the funds in your bank account: set it up with UPI" ->
          messages.errOneTimeUpi();
      case "Automatic payments can be set up with UPI or a card, not a wallet" ->
          messages.errMandateWallet();
      case "Automatic payments can be set up with UPI or a card, not net banking" ->
          messages.errMandateNetBanking();
      default -> english;
    };
  }
}
