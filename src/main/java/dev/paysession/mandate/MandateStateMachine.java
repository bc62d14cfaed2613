package dev.paysession.mandate;

import static dev.paysession.mandate.MandateStatus.ACTIVE;
import static dev.paysession.mandate.MandateStatus.CREATED;
import static dev.paysession.mandate.MandateStatus.EXPIRED;
import static dev.paysession.mandate.MandateStatus.FAILURE;
import static dev.paysession.mandate.MandateStatus.PAUSED;
import static dev.paysession.mandate.MandateStatus.REVOKED;

import dev.paysession.api.RandomTokens;
import dev.paysession.order.OrderReader;
import dev.paysession.order.OrderRecord;
import dev.paysession.webhook.WebhookOutbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The one place that says which statuses a mandate may take, and the only writer of them (the
 * store's {@code @WritesStatus} methods). A mandate is CREATED when its registration attempt
 * starts, becomes ACTIVE when that attempt is charged or FAILURE when it fails; an ACTIVE mandate
 * may be PAUSED and resumed (ACTIVE again), and ends REVOKED (by the merchant or the customer) or
 * EXPIRED (its end date passed). Every change writes its {@code MANDATE_*} webhook in the same
 * transaction.
 */
@ApplicationScoped
public class MandateStateMachine {

  /** Which statuses may follow which; staying is not a transition. */
  public static final Map<MandateStatus, Set<MandateStatus>> TRANSITIONS = transitions();

  private final MandateStore mandates;
  private final OrderReader orders;
  private final WebhookOutbox webhooks;

  MandateStateMachine(MandateStore mandates, OrderReader orders, WebhookOutbox webhooks) {
    this.mandates = mandates;
    this.orders = orders;
    this.webhooks = webhooks;
  }

  public static boolean allowed(MandateStatus from, MandateStatus to) {
    return TRANSITIONS.get(from).contains(to);
  }

  /** Stores a new mandate, CREATED, and its MANDATE_CREATED event, in the caller's transaction. */
  @Transactional(Transactional.TxType.MANDATORY)
  public void create(MandateRecord mandate, Instant now) throws SQLException {
    if (mandate.status() != CREATED) {
      throw new IllegalArgumentException("a mandate starts CREATED: " + mandate.mandateId());
    }
    mandates.insert(mandate);
    announce(mandate, MandateEvent.MANDATE_CREATED, now);
  }

  /**
   * The registration was charged, or a pause ended: the mandate is ACTIVE (it gets its debit token
   * the first time). Empty, and nothing written, when the mandate cannot become ACTIVE from where
   * it stands.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public Optional<MandateRecord> activate(String merchantId, String mandateId, Instant now)
      throws SQLException {
    return move(
        merchantId,
        mandateId,
        ACTIVE,
        m ->
            m.withState(
                ACTIVE,
                m.debitToken().or(() -> Optional.of("tkn_" + RandomTokens.hex32())),
                m.pauseStartDate(),
                m.pauseEndDate(),
                m.activatedAt().or(() -> Optional.of(now)),
                Optional.of(now),
                now),
        now);
  }

  /** The registration failed: the mandate is FAILURE for good. */
  @Transactional(Transactional.TxType.MANDATORY)
  public Optional<MandateRecord> fail(String merchantId, String mandateId, Instant now)
      throws SQLException {
    return move(merchantId, mandateId, FAILURE, m -> keep(m, FAILURE, now), now);
  }

  /** Paused from {@code start} until {@code end}, when it becomes ACTIVE again by itself. */
  @Transactional(Transactional.TxType.MANDATORY)
  public Optional<MandateRecord> pause(
      String merchantId, String mandateId, Instant start, Instant end, Instant now)
      throws SQLException {
    return move(
        merchantId,
        mandateId,
        PAUSED,
        m ->
            m.withState(
                PAUSED,
                m.debitToken(),
                Optional.of(start),
                Optional.of(end),
                m.activatedAt(),
                m.lastActivatedAt(),
                now),
        now);
  }

  /**
   * A pause that starts later: the mandate stays ACTIVE with its pause dates set, and nothing is
   * announced until the pause starts ({@link #pause}, by the scheduled-pause work). Empty, and
   * nothing written, unless the mandate is ACTIVE.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public Optional<MandateRecord> schedulePause(
      String merchantId, String mandateId, Instant start, Instant end, Instant now)
      throws SQLException {
    MandateRecord current = locked(merchantId, mandateId);
    if (current.status() != ACTIVE) {
      return Optional.empty();
    }
    MandateRecord scheduled =
        current.withState(
            ACTIVE,
            current.debitToken(),
            Optional.of(start),
            Optional.of(end),
            current.activatedAt(),
            current.lastActivatedAt(),
            now);
    mandates.writeState(scheduled);
    return Optional.of(scheduled);
  }

  /**
   * A PAUSED mandate resumed by the merchant: ACTIVE again now (MANDATE_ACTIVATED, as Juspay has no
   * MANDATE_RESUMED), keeping its pause dates as Juspay shows them; or, for a resume date still to
   * come, PAUSED until then (its pause now ends at {@code at}). Empty, and nothing written, unless
   * the mandate is PAUSED.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public Optional<MandateRecord> resume(
      String merchantId, String mandateId, Instant at, Instant now) throws SQLException {
    MandateRecord current = locked(merchantId, mandateId);
    if (current.status() != PAUSED) {
      return Optional.empty();
    }
    if (!at.isAfter(now)) {
      return activate(merchantId, mandateId, now);
    }
    MandateRecord later =
        current.withState(
            PAUSED,
            current.debitToken(),
            current.pauseStartDate(),
            Optional.of(at),
            current.activatedAt(),
            current.lastActivatedAt(),
            now);
    mandates.writeState(later);
    return Optional.of(later);
  }

  /** Revoked by the merchant or the customer: final. */
  @Transactional(Transactional.TxType.MANDATORY)
  public Optional<MandateRecord> revoke(String merchantId, String mandateId, Instant now)
      throws SQLException {
    return move(merchantId, mandateId, REVOKED, m -> keep(m, REVOKED, now), now);
  }

  /** Its end date has passed: final. */
  @Transactional(Transactional.TxType.MANDATORY)
  public Optional<MandateRecord> expire(String merchantId, String mandateId, Instant now)
      throws SQLException {
    return move(merchantId, mandateId, EXPIRED, m -> keep(m, EXPIRED, now), now);
  }

  private Optional<MandateRecord> move(
      String merchantId,
      String mandateId,
      MandateStatus to,
      UnaryOperator<MandateRecord> change,
      Instant now)
      throws SQLException {
    MandateRecord current = locked(merchantId, mandateId);
    if (!allowed(current.status(), to)) {
      return Optional.empty();
    }
    MandateRecord moved = change.apply(current);
    mandates.writeState(moved);
    announce(moved, MandateEvent.of(to), now);
    return Optional.of(moved);
  }

  private MandateRecord locked(String merchantId, String mandateId) throws SQLException {
    return mandates
        .lock(merchantId, mandateId)
        .orElseThrow(() -> new IllegalStateException("mandate " + mandateId + " vanished"));
  }

  private void announce(MandateRecord mandate, MandateEvent event, Instant now)
      throws SQLException {
    OrderRecord order =
        orders
            .byOrderId(mandate.merchantId(), mandate.orderId())
            .orElseThrow(
                () -> new IllegalStateException("registration order " + mandate.orderId()));
    webhooks.add(order, mandate, List.of(event), now);
  }

  private static MandateRecord keep(MandateRecord m, MandateStatus status, Instant now) {
    return m.withState(
        status,
        m.debitToken(),
        m.pauseStartDate(),
        m.pauseEndDate(),
        m.activatedAt(),
        m.lastActivatedAt(),
        now);
  }

  private static Map<MandateStatus, Set<MandateStatus>> transitions() {
    Map<MandateStatus, Set<MandateStatus>> t = new EnumMap<>(MandateStatus.class);
    t.put(CREATED, EnumSet.of(ACTIVE, FAILURE, EXPIRED));
    t.put(ACTIVE, EnumSet.of(PAUSED, REVOKED, EXPIRED));
    t.put(PAUSED, EnumSet.of(ACTIVE, REVOKED, EXPIRED));
    for (MandateStatus end : EnumSet.of(REVOKED, FAILURE, EXPIRED)) {
      t.put(end, EnumSet.noneOf(MandateStatus.class));
    }
    t.replaceAll((from, to) -> Collections.unmodifiableSet(to));
    return Collections.unmodifiableMap(t);
  }
}
