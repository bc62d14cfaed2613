package dev.paysession.mandate;

import dev.paysession.api.ApiException;
import dev.paysession.mandate.MandateCommandRules.Pause;
import dev.paysession.rules.InvalidValue;
import dev.paysession.rules.Texts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What the merchant's mandate commands and the customer's sandbox revoke do, each in one
 * transaction: the state machine takes the mandate's row lock and refuses a change the mandate's
 * status does not allow, which becomes Juspay's 400 {@code INVALID_ACTION}. Every rule reads the
 * merchant's own time ({@link MerchantTime}), so test clocks move it.
 */
@ApplicationScoped
class MandateCommands {

  static final String PAUSED = "Mandate is Paused.";
  static final String PAUSE_SCHEDULED = "Pause mandate is scheduled";
  static final String RESUMED = "Mandate is Resumed.";
  static final String RESUME_SCHEDULED = "Resume mandate is scheduled";

  /** Our mandate ids are 22 hex digits; anything unlike an id cannot be one (nor reach SQL). */
  private static final Pattern MANDATE_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  private final MandateStore mandates;
  private final MandateStateMachine states;
  private final MerchantTime time;

  MandateCommands(MandateStore mandates, MandateStateMachine states, MerchantTime time) {
    this.mandates = mandates;
    this.states = states;
    this.time = time;
  }

  /** The merchant's mandate, or Juspay's 404: another merchant's mandate is not found either. */
  MandateRecord existing(String merchantId, String mandateId) throws SQLException {
    if (!MANDATE_ID.matcher(mandateId).matches()) {
      throw notFound("?");
    }
    return mandates.byId(merchantId, mandateId).orElseThrow(() -> notFound(mandateId));
  }

  Instant now(String merchantId) {
    return time.now(merchantId);
  }

  /**
   * The customer's mandates, newest first, under any of its names (the one asked for first); none
   * for an id no customer can have.
   */
  List<MandateRecord> ofCustomer(String merchantId, List<String> customerNames)
      throws SQLException {
    try {
      Texts.printable(customerNames.get(0), 128);
    } catch (InvalidValue e) {
      return List.of();
    }
    return mandates.ofCustomer(merchantId, customerNames);
  }

  @Transactional(rollbackOn = Exception.class)
  MandateRecord revoke(String merchantId, String mandateId) throws SQLException {
    existing(merchantId, mandateId);
    return orRefused(
        states.revoke(merchantId, mandateId, time.now(merchantId)),
        merchantId,
        mandateId,
        "revoked",
        "ACTIVE or PAUSED");
  }

  /** The customer revoked it in their bank or UPI app: honoured only if the mandate allows it. */
  @Transactional(rollbackOn = Exception.class)
  MandateRecord revokeByCustomer(String merchantId, String mandateId) throws SQLException {
    MandateRecord mandate = existing(merchantId, mandateId);
    if (!mandate.revokableByCustomer()) {
      throw invalidAction(
          "Mandate "
              + mandateId
              + " was registered with revokable_by_customer false: the customer cannot revoke it;"
              + " the merchant can (command=revoke).");
    }
    return revoke(merchantId, mandateId);
  }

  /**
   * Paused now, or from a start still to come (then ACTIVE until it, and PAUSED by the
   * scheduled-pause work); ACTIVE again by itself at the pause's end.
   */
  @Transactional(rollbackOn = Exception.class)
  PauseResult pause(String merchantId, String mandateId, Pause asked) throws SQLException {
    MandateRecord mandate = existing(merchantId, mandateId);
    Instant now = time.now(merchantId);
    Instant start = asked.start().orElse(now);
    Instant end = asked.end().orElse(mandate.endDate());
    if (!start.isBefore(end)) {
      throw MandateCommandRules.badPause("pause_end_date", "must be after pause_start_date");
    }
    if (!end.isAfter(now)) {
      throw MandateCommandRules.badPause("pause_end_date", "must be in the future");
    }
    boolean later = start.isAfter(now);
    Optional<MandateRecord> paused =
        later
            ? states.schedulePause(merchantId, mandateId, start, end, now)
            : states.pause(merchantId, mandateId, start, end, now);
    return new PauseResult(
        orRefused(paused, merchantId, mandateId, "paused", "ACTIVE"),
        later ? PAUSE_SCHEDULED : PAUSED);
  }

  /** ACTIVE again now, or at a resume date still to come (PAUSED until then). */
  @Transactional(rollbackOn = Exception.class)
  PauseResult resume(String merchantId, String mandateId, Optional<Instant> at)
      throws SQLException {
    existing(merchantId, mandateId);
    Instant now = time.now(merchantId);
    MandateRecord resumed =
        orRefused(
            states.resume(merchantId, mandateId, at.orElse(now), now),
            merchantId,
            mandateId,
            "resumed",
            "PAUSED");
    return new PauseResult(
        resumed, resumed.status() == MandateStatus.PAUSED ? RESUME_SCHEDULED : RESUMED);
  }

  /** A mandate as a pause or resume left it, and Juspay's message for it. */
  record PauseResult(MandateRecord mandate, String message) {}

  /**
   * The mandate as changed, or the 400 for a command its status does not allow, naming that status.
   */
  private MandateRecord orRefused(
      Optional<MandateRecord> changed,
      String merchantId,
      String mandateId,
      String done,
      String needed)
      throws SQLException {
    if (changed.isPresent()) {
      return changed.get();
    }
    MandateStatus status = existing(merchantId, mandateId).status();
    throw invalidAction(
        "Mandate is " + status + "; only a mandate that is " + needed + " can be " + done + ".");
  }

  /** Juspay's error for an action the mandate does not allow (juspay-lifecycle §2.6). */
  static ApiException invalidAction(String message) {
    return new ApiException(
        400, "ERROR", "INVALID_ACTION", message, message, "INVALID_ACTION", List.of());
  }

  static ApiException notFound(String mandateId) {
    return ApiException.notFound("Mandate " + mandateId + " not found");
  }
}
