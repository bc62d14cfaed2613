package dev.paysession.checkout;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * Every text of the payment page, in English; {@code messages/page_<code>.properties} holds the
 * other {@link PageLanguage}s (PageMessagesTest fails when one lacks a key or has an extra one).
 * Templates read them as {@code {page:key(args)}}, Java through {@link PageText}. Brand and
 * instrument names (UPI, Visa, bank and wallet names) are never translated.
 */
@MessageBundle(value = "page", locale = "en")
public interface PageMessages {

  // --- every page ---------------------------------------------------------------------------
  @Message("Secured by paysession")
  String securedBy();

  @Message("Sandbox")
  String sandbox();

  @Message("no real money moves")
  String noRealMoney();

  @Message("Mobile {phone}")
  String mobile(String phone);

  // --- the payment page -----------------------------------------------------------------------
  @Message("Pay {amount} to {merchant}")
  String payTitle(String amount, String merchant);

  @Message("Amount to pay")
  String amountToPay();

  @Message("Order {orderId}")
  String orderRef(String orderId);

  @Message("Payment methods")
  String paymentMethods();

  @Message("You choose below whether to set them up.")
  String mandateChoose();

  @Message("Bank account (eNACH)")
  String methodEnach();

  @Message("Account to debit")
  String accountToDebit();

  @Message("Account number")
  String accountNumber();

  @Message("IFSC")
  String ifsc();

  @Message("Account holder's name")
  String accountHolder();

  @Message("Authorise with")
  String authoriseWith();

  @Message("Authorise mandate and pay {amount}")
  String authoriseAndPay(String amount);

  @Message("Saved cards")
  String methodSaved();

  @Message("Choose a card")
  String chooseCard();

  @Message("{brand} ending {lastFour}")
  String cardEnding(String brand, String lastFour);

  @Message("Security code (CVV)")
  String cvvLong();

  @Message("Set up automatic payments with this card")
  String optInCard();

  @Message("Pay {amount}")
  String pay(String amount);

  @Message("Card")
  String methodCard();

  @Message("Card number")
  String cardNumber();

  @Message("Name on card")
  String nameOnCard();

  @Message("Expiry (MM/YY)")
  String expiry();

  @Message("CVV")
  String cvv();

  @Message("Save this card for next time")
  String saveCard();

  @Message("UPI")
  String methodUpi();

  @Message("UPI ID")
  String upiId();

  @Message("Set up automatic payments (UPI AutoPay)")
  String optInUpi();

  @Message("Send payment request")
  String sendRequest();

  @Message("Or scan with any UPI app to set up AutoPay:")
  String scanAutopay();

  @Message("Set up AutoPay in a UPI app")
  String autopayLink();

  @Message("Scan with any UPI app:")
  String scanToPay();

  @Message("Or pay with a UPI app on another phone: scan this code.")
  String scanOnAnotherPhone();

  @Message("Open a UPI app")
  String openUpiApp();

  @Message("Or enter your UPI ID and approve the request in your UPI app:")
  String orCollect();

  @Message(
      "Sandbox: the sandbox cannot see payments made this way. A real UPI app would send real money"
          + " to the merchant's UPI ID, and this order would not learn of it. To test UPI, use a"
          + " test UPI ID.")
  String sandboxUpiHint();

  @Message("Sandbox: the account your bank pays from (TPV)")
  String sandboxPayerAccount();

  @Message("Account ending {lastFour}")
  String accountEnding(String lastFour);

  @Message("Another account (not in the order's list)")
  String anotherAccount();

  @Message("Net banking")
  String methodNetBanking();

  @Message("Bank")
  String bank();

  @Message("Wallet")
  String methodWallet();

  @Message("Choose a wallet")
  String chooseWallet();

  @Message("Debit card")
  String authDebitCard();

  @Message("Aadhaar")
  String authAadhaar();

  @Message("Your last payment attempt did not go through ({status}{detail}). You can try again.")
  String lastFailure(String status, String detail);

  // --- a payment request still pending (no double debit) --------------------------------------
  @Message("A payment request is already waiting")
  String pendingExists();

  @Message(
      "You already sent a payment request of {amount} ({method}). Approve it in your app, or"
          + " cancel it before you pay another way. You are never charged twice.")
  String pendingExistsLead(String amount, String method);

  @Message("Wait for it")
  String waitForIt();

  @Message("Cancel this request")
  String cancelRequest();

  @Message("The payment request was cancelled. No money was taken. You can pay again.")
  String requestCancelled();

  // --- the sandbox's test data ----------------------------------------------------------------
  @Message("Sandbox test data")
  String sandboxTestData();

  @Message("Any future expiry and any CVV.")
  String sandboxAnyExpiry();

  @Message("The 3-D Secure code is")
  String sandboxThreeDsCode();

  @Message("Outcome")
  String outcome();

  @Message("Mandates and TPV")
  String mandatesAndTpv();

  @Message("Refund amount")
  String refundAmount();

  @Message(
      "A mandate is registered with the first payment; the eNACH authorisation page approves or"
          + " declines it.")
  String sandboxMandateNote();

  @Message("Net banking and wallets open the bank's page, where you approve or decline.")
  String sandboxBankNote();

  // --- mandates -------------------------------------------------------------------------------
  @Message(
      "Sets up a one-time UPI mandate with {merchant}: {amount} is blocked in your account until"
          + " {end}.")
  String oneTimeMandate(String merchant, String amount, String end);

  @Message("Sets up automatic payments to {merchant}: {terms}, {frequency}, from {start} to {end}.")
  String recurringMandate(
      String merchant, String terms, String frequency, String start, String end);

  @Message("Sets up an eNACH mandate to {merchant}: {terms}, {frequency}, from {start} to {end}.")
  String enachMandate(String merchant, String terms, String frequency, String start, String end);

