package dev.paysession.gateway.sandbox;

import dev.paysession.api.RandomTokens;
import dev.paysession.gateway.GatewayOutcome;
import dev.paysession.gateway.GatewayUnavailable;
import dev.paysession.gateway.PaymentGateway;
import dev.paysession.gateway.PaymentInstrument;
import dev.paysession.gateway.sandbox.SandboxInstruments.Behaviour;
import dev.paysession.order.TransactionStatus;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The built-in gateway: no money moves, and the outcome is chosen by the documented test data in
 * {@link SandboxInstruments}. Like a real gateway it keeps its own state (its payments and its card
 * vault) so that authentication, status sync and saved cards behave as they would against one.
 */
@ApplicationScoped
public class SandboxGateway implements PaymentGateway {

  /** The error code of a TPV payment from an account the order does not list. */
  public static final String TPV_FAILED = "TPV_VALIDATION_FAILED";

  /** The error code of a card not enrolled in 3-D Secure, on an order that needs 3-D Secure. */
  public static final String NOT_ENROLLED = "CARD_NOT_ENROLLED_3DS";

  private final AgroalDataSource dataSource;
  private final Clock clock;
  private final Duration pendingSettlesAfter;
  private final SandboxRefunds refunds;

  SandboxGateway(
      AgroalDataSource dataSource, Clock clock, SandboxConfig config, SandboxRefunds refunds) {
    this.dataSource = dataSource;
    this.clock = clock;
    this.pendingSettlesAfter = config.pendingSettlesAfter();
    this.refunds = refunds;
  }

  @Override
  public String name() {
    return "SANDBOX";
  }

  @Override
  public int id() {
    // Juspay numbers its gateways; 0 is not one of theirs, so a client can tell the sandbox apart.
    return 0;
  }

  @Override
  public boolean isSandbox() {
    return true;
  }

  @Override
  public TestData testData() {
    return TEST_DATA;
  }

  private static final TestData TEST_DATA =
      testData(SandboxInstruments.CARDS, SandboxInstruments.VPAS);

  private static TestData testData(Map<String, Behaviour> cards, Map<String, Behaviour> vpas) {
    Map<String, String> cardsShown = new LinkedHashMap<>();
    cards.forEach(
        (number, behaviour) ->
            cardsShown.put(SandboxInstruments.grouped(number), behaviour.description()));
    Map<String, String> vpasShown = new LinkedHashMap<>();
    vpas.forEach((vpa, behaviour) -> vpasShown.put(vpa, behaviour.description()));
    Map<String, String> mandatesShown = new LinkedHashMap<>();
    vpas.forEach(
        (vpa, behaviour) -> mandatesShown.put(vpa, "UPI AutoPay: " + behaviour.description()));
    SandboxInstruments.MANDATE_VPAS.forEach(
        (vpa, behaviour) -> mandatesShown.put(vpa, "UPI AutoPay: " + behaviour.description()));
    SandboxInstruments.MANDATE_CARDS.forEach(
        (number, behaviour) ->
            mandatesShown.put(
                SandboxInstruments.grouped(number), "Card mandate: " + behaviour.description()));
    mandatesShown.put("any other test card", "Card mandate: as in the card table");
    SandboxInstruments.BANK_ACCOUNTS.forEach(
        (account, behaviour) -> mandatesShown.put(account, accountOutcome(behaviour)));
    mandatesShown.put("any other account", "eNACH: succeeds when approved");
    mandatesShown.put(
        "an account not in bank_account_details",
        "TPV order or TPV mandate: refused (" + TPV_FAILED + ")");
    return new TestData(
        Collections.unmodifiableMap(cardsShown),
        Collections.unmodifiableMap(vpasShown),
        SandboxRefunds.TEST_AMOUNTS,
        Collections.unmodifiableMap(mandatesShown));
  }

  private static String accountOutcome(Behaviour behaviour) {
    return switch (behaviour) {
      case SUCCESS -> "eNACH: succeeds when approved";
      case AUTHORIZATION_FAILURE -> "eNACH: the bank declines the mandate after approval";
      default -> behaviour.description();
    };
  }

