package dev.paysession.session;

import dev.paysession.api.RequestFields;
import dev.paysession.order.OrderDetails.AmountRule;
import dev.paysession.order.OrderDetails.CreateMandate;
import dev.paysession.order.OrderDetails.Frequency;
import dev.paysession.order.OrderDetails.Mandate;
import dev.paysession.order.OrderDetails.RuleType;
import dev.paysession.rules.Amount;
import dev.paysession.rules.InvalidValue;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * Mandate parameters ({@code options.create_mandate}, {@code mandate.*}) for UPI Autopay, card and
 * eNACH mandates. Dates are UNIX epoch seconds in UTC.
 */
final class MandateRules {

  static final String CREATE = "options.create_mandate";
  static final String MAX_AMOUNT = "mandate.max_amount";

  /** Juspay's error texts and some older samples use the underscore form. */
  static final String MAX_AMOUNT_ALIAS = "mandate_max_amount";

  /** UPI Autopay: a ONETIME mandate is valid for at most 90 days. */
  static final Duration ONETIME_VALIDITY = Duration.ofDays(90);

  static final int DEFAULT_YEARS = 30;
  private static final ZoneId INDIA = ZoneId.of("Asia/Kolkata");

  /** Beyond this an epoch value is almost certainly milliseconds (year 5138 in seconds). */
  private static final long MAX_EPOCH_SECONDS = 99_999_999_999L;

  private MandateRules() {}

  /**
   * @param implied the action itself registers a mandate (eNACH): without {@code
   *     options.create_mandate} it is {@code REQUIRED}, as Juspay's eNACH samples rely on
   */
  static Optional<Mandate> parse(RequestFields f, Amount amount, Instant now, boolean implied) {
    Optional<CreateMandate> create =
        f.optional(CREATE, v -> enumValue(CreateMandate.class, v, "REQUIRED or OPTIONAL"));
    if (implied && create.isEmpty() && !f.isSent(CREATE)) {
      create = Optional.of(CreateMandate.REQUIRED);
    }
    boolean anyMandateKey =
        f.flatKeys().stream().anyMatch(k -> k.startsWith("mandate.") || k.equals(MAX_AMOUNT_ALIAS));
    if (create.isEmpty()) {
      if (anyMandateKey && !f.isSent(CREATE)) {
        f.missing(CREATE);
      }
      return Optional.empty();
    }

    AmountRule amountRule =
        f.optional("mandate.amount_rule", v -> enumValue(AmountRule.class, v, "FIXED or VARIABLE"))
            .orElse(AmountRule.VARIABLE);
    Amount maxAmount = maxAmount(f, amount, amountRule);
    Frequency frequency =
        f.optional(
                "mandate.frequency",
                v ->
                    enumValue(
                        Frequency.class,
                        v,
                        "ONETIME, DAILY, WEEKLY, FORTNIGHTLY, MONTHLY, BIMONTHLY, QUARTERLY,"
                            + " HALFYEARLY, YEARLY or ASPRESENTED"))
            .orElse(Frequency.ASPRESENTED);
    boolean oneTime = frequency == Frequency.ONETIME;

    Instant start = f.optional("mandate.start_date", v -> startDate(v, now)).orElse(now);
    Instant defaultEnd =
        oneTime
            ? start.plus(ONETIME_VALIDITY)
            : ZonedDateTime.ofInstant(start, ZoneOffset.UTC).plusYears(DEFAULT_YEARS).toInstant();
    Instant end = f.optional("mandate.end_date", MandateRules::epochSeconds).orElse(defaultEnd);
    if (!end.isAfter(start)) {
      f.invalid("mandate.end_date", "must be after mandate.start_date");
    } else if (oneTime && end.isAfter(start.plus(ONETIME_VALIDITY))) {
      f.invalid(
          "mandate.end_date", "a ONETIME mandate is valid for at most 90 days after its start");
    }

    Optional<Integer> ruleValue = ruleValue(f, frequency);
    // Juspay's /orders samples send it (ON, AFTER); a frequency without a rule value ignores it.
    Optional<RuleType> ruleType =
        f.optional("mandate.rule_type", v -> enumValue(RuleType.class, v, "ON, BEFORE or AFTER"));
    boolean revokable = f.bool("mandate.revokable_by_customer").orElse(true);
    if (!oneTime && !revokable) {
      f.invalid("mandate.revokable_by_customer", "must be true for recurring mandates");
    }
    boolean blockFunds = f.bool("mandate.block_funds").orElse(oneTime);
    if (blockFunds != oneTime) {
      f.invalid(
          "mandate.block_funds",
          "Block fund should be false for recurring and true for OT mandate.");
    }
    return Optional.of(
        new Mandate(
            create.get(),
            maxAmount,
            start,
            end,
            frequency,
            ruleValue,
            amountRule,
            revokable,
            blockFunds,
            ruleType));
  }

