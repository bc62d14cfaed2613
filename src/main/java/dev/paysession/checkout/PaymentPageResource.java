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
import dev.paysession.order.TransactionStatus;
import dev.paysession.upi.QrCodeSvg;
import dev.paysession.upi.UpiDeepLink;
import dev.paysession.upi.UpiMandateLink;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * The hosted payment page ({@code payment_links.web}) and its forms. Server-rendered, no scripts:
 * each step is a form post answered by a redirect (POST, then 303 to a GET), so reloading a page
 * never pays twice. Each view is in the customer's language and theme ({@link PageLook}), so the
 * resource lives for one request.
 */
@Path("/orders/{id}/payment-page")
@RequestScoped
public class PaymentPageResource {

  private static final Logger LOG = Logger.getLogger(PaymentPageResource.class);
  // Each unshipped language is logged once per server run; the counter counts every view.
  private static final Set<String> FALLBACKS_LOGGED = ConcurrentHashMap.newKeySet();

  private final CheckoutService checkout;
  private final Counter languageFallbacks;

  @Context HttpHeaders headers;

  private PageLook look;

  PaymentPageResource(CheckoutService checkout, MeterRegistry metrics) {
    this.checkout = checkout;
    this.languageFallbacks =
        Counter.builder("paysession.page.language.fallback")
            .description(
                "Payment page views whose session named a language the page is not shipped in"
                    + " (shown in English)")
            .register(metrics);
  }

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance page(PaymentPageView view);

    static native TemplateInstance manage(
        String basePath, String merchantName, List<SavedCardView> cards, String notice);

    static native TemplateInstance challenge(
        String basePath,
        String merchantName,
        String price,
        String txnUuid,
        boolean card,
        String cardLabel,
        String bank,
        String mandateNote);

    static native TemplateInstance pending(
        String basePath, String merchantName, String price, String txnUuid, boolean cancellable);

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
                : html(200, manage(order, null), order.returnUrl());
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