  @Override
  public GatewayOutcome initiate(GatewayPayment payment, PaymentInstrument instrument) {
    String gatewayTxnId = "sbx_" + RandomTokens.hex32();
    boolean registers = payment.mandate().isPresent();
    try (Connection connection = dataSource.getConnection()) {
      if (payment.needsTpv() && !fromTpvAccount(payment, instrument)) {
        // The payer's bank reports the account the money comes from; TPV refuses any other.
        record(
            connection,
            payment,
            gatewayTxnId,
            Behaviour.TPV_MISMATCH,
            TransactionStatus.AUTHORIZATION_FAILED);
        return authorised(gatewayTxnId, Behaviour.TPV_MISMATCH);
      }
      if (instrument instanceof PaymentInstrument.NewCard card) {
        Behaviour behaviour = SandboxInstruments.card(card.number());
        if (behaviour == Behaviour.UNKNOWN) {
          return declined(gatewayTxnId, "Use one of the sandbox's test cards");
        }
        Optional<String> token = Optional.empty();
        if (card.save()) {
          token = Optional.of("ctkn_" + RandomTokens.hex32());
          saveToVault(connection, payment.merchantId(), token.get(), behaviour);
        }
        if (behaviour == Behaviour.NOT_ENROLLED) {
          return notEnrolled(connection, payment, gatewayTxnId, token);
        }
        record(
            connection,
            payment,
            gatewayTxnId,
            SandboxInstruments.forPayment(behaviour, registers),
            TransactionStatus.PENDING_VBV);
        return challenge(gatewayTxnId, token);
      }
      if (instrument instanceof PaymentInstrument.SavedCard saved) {
        Optional<Behaviour> behaviour = vault(connection, payment.merchantId(), saved.token());
        if (behaviour.isEmpty()) {
          return declined(gatewayTxnId, "This saved card is not known to the gateway");
        }
        if (behaviour.get() == Behaviour.NOT_ENROLLED) {
          return notEnrolled(connection, payment, gatewayTxnId, Optional.empty());
        }
        record(
            connection,
            payment,
            gatewayTxnId,
            SandboxInstruments.forPayment(behaviour.get(), registers),
            TransactionStatus.PENDING_VBV);
        return challenge(gatewayTxnId, Optional.empty());
      }
      if (instrument instanceof PaymentInstrument.UpiCollect upi) {
        Behaviour behaviour =
            SandboxInstruments.forPayment(SandboxInstruments.vpa(upi.vpa()), registers);
        if (behaviour == Behaviour.UNKNOWN) {
          return declined(gatewayTxnId, "Use one of the sandbox's test UPI IDs");
        }
        // The customer approves (or not) in their UPI app: the sandbox decides at once.
        GatewayOutcome outcome = authorised(gatewayTxnId, behaviour);
        record(connection, payment, gatewayTxnId, behaviour, outcome.status());
        return outcome;
      }
      if (instrument instanceof PaymentInstrument.BankAccountMandate account) {
        // eNACH: the bank's authorisation page (netbanking, debit card or Aadhaar) decides.
        record(
            connection,
            payment,
            gatewayTxnId,
            SandboxInstruments.bankAccount(account.accountNumber()),
            TransactionStatus.PENDING_VBV);
        return challenge(gatewayTxnId, Optional.empty());
      }
      // Net banking and wallets: the bank's or wallet's own page, where the customer approves;
      // UPI intent: the page stands in for the customer's UPI app.
      record(connection, payment, gatewayTxnId, Behaviour.SUCCESS, TransactionStatus.PENDING_VBV);
      return challenge(gatewayTxnId, Optional.empty());
    } catch (SQLException e) {
      throw new GatewayUnavailable("sandbox gateway storage failed", e);
    }
  }

  /**
   * A card the issuer has not enrolled in 3-D Secure: there is no challenge to show. An order that
   * allows it ({@code metadata.txns.allow_card_no_3ds}, as Juspay offers international merchants)
   * is charged at once; any other is refused, since India requires an extra factor on card payments
   * and a mandate registration always needs one.
   */
  private GatewayOutcome notEnrolled(
      Connection connection, GatewayPayment payment, String gatewayTxnId, Optional<String> token)
      throws SQLException {
    if (payment.allowCardNo3ds() && payment.mandate().isEmpty()) {
      record(connection, payment, gatewayTxnId, Behaviour.NOT_ENROLLED, TransactionStatus.CHARGED);
      GatewayOutcome charged = charged(gatewayTxnId);
      return new GatewayOutcome(
              charged.status(),
              gatewayTxnId,
              charged.respCode(),
              charged.respMessage(),
              Optional.empty(),
              Optional.empty(),
              token,
              charged.rrn())
          .authenticatedBy(GatewayOutcome.NO_THREE_DS);
    }
    record(
        connection,
        payment,
        gatewayTxnId,
        Behaviour.NOT_ENROLLED,
        TransactionStatus.AUTHENTICATION_FAILED);
    return authorised(gatewayTxnId, Behaviour.NOT_ENROLLED);
  }

