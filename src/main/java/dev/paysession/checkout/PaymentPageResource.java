package dev.paysession.checkout;

import dev.paysession.checkout.CheckoutService.Checkout;
import dev.paysession.checkout.CheckoutService.Next;
import dev.paysession.checkout.OrderNotPayable.Reason;
import dev.paysession.checkout.PaymentPageView.Choice;
import dev.paysession.checkout.PaymentPageView.SavedCardView;
import dev.paysession.checkout.PaymentPageView.TestInstrument;
import dev.paysession.gateway.GatewayUnavailable;
import dev.paysession.gateway.PaymentGateway;
import dev.paysession.gateway.PaymentGateway.ChallengeAnswer;
import dev.paysession.gateway.PaymentInstrument;
import dev.paysession.merchant.Merchant;
import dev.paysession.order.OrderDetails;
import dev.paysession.order.OrderRecord;
import dev.paysession.order.OrderStatus;
import dev.paysession.order.OrderStatusView;
import dev.paysession.order.PaymentStateMachine;
import dev.paysession.order.TransactionRecord;
import dev.paysession.upi.QrCodeSvg;
import dev.paysession.upi.UpiDeepLink;
import dev.paysession.upi.UpiMandateLink;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The hosted payment page ({@code payment_links.web}) and its forms. Server-rendered, no scripts:
 * each step is a form post answered by a redirect (POST, then 303 to a GET), so reloading a page
 * never pays twice.
 */
@Path("/orders/{id}/payment-page")
public class PaymentPageResource {

  private static final java.time.format.DateTimeFormatter MANDATE_DAY =
      java.time.format.DateTimeFormatter.ofPattern("d MMM yyyy", java.util.Locale.ENGLISH)
          .withZone(java.time.ZoneId.of("Asia/Kolkata"));

  private final CheckoutService checkout;

  PaymentPageResource(CheckoutService checkout) {
    this.checkout = checkout;
  }

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance page(PaymentPageView view);

    static native TemplateInstance manage(
        String basePath, String merchantName, List<SavedCardView> cards, String notice);

    static native TemplateInstance challenge(
        String basePath,
        String merchantName,
        String amount,
        String currency,
        String txnUuid,
        boolean card,
        String cardLabel,
        String bank,
        String mandateNote);

    static native TemplateInstance pending(
        String basePath, String merchantName, String amount, String currency, String txnUuid);

