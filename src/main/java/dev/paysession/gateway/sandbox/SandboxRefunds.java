package dev.paysession.gateway.sandbox;

import dev.paysession.api.RandomTokens;
import dev.paysession.gateway.GatewayUnavailable;
import dev.paysession.gateway.PaymentGateway.RefundAnswer;
import dev.paysession.gateway.PaymentGateway.RefundRequest;
import dev.paysession.gateway.PaymentGateway.RefundState;
import dev.paysession.reconcile.ReconciliationJob;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sandbox's refunds ({@code sandbox_refunds}), settled asynchronously as a real gateway's are:
 * a refund is received PENDING and settles {@code paysession.sandbox.refund-settles-after} later
 * (an INSTANT one at once), when this job next runs, to the outcome its amount decides ({@link
 * #TEST_AMOUNTS}). Asking again for the same refund id reports the same refund.
 */
@ApplicationScoped
class SandboxRefunds implements ReconciliationJob<SandboxRefunds.ToSettle> {

  private static final BigDecimal FAILS = new BigDecimal("0.13");
  private static final BigDecimal NEEDS_REVIEW = new BigDecimal("0.14");
  private static final BigDecimal STAYS_PENDING = new BigDecimal("0.15");

  /** The documented refund test amounts, shown in the page's sandbox table. */
  static final Map<String, String> TEST_AMOUNTS = testAmounts();

  private final AgroalDataSource dataSource;
  private final Clock clock;
  private final Duration settlesAfter;

  SandboxRefunds(AgroalDataSource dataSource, Clock clock, SandboxConfig config) {
    this.dataSource = dataSource;
    this.clock = clock;
    this.settlesAfter = config.refundSettlesAfter();
  }

  private static Map<String, String> testAmounts() {
    Map<String, String> amounts = new LinkedHashMap<>();
    amounts.put("ending in .13 (e.g. 1.13)", "Refund fails (FAILURE)");
    amounts.put("ending in .14 (e.g. 1.14)", "Refund needs manual review (MANUAL_REVIEW)");
    amounts.put("ending in .15 (e.g. 1.15)", "Refund stays pending (MANUAL_REVIEW after 10 days)");
    amounts.put("any other amount", "Refund succeeds (SUCCESS)");
    return Collections.unmodifiableMap(amounts);
  }

  /** The outcome a refund of {@code amount} settles to (PENDING: it never settles). */
  static RefundState outcomeOf(BigDecimal amount) {
    BigDecimal fraction = amount.remainder(BigDecimal.ONE);
    if (fraction.compareTo(FAILS) == 0) {
      return RefundState.FAILURE;
    }
    if (fraction.compareTo(NEEDS_REVIEW) == 0) {
      return RefundState.MANUAL_REVIEW;
    }
    return fraction.compareTo(STAYS_PENDING) == 0 ? RefundState.PENDING : RefundState.SUCCESS;
  }

  /**
   * Receives a refund of a payment; refused at once (FAILURE) when the sandbox never charged it.
   */
  RefundAnswer receive(RefundRequest request, boolean charged) {
    if (!charged) {
      return new RefundAnswer(
          RefundState.FAILURE,
          null,
          null,
          "INVALID_PAYMENT",
          "No charged sandbox payment " + request.gatewayTxnId());
    }
    Instant now = clock.instant();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO sandbox_refunds (merchant_id, refund_id, gateway_txn_id, amount,"
                    + " outcome, status, reference, received_at, settles_at)"
                    + " VALUES (?, ?, ?, ?, ?, 'PENDING', ?, ?, ?) ON CONFLICT DO NOTHING")) {
      insert.setString(1, request.merchantId());
      insert.setString(2, request.refundId());
      insert.setString(3, request.gatewayTxnId());
      insert.setBigDecimal(4, request.amount().value());
      insert.setString(5, outcomeOf(request.amount().value()).name());
      insert.setString(6, "rfnd_" + RandomTokens.hex32());
      insert.setObject(7, now.atOffset(ZoneOffset.UTC));
      insert.setObject(
          8, (request.instant() ? now : now.plus(settlesAfter)).atOffset(ZoneOffset.UTC));
      insert.executeUpdate();
    } catch (SQLException e) {
      throw new GatewayUnavailable("the sandbox could not take refund " + request.refundId(), e);
    }
    return status(request.merchantId(), request.refundId());
  }

  /** The refund as the sandbox has it now. */
  RefundAnswer status(String merchantId, String refundId) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT status, reference FROM sandbox_refunds"
                    + " WHERE merchant_id = ? AND refund_id = ?")) {
      select.setString(1, merchantId);
      select.setString(2, refundId);
      try (ResultSet row = select.executeQuery()) {
        if (!row.next()) {
          return new RefundAnswer(
              RefundState.FAILURE, null, null, "NOT_FOUND", "No sandbox refund " + refundId);
        }
        return answer(RefundState.valueOf(row.getString(1)), row.getString(2));
      }
    } catch (SQLException e) {
      throw new GatewayUnavailable("the sandbox could not read refund " + refundId, e);
    }
  }

  private static RefundAnswer answer(RefundState state, String reference) {
    return switch (state) {
      case PENDING -> new RefundAnswer(state, reference, null, null, "");
      case SUCCESS ->
          new RefundAnswer(
              state, reference, "ARN" + reference.substring(5, 17), "00", "Refund Success");
      case FAILURE ->
          new RefundAnswer(state, reference, null, "105", "Refund FAILURE - sandbox test amount");
      case MANUAL_REVIEW ->
          new RefundAnswer(
              state, reference, null, "AMBIGUOUS", "Ambiguous answer - sandbox test amount");
    };
  }

  /** A received refund whose settle time has come. */
  record ToSettle(String merchantId, String refundId) {}

  @Override
  public String name() {
    return "sandbox-refunds";
  }

  @Override
  public List<Due<ToSettle>> due(Instant now, int limit) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT merchant_id, refund_id FROM sandbox_refunds WHERE status = 'PENDING'"
                    + " AND outcome <> 'PENDING' AND settles_at <= ? ORDER BY settles_at LIMIT ?")) {
      select.setObject(1, now.atOffset(ZoneOffset.UTC));
      select.setInt(2, limit);
      List<Due<ToSettle>> due = new ArrayList<>();
      try (ResultSet row = select.executeQuery()) {
        while (row.next()) {
          ToSettle refund = new ToSettle(row.getString(1), row.getString(2));
          due.add(new Due<>(refund, refund.refundId(), 0));
        }
      }
      return due;
    }
  }

  @Override
  public void reconcile(ToSettle refund, Instant now) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement update =
            connection.prepareStatement(
                "UPDATE sandbox_refunds SET status = outcome"
                    + " WHERE merchant_id = ? AND refund_id = ? AND status = 'PENDING'")) {
      update.setString(1, refund.merchantId());
      update.setString(2, refund.refundId());
      update.executeUpdate();
    }
  }

  @Override
  public boolean retryLater(ToSettle refund, Instant now, Instant nextCheckAt, int failures) {
    // Settled in one step; a failed step leaves it due at the next sweep.
    return false;
  }
}