  /**
   * TPV: the account the payment comes from (the eNACH account itself, else the one the payer's
   * bank reports) is one of the order's {@code bank_account_details}; an account number matches,
   * and so must the IFSC when both sides give one.
   */
  private static boolean fromTpvAccount(GatewayPayment payment, PaymentInstrument instrument) {
    Optional<String> ifsc = Optional.empty();
    Optional<String> account = payment.payerAccount();
    if (instrument instanceof PaymentInstrument.BankAccountMandate mandate) {
      account = Optional.of(mandate.accountNumber());
      ifsc = Optional.of(mandate.ifsc());
    }
    if (account.isEmpty()) {
      return false;
    }
    String number = account.get();
    Optional<String> payerIfsc = ifsc;
    return payment.tpvAccounts().stream()
        .anyMatch(
            listed ->
                listed.accountNumber().filter(number::equals).isPresent()
                    && (payerIfsc.isEmpty()
                        || listed.ifsc().isEmpty()
                        || listed.ifsc().get().equalsIgnoreCase(payerIfsc.get())));
  }

  @Override
  public GatewayOutcome debitMandate(MandateDebit debit) {
    return SandboxMandateDebits.debit(debit);
  }

  @Override
  public NotificationAnswer notifyPreDebit(PreDebitNotice notice) {
    return SandboxMandateDebits.notify(notice);
  }

  @Override
  public GatewayOutcome authenticate(
      String merchantId, String gatewayTxnId, ChallengeAnswer answer) {
    return transition(
        merchantId,
        gatewayTxnId,
        (behaviour, status) -> {
          if (status != TransactionStatus.PENDING_VBV) {
            return Optional.empty();
          }
          boolean passed =
              answer instanceof ChallengeAnswer.OneTimeCode code
                  ? SandboxInstruments.ONE_TIME_CODE.equals(code.code())
                      && behaviour != Behaviour.AUTHENTICATION_FAILURE
                  : ((ChallengeAnswer.Decision) answer).approved();
          return Optional.of(
              passed
                  ? authorised(gatewayTxnId, behaviour).authenticatedBy(authType(answer))
                  : outcome(
                      TransactionStatus.AUTHENTICATION_FAILED,
                      gatewayTxnId,
                      "AUTHENTICATION_FAILED",
                      "The customer did not complete authentication"));
        });
  }

  /** A one-time code is the card's 3-D Secure; a bank's or wallet's page is not. */
  private static String authType(ChallengeAnswer answer) {
    return answer instanceof ChallengeAnswer.OneTimeCode ? GatewayOutcome.THREE_DS : null;
  }

  @Override
  public GatewayOutcome sync(String merchantId, String gatewayTxnId) {
    return transition(merchantId, gatewayTxnId, (behaviour, status) -> Optional.empty());
  }

  /**
   * A pending request (not settled yet) is withdrawn: AUTHENTICATION_FAILED, as Juspay reports a
   * payment the customer did not complete; one that settled meanwhile stays CHARGED.
   */
  @Override
  public GatewayOutcome cancel(String merchantId, String gatewayTxnId) {
    return transition(
        merchantId,
        gatewayTxnId,
        (behaviour, status) ->
            status == TransactionStatus.AUTHORIZING || status == TransactionStatus.PENDING_VBV
                ? Optional.of(
                    failed(
                        TransactionStatus.AUTHENTICATION_FAILED,
                        gatewayTxnId,
                        "CANCELLED_BY_CUSTOMER",
                        "The customer cancelled the payment request"))
                : Optional.empty());
  }