    static native TemplateInstance message(String title, String text, boolean sandbox);
  }

  @GET
  public Response page(@PathParam("id") String id) throws SQLException {
    return withCheckout(
        id,
        order -> {
          if (order.order().isPaymentManagement()) {
            // An expired management link must not keep showing (or deleting) the customer's cards.
            return checkout.isExpired(order.order())
                ? refusal(order, Reason.EXPIRED)
                : PageResponses.html(200, manage(order, null), order.returnUrl());
          }
          return payable(order).orElseGet(() -> pageWith(order, 200, Map.of(), Map.of(), null));
        });
  }

  @POST
  @Path("/card")
  public Response payByCard(
      @PathParam("id") String id,
      @FormParam("card_number") String number,
      @FormParam("name_on_card") String name,
      @FormParam("card_exp") String expiry,
      @FormParam("card_cvv") String cvv,
      @FormParam("save_card") String save,
      @FormParam("create_mandate") String optIn)
      throws SQLException {
    return withCheckout(
        id,
        order ->
            payWith(
                order,
                "card",
                optIn,
                null,
                // Re-shown after an error: never the number or CVV, which the page must not echo.
                Map.of(
                    "name_on_card",
                    name == null ? "" : name,
                    "card_exp",
                    expiry == null ? "" : expiry),
                () ->
                    PaymentFormRules.newCard(
                        number,
                        name,
                        expiry,
                        cvv,
                        order.order().customerId().isPresent() ? save : null,
                        checkout.thisMonth())));
  }

  @POST
  @Path("/saved-card")
  public Response payBySavedCard(
      @PathParam("id") String id,
      @FormParam("card_token") String token,
      @FormParam("card_cvv") String cvv,
      @FormParam("create_mandate") String optIn)
      throws SQLException {
    return withCheckout(
        id,
        order ->
            payWith(
                order,
                "saved",
                optIn,
                null,
                Map.of(),
                () -> {
                  SavedCard card =
                      order.savedCards().stream()
                          .filter(saved -> saved.token().equals(token))
                          .findFirst()
                          .orElseThrow(
                              () ->
                                  new InvalidPaymentInput(
                                      Map.of("card_token", "Choose one of your saved cards")));
                  return new PaymentInstrument.SavedCard(
                      card.token(),
                      card.brand(),
                      card.lastFour(),
                      PaymentFormRules.savedCardCvv(cvv, card.brand()));
                }));
  }

  @POST
  @Path("/upi")
  public Response payByUpi(
      @PathParam("id") String id,
      @FormParam("vpa") String vpa,
      @FormParam("create_mandate") String optIn,
      @FormParam("payer_account") String payerAccount)
      throws SQLException {
    return withCheckout(
        id,
        order ->
            payWith(
                order,
                "upi",
                optIn,
                payerAccount,
                Map.of("vpa", vpa == null ? "" : vpa),
                () -> PaymentFormRules.upiCollect(vpa)));
  }

  @POST
  @Path("/netbanking")
  public Response payByNetBanking(
      @PathParam("id") String id,
      @FormParam("bank") String bank,
      @FormParam("payer_account") String payerAccount)
      throws SQLException {
    return withCheckout(
        id,
        order ->
            payWith(
                order,
                "nb",
                null,
                payerAccount,
                Map.of(),
                () -> PaymentFormRules.netBanking(bank)));
  }

  /**
   * eNACH: the bank account the mandate debits (one of the order's {@code bank_account_details}, or
   * typed) and how the customer authorises it; the bank's authorisation page follows.
   */
  @POST
  @Path("/enach")
  public Response registerEnach(
      @PathParam("id") String id,
      @FormParam("account") String account,
      @FormParam("account_number") String accountNumber,
      @FormParam("ifsc") String ifsc,
      @FormParam("beneficiary_name") String beneficiaryName,
      @FormParam("auth_type") String authType)
      throws SQLException {
    return withCheckout(
        id,
        order ->
            payWith(
                order,
                "enach",
                null,
                null,
                Map.of(
                    "ifsc",
                    ifsc == null ? "" : ifsc,
                    "beneficiary_name",
                    beneficiaryName == null ? "" : beneficiaryName),
                () ->
                    PaymentFormRules.enachAccount(
                        order.order().details().metadata().bankAccounts(),
                        account,
                        accountNumber,
                        ifsc,
                        beneficiaryName,
                        authType)));
  }

  @POST
  @Path("/wallet")
  public Response payByWallet(@PathParam("id") String id, @FormParam("wallet") String wallet)
      throws SQLException {
    return withCheckout(
        id,
        order ->
            payWith(order, "wallet", null, null, Map.of(), () -> PaymentFormRules.wallet(wallet)));
  }

  /** An attempt's own page: its challenge, a wait for a pending result, or the way out. */
  @GET
  @Path("/attempts/{txn}")
  public Response attempt(@PathParam("id") String id, @PathParam("txn") String txnUuid)
      throws SQLException {
    return withCheckout(id, order -> next(order, checkout.status(order, txnUuid), false));
  }

  @POST
  @Path("/attempts/{txn}/authenticate")
  public Response authenticate(
      @PathParam("id") String id,
      @PathParam("txn") String txnUuid,
      @FormParam("code") String code,
      @FormParam("decision") String decision)
      throws SQLException {
    return withCheckout(
        id,
        order -> {
          TransactionRecord txn = checkout.attempt(order, txnUuid);
          ChallengeAnswer answer =
              txn.paymentMethodType().equals("CARD")
                  ? new ChallengeAnswer.OneTimeCode(code == null ? "" : code.trim())
                  : new ChallengeAnswer.Decision("approve".equals(decision));
          // Redirect even to a pending page: its meta refresh must reload a GET, not this POST.
          return next(order, checkout.authenticate(order, txnUuid, answer), true);
        });
  }

  /** Deletes a saved card (the {@code paymentManagement} page). */
  @POST
  @Path("/cards/{token}/delete")
  public Response deleteCard(@PathParam("id") String id, @PathParam("token") String token)
      throws SQLException {
    return withCheckout(
        id,
        order -> {
          if (!order.order().isPaymentManagement() || order.order().customerId().isEmpty()) {
            return message(404, "Not found", "This page manages no saved cards.", order);
          }
          if (checkout.isExpired(order.order())) {
            return refusal(order, Reason.EXPIRED);
          }
          boolean deleted = checkout.deleteSavedCard(order, token);
          return PageResponses.seeOther(URI.create(basePath(order) + (deleted ? "?deleted" : "")));
        });
  }

  // --- steps ---------------------------------------------------------------------------------

  /**
   * @param optIn the "set up automatic payments" choice of an OPTIONAL mandate order
   * @param payerAccount TPV: the account the payer's bank reports (the sandbox page's test choice)
   */
  private Response payWith(
      Checkout order,
      String method,
      String optIn,
      String payerAccount,
      Map<String, String> values,
      java.util.function.Supplier<PaymentInstrument> instrument)
      throws SQLException {
    if (order.order().isPaymentManagement()) {
      return message(
          404, "Not found", "This link manages saved cards; it takes no payment.", order);
    }
    Optional<Response> refused = payable(order);
    if (refused.isPresent()) {
      return refused.get();
    }
    boolean registers = PaymentFormRules.registersMandate(order.order(), optIn);
    PaymentInstrument chosen;
    try {
      chosen = instrument.get();
      PaymentFormRules.checkMandateInstrument(order.order(), chosen, registers);
    } catch (InvalidPaymentInput e) {
      return pageWith(order, 400, e.fieldMessages(), values, method);
    }
    return next(
        order,
        checkout.pay(order, chosen, registers, PaymentFormRules.payerAccount(payerAccount)),
        true);
  }

  private Response next(Checkout order, Next next, boolean afterPost) throws SQLException {
    String attempts = basePath(order) + "/attempts/";
    if (next instanceof Next.Challenge challenge) {
      if (afterPost) {
        return PageResponses.seeOther(URI.create(attempts + challenge.txnUuid()));
      }
      TransactionRecord txn = checkout.attempt(order, challenge.txnUuid());
      boolean card = txn.paymentMethodType().equals("CARD");
      return PageResponses.html(
          200,
          Templates.challenge(
              basePath(order),
              order.merchant().name(),
              order.order().amount().text(),
              order.order().currency(),
              txn.txnUuid(),
              card,
              card ? txn.cardBrand().orElse("") + " ending " + txn.cardLastFour().orElse("") : "",
              card ? "" : bankName(txn.paymentMethod()),
              txn.objectType().isRegistration()
                  ? mandateSection(order, Optional.empty()).summary()
                  : null),
          order.returnUrl());
    }
    if (next instanceof Next.Pending pending) {
      if (afterPost) {
        return PageResponses.seeOther(URI.create(attempts + pending.txnUuid()));
      }
      return PageResponses.html(
          200,
          Templates.pending(
              basePath(order),
              order.merchant().name(),
              order.order().amount().text(),
              order.order().currency(),
              pending.txnUuid()),
          order.returnUrl());
    }
    Next.Finished finished = (Next.Finished) next;
    if (finished.redirect().isPresent()) {
      return PageResponses.seeOther(finished.redirect().get());
    }
    boolean paid = finished.status() == OrderStatus.CHARGED;
    return message(
        200,
        paid ? "Payment successful" : "Payment failed",
        paid
            ? "Your payment to " + order.merchant().name() + " is complete."
            : "Your payment did not go through (" + finished.status() + "). No money was taken.",
        order);
  }

  /** A refusal page when the order cannot be paid now, else empty. */
  private Optional<Response> payable(Checkout order) {
    if (checkout.gatewayFor(order.merchant()).isEmpty()) {
      return Optional.of(refusal(order, Reason.NO_LIVE_GATEWAY));
    }
    if (order.order().status() == OrderStatus.CHARGED) {
      return Optional.of(refusal(order, Reason.ALREADY_PAID));
    }
    if (checkout.isExpired(order.order())) {
      return Optional.of(refusal(order, Reason.EXPIRED));
    }
    // Said before the customer types card details, not after.
    if (order.attempts().size() >= TransactionRecord.MAX_PER_ORDER) {
      return Optional.of(refusal(order, Reason.TOO_MANY_ATTEMPTS));
    }
    return Optional.empty();
  }

  private Response refusal(Checkout order, Reason reason) {
    return switch (reason) {
      case ALREADY_PAID ->
          message(
              reason.httpStatus(),
              "Already paid",
              "Order " + order.order().orderId() + " has already been paid. Nothing more is due.",
              order);
      case EXPIRED ->
          message(
              reason.httpStatus(),
              "Payment link expired",
              "This payment link has expired. Ask " + order.merchant().name() + " for a new one.",
              order);
      case TOO_MANY_ATTEMPTS ->
          message(
              reason.httpStatus(),
              "Too many attempts",
              "This order has reached its limit of "
                  + TransactionRecord.MAX_PER_ORDER
                  + " payment attempts. Ask "
                  + order.merchant().name()
                  + " for a new order.",
              order);
      case NOT_FOUND -> notFound();
      case AMOUNT_CHANGED ->
          message(
              reason.httpStatus(),
              "Amount changed",
              order.merchant().name()
                  + " changed the amount of this order while you were paying. No money was taken."
                  + " Open the payment link again to pay the new amount.",
              order);
      case NO_LIVE_GATEWAY ->
          message(
              reason.httpStatus(),
              "Payments unavailable",
              order.merchant().name()
                  + " cannot take payments here yet: no live payment gateway is configured."
                  + " No money was taken.",
              order);
    };
  }

  private Response withCheckout(String id, Step step) throws SQLException {
    Checkout order;
    try {
      order = checkout.checkout(id);
    } catch (OrderNotPayable e) {
      return notFound();
    }
    try {
      return step.apply(order);
    } catch (OrderNotPayable e) {
      return refusal(order, e.reason());
    } catch (PaymentUnconfirmed e) {
      // The gateway answered but we could not store it: the attempt's page asks it again.
      return PageResponses.seeOther(URI.create(basePath(order) + "/attempts/" + e.txnUuid()));
    } catch (GatewayUnavailable e) {
      // A gateway that timed out may still have charged: say what is certain.
      return PageResponses.html(
          503,
          Templates.message(
              "Payment service unavailable",
              "We could not reach the payment gateway; please try again in a moment. If your"
                  + " bank took the money, the order is marked paid automatically, and you are"
                  + " never charged twice for it.",
              order.merchant().isSandbox()),
          Optional.empty());
    }
  }

  private Response pageWith(
      Checkout order,
      int status,
      Map<String, String> errors,
      Map<String, String> values,
      String openMethod) {
    return PageResponses.html(
        status, Templates.page(view(order, errors, values, openMethod)), order.returnUrl());
  }

  private PaymentPageView view(
      Checkout order, Map<String, String> errors, Map<String, String> values, String openMethod) {
    OrderRecord record = order.order();
    Merchant merchant = order.merchant();
    PaymentGateway.TestData testData =
        checkout
            .gatewayFor(merchant)
            .map(PaymentGateway::testData)
            .orElse(PaymentGateway.TestData.NONE);
    String upiLink = null;
    String qr = null;
    Optional<String> mandateLink = upiMandateLink(record, merchant);
    PaymentPageView.MandateSection mandate = mandateSection(order, mandateLink);
    boolean registersAlways = mandate != null && mandate.required();
    // An order whose every payment registers its mandate shows the AutoPay QR, not the pay one.
    if (merchant.canBuildUpiLinks() && "INR".equals(record.currency()) && !registersAlways) {
      upiLink =
          UpiDeepLink.build(
              merchant.upiPayeeVpa().orElseThrow(),
              merchant.upiPayeeName().orElseThrow(),
              merchant.upiMerchantCode(),
              record.orderId(),
              record.amount().text(),
              record.details().description());
      qr = QrCodeSvg.of(upiLink, "UPI QR code to pay " + merchant.name());
    }
    return new PaymentPageView(
        basePath(order),
        merchant.name(),
        record.amount().text(),
        record.currency(),
        record.details().description().orElse(""),
        record.orderId(),
        merchant.isSandbox(),
        record.customerId().isPresent(),
        order.savedCards().stream().map(PaymentPageResource::cardView).toList(),
        choices(PaymentFormRules.BANKS),
        choices(PaymentFormRules.WALLETS),
        upiLink,
        qr,
        errors,
        values,
        lastFailure(order.attempts()),
        openMethod == null ? defaultMethod(order, mandate) : openMethod,
        testInstruments(testData.cards()),
        testInstruments(testData.upiIds()),
        testInstruments(testData.refundAmounts()),
        testInstruments(testData.mandates()),
        mandate,
        merchant.isSandbox() && needsTpv(record) ? payerAccounts(record) : List.of());
  }

  /** The section open at first: eNACH's, else saved cards, card or UPI as the order allows. */
  private static String defaultMethod(Checkout order, PaymentPageView.MandateSection mandate) {
    if (mandate != null && mandate.enach()) {
      return "enach";
    }
    if (mandate != null && mandate.required() && mandate.oneTime()) {
      return "upi";
    }
    return order.savedCards().isEmpty() ? "card" : "saved";
  }

  /** TPV on this page: a TPV order, or a mandate order that lists its accounts. */
  private static boolean needsTpv(OrderRecord record) {
    OrderDetails details = record.details();
    return details.orderType().filter(PaymentGateway.GatewayPayment.TPV_PAYMENT::equals).isPresent()
        || (details.mandate().isPresent() && !details.metadata().bankAccounts().isEmpty());
  }

  /**
   * The sandbox's stand-in for what the payer's bank reports: the order's accounts, and one that is
   * not on the list.
   */
  private static List<Choice> payerAccounts(OrderRecord record) {
    List<Choice> choices = new java.util.ArrayList<>(accountChoices(record, false));
    choices.add(new Choice("", "Another account (not in the order's list)"));
    return choices;
  }

  /** The order's {@code bank_account_details}, valued by number or by position. */
  private static List<Choice> accountChoices(OrderRecord record, boolean byPosition) {
    List<OrderDetails.BankAccount> accounts = record.details().metadata().bankAccounts();
    List<Choice> choices = new java.util.ArrayList<>();
    for (int i = 0; i < accounts.size(); i++) {
      OrderDetails.BankAccount account = accounts.get(i);
      if (account.accountNumber().isEmpty()) {
        continue;
      }
      String number = account.accountNumber().get();
      String label =
          "Account ending "
              + number.substring(Math.max(0, number.length() - 4))
              + account.ifsc().map(ifsc -> " (" + ifsc + ")").orElse("");
      choices.add(new Choice(byPosition ? Integer.toString(i) : number, label));
    }
    return choices;
  }

  /** What the page says about the mandate the order registers, or null without one. */
  private static PaymentPageView.MandateSection mandateSection(
      Checkout order, Optional<String> upiMandateLink) {
    OrderRecord record = order.order();
    Optional<OrderDetails.Mandate> found = record.details().mandate();
    if (found.isEmpty()) {
      return null;
    }
    OrderDetails.Mandate mandate = found.get();
    boolean enach = PaymentFormRules.isEnach(record);
    boolean oneTime = mandate.frequency() == OrderDetails.Frequency.ONETIME;
    String amount =
        record.currency()
            + " "
            + mandate.maxAmount().text()
            + (mandate.amountRule() == OrderDetails.AmountRule.FIXED ? " each time" : " at most");
    String summary =
        oneTime
            ? "Sets up a one-time UPI mandate with "
                + order.merchant().name()
                + ": "
                + record.currency()
                + " "
                + mandate.maxAmount().text()
                + " is blocked in your account until "
                + MANDATE_DAY.format(mandate.endDate())
                + "."
            : (enach ? "Sets up an eNACH mandate" : "Sets up automatic payments")
                + " to "
                + order.merchant().name()
                + ": "
                + amount
                + ", "
                + mandate.frequency().name().toLowerCase(java.util.Locale.ROOT)
                + ", from "
                + MANDATE_DAY.format(mandate.startDate())
                + " to "
                + MANDATE_DAY.format(mandate.endDate())
                + ".";
    return new PaymentPageView.MandateSection(
        enach || mandate.createMandate() == OrderDetails.CreateMandate.REQUIRED,
        enach,
        oneTime,
        summary,
        upiMandateLink.orElse(null),
        upiMandateLink
            .map(link -> QrCodeSvg.of(link, "UPI QR code to set up AutoPay"))
            .orElse(null),
        accountChoices(record, true),
        choices(PaymentFormRules.ENACH_AUTH_TYPES));
  }

  /** The {@code upi://mandate} link registering the order's mandate in a UPI app. */
  private static Optional<String> upiMandateLink(OrderRecord record, Merchant merchant) {
    Optional<OrderDetails.Mandate> mandate = record.details().mandate();
    if (mandate.isEmpty()
        || PaymentFormRules.isEnach(record)
        || !merchant.canBuildUpiLinks()
        || !"INR".equals(record.currency())) {
      return Optional.empty();
    }
    OrderDetails.Mandate rules = mandate.get();
    return Optional.of(
        UpiMandateLink.build(
            new UpiMandateLink.Terms(
                merchant.upiPayeeVpa().orElseThrow(),
                merchant.upiPayeeName().orElseThrow(),
                merchant.upiMerchantCode(),
                record.orderId(),
                record.id().length() > 35 ? record.id().substring(0, 35) : record.id(),
                rules.maxAmount().text(),
                rules.amountRule() == OrderDetails.AmountRule.FIXED,
                record.details().description(),
                record.details().description().orElse(merchant.name() + " AutoPay"),
                rules.frequency().name(),
                rules.startDate(),
                rules.endDate())));
  }

  private static List<TestInstrument> testInstruments(Map<String, String> shown) {
    return shown.entrySet().stream()
        .map(entry -> new TestInstrument(entry.getKey(), entry.getValue()))
        .toList();
  }

  private TemplateInstance manage(Checkout order, String notice) {
    return Templates.manage(
        basePath(order),
        order.merchant().name(),
        order.savedCards().stream().map(PaymentPageResource::cardView).toList(),
        notice);
  }

  /** The last attempt's failure, shown above the methods when the customer comes back to retry. */
  private static String lastFailure(List<TransactionRecord> attempts) {
    return OrderStatusView.counting(attempts)
        .filter(txn -> PaymentStateMachine.isFailure(txn.status()))
        .map(
            txn ->
                "Your last payment attempt did not go through ("
                    + txn.status()
                    + txn.errorMessage().map(message -> ": " + message).orElse("")
                    + "). You can try again.")
        .orElse(null);
  }

  private Response message(int status, String title, String text, Checkout order) {
    return PageResponses.html(
        status, Templates.message(title, text, order.merchant().isSandbox()), order.returnUrl());
  }

  private static Response notFound() {
    return PageResponses.html(
        404,
        Templates.message(
            "Payment link not found",
            "This payment link does not exist. Check the link, or ask the shop for a new one.",
            false),
        Optional.empty());
  }

  private static SavedCardView cardView(SavedCard card) {
    return new SavedCardView(card.token(), card.brand().name(), card.lastFour());
  }

  private static List<Choice> choices(Map<String, String> options) {
    return options.entrySet().stream().map(e -> new Choice(e.getKey(), e.getValue())).toList();
  }

  private static String bankName(String code) {
    // eNACH reports the bank as JP_<bank>; net banking as NB_<bank>.
    String netBanking = code.startsWith("JP_") ? "NB_" + code.substring(3) : code;
    return PaymentFormRules.BANKS.getOrDefault(
        netBanking, PaymentFormRules.WALLETS.getOrDefault(code, code));
  }

  private static String basePath(Checkout order) {
    return "/orders/" + order.order().id() + "/payment-page";
  }

  @FunctionalInterface
  private interface Step {
    Response apply(Checkout checkout) throws SQLException;
  }
}