  /**
   * Required for VARIABLE mandates. For FIXED ones the order amount is the maximum, so a different
   * max_amount would be contradictory.
   */
  private static Amount maxAmount(RequestFields f, Amount amount, AmountRule rule) {
    String key =
        f.isSent(MAX_AMOUNT) || !f.isSent(MAX_AMOUNT_ALIAS) ? MAX_AMOUNT : MAX_AMOUNT_ALIAS;
    Optional<Amount> given = f.optional(key, Amount::parseAtLeastOne);
    if (rule == AmountRule.FIXED) {
      if (given.isPresent() && amount != null && given.get().compareTo(amount) != 0) {
        f.invalid(key, "must equal amount for a FIXED mandate (or be left out)");
      }
      return amount;
    }
    if (given.isEmpty()) {
      if (!f.isSent(key)) {
        f.missing(MAX_AMOUNT);
      }
      return null;
    }
    if (amount != null && given.get().compareTo(amount) < 0) {
      f.invalid(key, "must be at least the order amount");
    }
    return given.get();
  }

  private static Optional<Integer> ruleValue(RequestFields f, Frequency frequency) {
    Optional<Integer> value =
        f.optional(
            "mandate.rule_value",
            v -> {
              if (!v.matches("[0-9]{1,2}")) {
                throw new InvalidValue("must be a whole number");
              }
              int day = Integer.parseInt(v);
              if (frequency.needsRuleValue() && (day < 1 || day > frequency.maxRuleValue())) {
                throw new InvalidValue(
                    "must be between 1 and " + frequency.maxRuleValue() + " for " + frequency);
              }
              return day;
            });
    if (frequency.needsRuleValue() && value.isEmpty() && !f.isSent("mandate.rule_value")) {
      f.missing("mandate.rule_value");
    }
    return value;
  }

  /**
   * "The start date has to be today's date." Today in UTC or in India: a merchant that computes
   * midnight in IST must not be refused in the hours where the two dates differ.
   */
  static Instant startDate(String value, Instant now) {
    Instant start = epochSeconds(value);
    boolean todayUtc =
        LocalDate.ofInstant(start, ZoneOffset.UTC).equals(LocalDate.ofInstant(now, ZoneOffset.UTC));
    boolean todayIndia = LocalDate.ofInstant(start, INDIA).equals(LocalDate.ofInstant(now, INDIA));
    if (!todayUtc && !todayIndia) {
      throw new InvalidValue("Start date passed is invalid: it must be today's date");
    }
    return start;
  }

  static Instant epochSeconds(String value) {
    if (!value.matches("[0-9]{1,12}")) {
      throw new InvalidValue("must be a UNIX epoch timestamp in seconds, like 1633087969");
    }
    long seconds = Long.parseLong(value);
    if (seconds > MAX_EPOCH_SECONDS) {
      throw new InvalidValue("must be in seconds, not milliseconds");
    }
    return Instant.ofEpochSecond(seconds);
  }

  private static <E extends Enum<E>> E enumValue(Class<E> type, String value, String allowed) {
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equals(value)) {
        return constant;
      }
    }
    throw new InvalidValue("must be " + allowed);
  }
}