  @Override
  public Optional<GatewayOutcome> lookup(String merchantId, String txnId) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT gateway_txn_id FROM sandbox_payments WHERE merchant_id = ? AND txn_id = ?")) {
      select.setString(1, merchantId);
      select.setString(2, txnId);
      try (ResultSet row = select.executeQuery()) {
        return row.next() ? Optional.of(sync(merchantId, row.getString(1))) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new GatewayUnavailable("sandbox gateway storage failed", e);
    }
  }

  @Override
  public RefundAnswer requestRefund(RefundRequest request) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT 1 FROM sandbox_payments WHERE merchant_id = ? AND gateway_txn_id = ?"
                    + " AND status = 'CHARGED'")) {
      select.setString(1, request.merchantId());
      select.setString(2, request.gatewayTxnId());
      try (ResultSet row = select.executeQuery()) {
        return refunds.receive(request, row.next());
      }
    } catch (SQLException e) {
      throw new GatewayUnavailable("the sandbox could not refund " + request.gatewayTxnId(), e);
    }
  }

  @Override
  public RefundAnswer refundStatus(String merchantId, String refundId) {
    return refunds.status(merchantId, refundId);
  }

  /** Reads the payment under a row lock, settles it if due, applies {@code step}, saves. */
  private GatewayOutcome transition(String merchantId, String gatewayTxnId, Step step) {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try (PreparedStatement select =
          connection.prepareStatement(
              "SELECT behaviour, status, settles_at FROM sandbox_payments"
                  + " WHERE merchant_id = ? AND gateway_txn_id = ? FOR UPDATE")) {
        select.setString(1, merchantId);
        select.setString(2, gatewayTxnId);
        try (ResultSet row = select.executeQuery()) {
          if (!row.next()) {
            connection.rollback();
            return declined(gatewayTxnId, "Unknown payment");
          }
          Behaviour behaviour = Behaviour.valueOf(row.getString("behaviour"));
          TransactionStatus status = TransactionStatus.valueOf(row.getString("status"));
          Timestamp settlesAt = row.getTimestamp("settles_at");
          if (status == TransactionStatus.AUTHORIZING
              && settlesAt != null
              && !settlesAt.toInstant().isAfter(clock.instant())) {
            status = TransactionStatus.CHARGED;
          }
          GatewayOutcome outcome =
              step.apply(behaviour, status).orElse(current(gatewayTxnId, status, behaviour));
          try (PreparedStatement update =
              connection.prepareStatement(
                  "UPDATE sandbox_payments SET status = ?, settles_at = ?"
                      + " WHERE merchant_id = ? AND gateway_txn_id = ?")) {
            update.setString(1, outcome.status().name());
            update.setObject(
                2,
                outcome.status() == TransactionStatus.AUTHORIZING
                    ? (settlesAt != null
                        ? settlesAt.toInstant().atOffset(ZoneOffset.UTC)
                        : settleTime().atOffset(ZoneOffset.UTC))
                    : null);
            update.setString(3, merchantId);
            update.setString(4, gatewayTxnId);
            update.executeUpdate();
          }
          connection.commit();
          return outcome;
        }
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new GatewayUnavailable("sandbox gateway storage failed", e);
    }
  }

  private GatewayOutcome authorised(String gatewayTxnId, Behaviour behaviour) {
    return switch (behaviour) {
      case SUCCESS -> charged(gatewayTxnId);
      case PENDING_THEN_SUCCESS ->
          outcome(TransactionStatus.AUTHORIZING, gatewayTxnId, "PENDING", "Awaiting the bank");
      case AUTHORIZATION_FAILURE ->
          failed(
              TransactionStatus.AUTHORIZATION_FAILED, gatewayTxnId, "05", "Declined by the bank");
      case AUTHENTICATION_FAILURE ->
          failed(
              TransactionStatus.AUTHENTICATION_FAILED,
              gatewayTxnId,
              "AUTHENTICATION_FAILED",
              "The customer declined the payment");
      case MANDATE_FAILURE ->
          // Juspay's pg_response code for a registration the payer's bank refused.
          failed(
              TransactionStatus.AUTHORIZATION_FAILED,
              gatewayTxnId,
              "FAILURE_MANDATE",
              "The payer's bank declined the mandate registration");
      case TPV_MISMATCH ->
          failed(
              TransactionStatus.AUTHORIZATION_FAILED,
              gatewayTxnId,
              TPV_FAILED,
              "The payer's bank account is not one of the order's bank_account_details (TPV)");
      case NOT_ENROLLED ->
          failed(
              TransactionStatus.AUTHENTICATION_FAILED,
              gatewayTxnId,
              NOT_ENROLLED,
              "The card is not enrolled in 3-D Secure, which this order requires");
      case UNKNOWN -> declined(gatewayTxnId, "Not a sandbox test instrument");
    };
  }

  /** The outcome a payment already in {@code status} reports again. */
  private GatewayOutcome current(
      String gatewayTxnId, TransactionStatus status, Behaviour behaviour) {
    return switch (status) {
      case CHARGED -> charged(gatewayTxnId);
      case PENDING_VBV -> challenge(gatewayTxnId, Optional.empty());
      case AUTHORIZING -> authorised(gatewayTxnId, Behaviour.PENDING_THEN_SUCCESS);
      case AUTHENTICATION_FAILED ->
          failed(status, gatewayTxnId, "AUTHENTICATION_FAILED", "Authentication failed");
      default -> authorised(gatewayTxnId, behaviour);
    };
  }

  private Instant settleTime() {
    return clock.instant().plus(pendingSettlesAfter);
  }

  private static GatewayOutcome charged(String gatewayTxnId) {
    String rrn =
        String.valueOf(ThreadLocalRandom.current().nextLong(100_000_000_000L, 999_999_999_999L));
    return new GatewayOutcome(
        TransactionStatus.CHARGED,
        gatewayTxnId,
        "captured",
        "Payment captured",
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.of(rrn));
  }

  private static GatewayOutcome challenge(String gatewayTxnId, Optional<String> cardToken) {
    return new GatewayOutcome(
        TransactionStatus.PENDING_VBV,
        gatewayTxnId,
        "PENDING_VBV",
        "Awaiting authentication",
        Optional.empty(),
        Optional.empty(),
        cardToken,
        Optional.empty());
  }

  private static GatewayOutcome declined(String gatewayTxnId, String message) {
    return failed(TransactionStatus.JUSPAY_DECLINED, gatewayTxnId, "INVALID_INSTRUMENT", message);
  }

  private static GatewayOutcome failed(
      TransactionStatus status, String gatewayTxnId, String code, String message) {
    return new GatewayOutcome(
        status,
        gatewayTxnId,
        code,
        message,
        Optional.of(code),
        Optional.of(message),
        Optional.empty(),
        Optional.empty());
  }

  private static GatewayOutcome outcome(
      TransactionStatus status, String gatewayTxnId, String code, String message) {
    return status == TransactionStatus.AUTHENTICATION_FAILED
        ? failed(status, gatewayTxnId, code, message)
        : new GatewayOutcome(
            status,
            gatewayTxnId,
            code,
            message,
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty());
  }

  private void record(
      Connection connection,
      GatewayPayment payment,
      String gatewayTxnId,
      Behaviour behaviour,
      TransactionStatus status)
      throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO sandbox_payments (merchant_id, gateway_txn_id, txn_id, behaviour, status,"
                + " settles_at) VALUES (?, ?, ?, ?, ?, ?)")) {
      insert.setString(1, payment.merchantId());
      insert.setString(2, gatewayTxnId);
      insert.setString(3, payment.txnId());
      insert.setString(4, behaviour.name());
      insert.setString(5, status.name());
      insert.setObject(
          6,
          status == TransactionStatus.AUTHORIZING ? settleTime().atOffset(ZoneOffset.UTC) : null);
      insert.executeUpdate();
    }
  }

  private static void saveToVault(
      Connection connection, String merchantId, String token, Behaviour behaviour)
      throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO sandbox_card_vault (merchant_id, card_token, behaviour) VALUES (?, ?, ?)")) {
      insert.setString(1, merchantId);
      insert.setString(2, token);
      insert.setString(3, behaviour.name());
      insert.executeUpdate();
    }
  }

  private static Optional<Behaviour> vault(Connection connection, String merchantId, String token)
      throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT behaviour FROM sandbox_card_vault WHERE merchant_id = ? AND card_token = ?")) {
      select.setString(1, merchantId);
      select.setString(2, token);
      try (ResultSet row = select.executeQuery()) {
        return row.next() ? SandboxInstruments.parse(row.getString(1)) : Optional.empty();
      }
    }
  }

  @FunctionalInterface
  private interface Step {
    /** The new outcome, or empty to report the current state unchanged. */
    Optional<GatewayOutcome> apply(Behaviour behaviour, TransactionStatus status);
  }
}