  /**
   * Cancels a payment request the customer's bank has not answered (a UPI collect), so that the
   * customer can pay another way; an attempt the bank has answered meanwhile keeps its outcome.
   */
  @POST
  @Path("/attempts/{txn}/cancel")
  public Response cancel(@PathParam("id") String id, @PathParam("txn") String txnUuid)
      throws SQLException {
    return withCheckout(
        id,
        order -> {
          Optional<Next> next = checkout.cancel(order, txnUuid);
          // Cancelled: back to the page, which now takes a new payment.
          return next.isEmpty()
              ? PageResponses.seeOther(URI.create(basePath(order)))
              : next(order, next.get(), true);
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
            return message(404, text().notFoundShort(), text().noCardsHere(), order);
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
      return message(404, text().notFoundShort(), text().takesNoPayment(), order);
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
    try {
      return next(
          order,
          checkout.pay(order, chosen, registers, PaymentFormRules.payerAccount(payerAccount)),
          true);
    } catch (AttemptPending e) {
      // A second press while a payment request waits: no second attempt. The page shows the
      // first one, or (if it ended meanwhile) where the order stands now: paid, or payable again.
      Checkout now = checkout.checkout(order.order().id());
      // The order row was read before its attempts: a charge that committed in between shows in
      // the attempts only (both are written in one transaction).
      if (now.attempts().stream().anyMatch(t -> t.status() == TransactionStatus.CHARGED)) {
        return refusal(now, Reason.ALREADY_PAID);
      }
      return payable(now).orElseGet(() -> pageWith(now, 409, Map.of(), values, null));
    }
  }

  private Response next(Checkout order, Next next, boolean afterPost) throws SQLException {
    String attempts = basePath(order) + "/attempts/";
    if (next instanceof Next.Challenge challenge) {
      if (afterPost) {
        return PageResponses.seeOther(URI.create(attempts + challenge.txnUuid()));
      }
      TransactionRecord txn = checkout.attempt(order, challenge.txnUuid());
      boolean card = txn.paymentMethodType().equals("CARD");
      return html(
          200,
          Templates.challenge(
              basePath(order),
              order.merchant().name(),
              price(order.order()),
              txn.txnUuid(),
              card,
              card
                  ? text().cardEnding(txn.cardBrand().orElse(""), txn.cardLastFour().orElse(""))
                  : "",
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
      TransactionRecord txn = checkout.attempt(order, pending.txnUuid());
      return html(
          200,
          Templates.pending(
              basePath(order),
              order.merchant().name(),
              price(order.order()),
              pending.txnUuid(),
              CheckoutService.isCancellable(txn)),
          order.returnUrl());
    }
    Next.Finished finished = (Next.Finished) next;
    if (finished.redirect().isPresent()) {
      return PageResponses.seeOther(finished.redirect().get());
    }
    boolean paid = finished.status() == OrderStatus.CHARGED;
    return message(
        200,
        paid ? text().paidTitle() : text().failedTitle(),
        paid
            ? text().paidText(order.merchant().name())
            : text().failedText(finished.status().name()),
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
    PageMessages m = text();
    String merchant = order.merchant().name();
    return switch (reason) {
      case ALREADY_PAID ->
          message(
              reason.httpStatus(),
              m.alreadyPaidTitle(),
              m.alreadyPaidText(order.order().orderId()),
              order);
      case EXPIRED ->
          message(reason.httpStatus(), m.expiredTitle(), m.expiredText(merchant), order);
      case TOO_MANY_ATTEMPTS ->
          message(
              reason.httpStatus(),
              m.tooManyTitle(),
              m.tooManyText(TransactionRecord.MAX_PER_ORDER, merchant),
              order);
      case NOT_FOUND -> notFound();
      case AMOUNT_CHANGED ->
          message(
              reason.httpStatus(), m.amountChangedTitle(), m.amountChangedText(merchant), order);
      case NO_LIVE_GATEWAY ->
          message(reason.httpStatus(), m.unavailableTitle(), m.unavailableText(merchant), order);
    };
  }

  private Response withCheckout(String id, Step step) throws SQLException {
    Checkout order;
    try {
      order = checkout.checkout(id);
    } catch (OrderNotPayable e) {
      look = look(Optional.empty());
      return notFound();
    }
    look = look(Optional.of(order.order().details()));
    if (look.languageFellBack()) {
      recordFallback(order.order().details().language().orElse(""));
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
      return html(
          503,
          Templates.message(
              text().gatewayDownTitle(), text().gatewayDownText(), order.merchant().isSandbox()),
          Optional.empty());
    }
  }

  private Response pageWith(
      Checkout order,
      int status,
      Map<String, String> errors,
      Map<String, String> values,
      String openMethod) {
    return html(status, Templates.page(view(order, errors, values, openMethod)), order.returnUrl());
  }

  /** The page's language and theme for this request: the session's fields, then the browser's. */
  private PageLook look(Optional<OrderDetails> details) {
    return PageLook.of(
        details,
        headers.getHeaderString(HttpHeaders.ACCEPT_LANGUAGE),
        headers.getHeaderString(HttpHeaders.USER_AGENT),
        headers.getHeaderString("Sec-CH-UA-Mobile"));
  }

  /** A session named a language the page is not shipped in: English is shown, and counted. */
  private void recordFallback(String requested) {
    languageFallbacks.increment();
    // The name is the merchant's (2-32 letters, checked by /session), never the customer's data.
    if (FALLBACKS_LOGGED.size() < 100 && FALLBACKS_LOGGED.add(requested)) {
      LOG.infof(
          "Payment page: language \"%s\" is not shipped; showing English (shipped: %s)",
          requested, java.util.Arrays.toString(PageLanguage.values()));
    }
  }

  private PageMessages text() {
    return look.messages();
  }

  private Response html(int status, TemplateInstance page, Optional<String> returnUrl) {
    return PageResponses.html(status, look.apply(page), returnUrl);
  }

  private static String price(OrderRecord record) {
    return PageMoney.format(record.amount(), record.currency());
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
    PaymentPageView.PendingAttempt pending =
        CheckoutService.pendingAttempt(order.attempts())
            .map(
                txn ->
                    new PaymentPageView.PendingAttempt(
                        txn.txnUuid(), methodLabel(txn.paymentMethodType(), txn.paymentMethod())))
            .orElse(null);
    Map<String, String> shownErrors = new java.util.LinkedHashMap<>();
    errors.forEach((field, english) -> shownErrors.put(field, look.text().fieldError(english)));
    String open = openMethod == null ? defaultMethod(order, mandate, qr != null) : openMethod;
    return new PaymentPageView(
        basePath(order),
        merchant.name(),
        record.amount().text(),
        record.currency(),
        record.details().description().orElse(""),
        record.orderId(),
        merchant.isSandbox(),
        record.customerId().isPresent(),
        order.savedCards().stream().map(this::cardView).toList(),
        choices(PaymentFormRules.BANKS),
        choices(PaymentFormRules.WALLETS),
        upiLink,
        qr,
        shownErrors,
        values,
        lastFailure(order.attempts()),
        open,
        testInstruments(testData.cards()),
        testInstruments(testData.upiIds()),
        testInstruments(testData.refundAmounts()),
        testInstruments(testData.mandates()),
        mandate,
        merchant.isSandbox() && needsTpv(record) ? payerAccounts(record) : List.of(),
        price(record),
        phone(record.details().customer()),
        look.phoneDevice(),
        methodOrder(qr != null),
        pending);
  }

  /**
   * What an Indian customer expects: their saved cards first; then UPI on a phone (its intent link
   * opens their UPI app) and on a desktop that can scan its QR code; then card, net banking and
   * wallets. eNACH, when offered, is the only method.
   */
  private List<String> methodOrder(boolean upiQr) {
    return look.phoneDevice() || upiQr
        ? List.of("enach", "saved", "upi", "card", "nb", "wallet")
        : List.of("enach", "saved", "card", "upi", "nb", "wallet");
  }

  /** The section open at first: eNACH's, else saved cards, else the first method shown. */
  private String defaultMethod(
      Checkout order, PaymentPageView.MandateSection mandate, boolean upiQr) {
    if (mandate != null && mandate.enach()) {
      return "enach";
    }
    if (mandate != null && mandate.required() && mandate.oneTime()) {
      return "upi";
    }
    if (!order.savedCards().isEmpty()) {
      return "saved";
    }
    return look.phoneDevice() || upiQr ? "upi" : "card";
  }

  /**
   * The customer's phone as the page shows it, with {@code mobile_country_code}: {@code +91 98765
   * 43210}; an Indian mobile number is split 5 + 5 as it is read aloud. Null without a phone.
   */
  static String phone(OrderDetails.Customer customer) {
    if (customer.phone().isEmpty()) {
      return null;
    }
    String number = customer.phone().get().trim();
    String code = customer.mobileCountryCode().orElse(null);
    if (code == null && number.startsWith("+")) {
      return number;
    }
    if (("91".equals(code) || code == null) && number.matches("[6-9][0-9]{9}")) {
      return "+91 " + number.substring(0, 5) + " " + number.substring(5);
    }
    return code == null ? number : "+" + code + " " + number;
  }

  /** How the pending-attempt notice names an attempt's method. */
  private String methodLabel(String type, String method) {
    return switch (type) {
      case "UPI" -> text().methodUpi();
      case "CARD" -> text().methodCard();
      case "NB" -> text().methodNetBanking();
      case "WALLET" -> text().methodWallet();
      default -> bankName(method);
    };
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
  private List<Choice> payerAccounts(OrderRecord record) {
    List<Choice> choices = new java.util.ArrayList<>(accountChoices(record, false));
    choices.add(new Choice("", text().anotherAccount()));
    return choices;
  }

  /** The order's {@code bank_account_details}, valued by number or by position. */
  private List<Choice> accountChoices(OrderRecord record, boolean byPosition) {
    List<OrderDetails.BankAccount> accounts = record.details().metadata().bankAccounts();
    List<Choice> choices = new java.util.ArrayList<>();
    for (int i = 0; i < accounts.size(); i++) {
      OrderDetails.BankAccount account = accounts.get(i);
      if (account.accountNumber().isEmpty()) {
        continue;
      }
      String number = account.accountNumber().get();
      String label =
          text().accountEnding(number.substring(Math.max(0, number.length() - 4)))
              + account.ifsc().map(ifsc -> " (" + ifsc + ")").orElse("");
      choices.add(new Choice(byPosition ? Integer.toString(i) : number, label));
    }
    return choices;
  }

  /** What the page says about the mandate the order registers, or null without one. */
  private PaymentPageView.MandateSection mandateSection(
      Checkout order, Optional<String> upiMandateLink) {
    OrderRecord record = order.order();
    Optional<OrderDetails.Mandate> found = record.details().mandate();
    if (found.isEmpty()) {
      return null;
    }
    OrderDetails.Mandate mandate = found.get();
    boolean enach = PaymentFormRules.isEnach(record);
    boolean oneTime = mandate.frequency() == OrderDetails.Frequency.ONETIME;
    PageText words = look.text();
    String limit = PageMoney.format(mandate.maxAmount(), record.currency());
    String terms =
        mandate.amountRule() == OrderDetails.AmountRule.FIXED
            ? words.messages().eachTime(limit)
            : words.messages().atMost(limit);
    String merchant = order.merchant().name();
    String start = words.day(mandate.startDate());
    String end = words.day(mandate.endDate());
    String frequency = words.frequency(mandate.frequency());
    String summary =
        oneTime
            ? words.messages().oneTimeMandate(merchant, limit, end)
            : enach
                ? words.messages().enachMandate(merchant, terms, frequency, start, end)
                : words.messages().recurringMandate(merchant, terms, frequency, start, end);
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
        PaymentFormRules.ENACH_AUTH_TYPES.entrySet().stream()
            .map(e -> new Choice(e.getKey(), words.authType(e.getKey(), e.getValue())))
            .toList());
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
        order.savedCards().stream().map(this::cardView).toList(),
        notice);
  }

  /** The last attempt's failure, shown above the methods when the customer comes back to retry. */
  private String lastFailure(List<TransactionRecord> attempts) {
    return OrderStatusView.counting(attempts)
        .filter(txn -> PaymentStateMachine.isFailure(txn.status()))
        .map(
            txn ->
                text()
                    .lastFailure(
                        txn.status().name(),
                        // The gateway's own words, as it reported them.
                        txn.errorMessage().map(message -> ": " + message).orElse("")))
        .orElse(null);
  }

  private Response message(int status, String title, String text, Checkout order) {
    return html(
        status, Templates.message(title, text, order.merchant().isSandbox()), order.returnUrl());
  }

  private Response notFound() {
    return html(
        404,
        Templates.message(text().notFoundTitle(), text().notFoundText(), false),
        Optional.empty());
  }

  private SavedCardView cardView(SavedCard card) {
    String brand = card.brand().name();
    return new SavedCardView(
        card.token(), brand, card.lastFour(), text().cardEnding(brand, card.lastFour()));
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