  @Message("{amount} each time")
  String eachTime(String amount);

  @Message("{amount} at most")
  String atMost(String amount);

  @Message("daily")
  String daily();

  @Message("weekly")
  String weekly();

  @Message("fortnightly")
  String fortnightly();

  @Message("monthly")
  String monthly();

  @Message("every two months")
  String bimonthly();

  @Message("quarterly")
  String quarterly();

  @Message("every six months")
  String halfyearly();

  @Message("yearly")
  String yearly();

  @Message("as presented")
  String aspresented();

  // --- the challenge page ---------------------------------------------------------------------
  @Message("3-D Secure: {merchant}")
  String threeDsTitle(String merchant);

  @Message("Verify it's you")
  String verifyHeading();

  @Message("Enter the one-time code sent for your {card}.")
  String otpLead(String card);

  @Message("One-time code")
  String otpLabel();

  @Message("Sandbox: the code is")
  String otpSandboxHint();

  @Message("Verify and pay")
  String verifyAndPay();

  @Message("Approve the payment of {amount} to {merchant}?")
  String approveLead(String amount, String merchant);

  @Message("Approve the payment of {amount} to {merchant} and the mandate?")
  String approveWithMandateLead(String amount, String merchant);

  @Message("Approve")
  String approve();

  @Message("Decline")
  String decline();

  // --- waiting --------------------------------------------------------------------------------
  @Message("Waiting for your bank")
  String waitingHeading();

  @Message(
      "Your payment is being confirmed. This page checks again every two seconds; please keep it"
          + " open.")
  String waitingLead();

  @Message("Check now")
  String checkNow();

  // --- saved cards (paymentManagement) --------------------------------------------------------
  @Message("Saved cards: {merchant}")
  String savedCardsTitle(String merchant);

  @Message("Your saved cards")
  String yourSavedCards();

  @Message("Delete")
  String delete();

  @Message("Delete {card}")
  String deleteCard(String card);

  @Message("You have no saved cards.")
  String noSavedCards();

  // --- outcomes and refusals ------------------------------------------------------------------
  @Message("Payment successful")
  String paidTitle();

  @Message("Your payment to {merchant} is complete.")
  String paidText(String merchant);

  @Message("Payment failed")
  String failedTitle();

  @Message("Your payment did not go through ({status}). No money was taken.")
  String failedText(String status);

  @Message("Already paid")
  String alreadyPaidTitle();

  @Message("Order {orderId} has already been paid. Nothing more is due.")
  String alreadyPaidText(String orderId);

  @Message("Payment link expired")
  String expiredTitle();

  @Message("This payment link has expired. Ask {merchant} for a new one.")
  String expiredText(String merchant);

  @Message("Too many attempts")
  String tooManyTitle();

  @Message(
      "This order has reached its limit of {max} payment attempts. Ask {merchant} for a new order.")
  String tooManyText(int max, String merchant);

  @Message("Amount changed")
  String amountChangedTitle();

  @Message(
      "{merchant} changed the amount of this order while you were paying. No money was taken."
          + " Open the payment link again to pay the new amount.")
  String amountChangedText(String merchant);

  @Message("Payments unavailable")
  String unavailableTitle();

  @Message(
      "{merchant} cannot take payments here yet: no live payment gateway is configured. No money"
          + " was taken.")
  String unavailableText(String merchant);

  @Message("Payment link not found")
  String notFoundTitle();

  @Message("This payment link does not exist. Check the link, or ask the shop for a new one.")
  String notFoundText();

  @Message("Not found")
  String notFoundShort();

  @Message("This page manages no saved cards.")
  String noCardsHere();

  @Message("This link manages saved cards; it takes no payment.")
  String takesNoPayment();

  @Message("Payment service unavailable")
  String gatewayDownTitle();

  @Message(
      "We could not reach the payment gateway; please try again in a moment. If your bank took the"
          + " money, the order is marked paid automatically, and you are never charged twice for"
          + " it.")
  String gatewayDownText();

  // --- what the customer typed (PaymentFormRules' checks, as the page words them) -------------
  @Message("Enter the card number")
  String errCardNumberMissing();

  @Message("This card number is not valid")
  String errCardNumberInvalid();

  @Message("Enter the {digits}-digit security code")
  String errCvv(int digits);

  @Message("Use letters, spaces, dots, apostrophes or dashes (up to 64)")
  String errNameOnCard();

  @Message("Enter the expiry as MM/YY")
  String errExpiryFormat();

  @Message("This card has expired")
  String errExpired();

  @Message("Check the expiry year")
  String errExpiryYear();

  @Message("Enter a UPI ID such as name@bank")
  String errVpa();

  @Message("Choose a bank from the list")
  String errBank();

  @Message("Choose a wallet from the list")
  String errWallet();

  @Message("Choose one of your saved cards")
  String errSavedCard();

  @Message("Enter the account number (9 to 18 digits)")
  String errAccountNumber();

  @Message("Enter the branch IFSC (11 characters, such as HDFC0001234)")
  String errIfsc();

  @Message("Enter the name of the account holder")
  String errBeneficiary();

  @Message("Choose how to authorise the mandate")
  String errAuthType();

  @Message("Choose one of the listed bank accounts")
  String errAccount();

  @Message("This order takes no eNACH mandate")
  String errNoEnach();

  @Message("This order sets up an eNACH mandate: authorise it from your bank account")
  String errEnachOnly();

  @Message("A one-time mandate blocks the funds in your bank account: set it up with UPI")
  String errOneTimeUpi();

  @Message("Automatic payments can be set up with UPI or a card, not a wallet")
  String errMandateWallet();

  @Message("Automatic payments can be set up with UPI or a card, not net banking")
  String errMandateNetBanking();
}
