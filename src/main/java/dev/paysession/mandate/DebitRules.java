package dev.paysession.mandate;

import dev.paysession.api.ApiException;
import dev.paysession.order.OrderDetails.AmountRule;
import dev.paysession.order.OrderDetails.Frequency;
import dev.paysession.order.OrderDetails.RuleType;
import dev.paysession.rules.Amount;
import dev.paysession.rules.InvalidValue;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Optional;

/**
 * The rules a debit of a mandate must pass ({@code POST /txns} with {@code mandate_id}), plain Java
 * so they can be checked twice: before the debit order is opened, and again under the mandate's row
 * lock against the debits committed by then. Each refusal names its rule.
 *
 * <p>Calendar rules are read in India time (Asia/Kolkata), where NPCI and the banks count days:
 *
 * <ul>
 *   <li>Periods: DAILY a day; WEEKLY a Monday-to-Sunday week; FORTNIGHTLY the 1st-15th and the
 *       16th-end of a month; MONTHLY a calendar month; BIMONTHLY, QUARTERLY, HALFYEARLY and YEARLY
 *       2, 3, 6 and 12 months counted from the month of the mandate's start; ONETIME the mandate's
 *       whole life. At most one live debit (scheduled, presented or charged) per period; a failed
 *       debit frees its period. ASPRESENTED has no period.
 *   <li>Rule value: WEEKLY the day of the week (1 Monday ... 7 Sunday); FORTNIGHTLY the day within
 *       the half-month (1-16); the monthly ones the day of the month (past the month's end: its
 *       last day). Rule type ON the debit falls on that day, BEFORE on or before it, AFTER on or
 *       after it, within the period; without a rule type, ON.
 * </ul>
 */
final class DebitRules {

  static final ZoneId INDIA = ZoneId.of("Asia/Kolkata");

  /** RBI: the customer hears of a UPI or card debit at least 24 hours before it. */
  static final Duration NOTICE = Duration.ofHours(24);

  /** An execution date this far in the past is taken as "now" (clocks differ). */
  static final Duration PAST_TOLERANCE = Duration.ofMinutes(5);

  /** RBI: debits above this need the customer's additional authentication (cards, UPI). */
  static final BigDecimal AFA_FREE_LIMIT = new BigDecimal("15000");

  /** RBI (Dec 2023): the higher limit for the categories of {@link Category}. */
  static final BigDecimal AFA_FREE_LIMIT_HIGH = new BigDecimal("100000");

  /**
   * What a debit pays for, where RBI allows more without additional authentication: mutual-fund
   * subscriptions, insurance premiums, credit-card bills.
   */
  enum Category {
    MUTUAL_FUND,
    INSURANCE,
    CREDIT_CARD_BILL
  }

  /** A debit as asked for. */
  record Debit(Amount amount, Instant executionDate, Optional<Category> category) {}

  private DebitRules() {}

  /** eNACH (a bank account): no pre-debit notification and no RBI limit on its debits. */
  static boolean isEnach(MandateRecord m) {
    return "NB".equals(m.paymentMethodType())
        || m.bankDetails().isPresent()
        || m.authType().isPresent();
  }

  /** UPI and card mandates notify before each debit, except DAILY ones (NPCI). */
  static boolean needsNotice(MandateRecord m) {
    return !isEnach(m) && m.frequency() != Frequency.DAILY;
  }

  /**
   * Refuses the debit with a 400 naming the first rule it breaks.
   *
   * @param noticeAt when the customer was notified of this debit (now, when {@code POST /txns}
   *     sends the notice itself)
   * @param liveDebits execution dates of the mandate's debits that are not failed
   */
  static void check(
      MandateRecord m, Debit d, Instant noticeAt, List<Instant> liveDebits, Instant now) {
    if (m.status() != MandateStatus.ACTIVE) {
      throw ApiException.invalidAction(
          "Mandate "
              + m.mandateId()
              + " is "
              + m.status()
              + ": only an ACTIVE mandate can be debited");
    }
    checkAmount(m, d.amount());
    checkDates(m, d.executionDate(), now);
    checkPeriod(m, d.executionDate(), liveDebits);
    checkRuleDay(m, d.executionDate());
    if (needsNotice(m) && d.executionDate().isBefore(noticeAt.plus(NOTICE))) {
      throw ApiException.invalidRequest(
          "Pre-debit notice: mandate.execution_date must be at least 24 hours after the"
              + " customer's pre-debit notification (UPI and card mandates, RBI); earliest "
              + noticeAt.plus(NOTICE).getEpochSecond());
    }
    checkAdditionalAuthentication(m, d);
  }

  static void checkAmount(MandateRecord m, Amount amount) {
    int against = amount.compareTo(m.maxAmount());
    if (m.amountRule() == AmountRule.FIXED && against != 0) {
      throw ApiException.invalidRequest(
          "amount_rule FIXED: order.amount must equal the mandate's max_amount "
              + m.maxAmount().text());
    }
    if (against > 0) {
      throw ApiException.invalidRequest(
          "amount_rule VARIABLE: order.amount "
              + amount.text()
              + " exceeds the mandate's max_amount "
              + m.maxAmount().text());
    }
  }

  private static void checkDates(MandateRecord m, Instant execution, Instant now) {
    if (execution.isBefore(now.minus(PAST_TOLERANCE))) {
      throw ApiException.invalidRequest("mandate.execution_date is in the past");
    }
    if (execution.isBefore(m.startDate()) || !execution.isBefore(m.endDate())) {
      throw ApiException.invalidRequest(
          "Mandate dates: mandate.execution_date must be within the mandate's start_date "
              + m.startDate().getEpochSecond()
              + " and end_date "
              + m.endDate().getEpochSecond());
    }
  }

  private static void checkPeriod(MandateRecord m, Instant execution, List<Instant> liveDebits) {
    if (m.frequency() == Frequency.ASPRESENTED) {
      return;
    }
    long period = period(m, execution);
    if (liveDebits.stream().anyMatch(other -> period(m, other) == period)) {
      throw ApiException.invalidRequest(
          "frequency "
              + m.frequency()
              + ": the mandate already has a debit in the period of "
              + day(execution)
              + (m.frequency() == Frequency.ONETIME ? " (a ONETIME mandate is debited once)" : ""));
    }
  }

  /** The number of the period {@code instant} falls in; equal numbers, same period. */
  static long period(MandateRecord m, Instant instant) {
    LocalDate day = day(instant);
    LocalDate start = day(m.startDate());
    return switch (m.frequency()) {
      case ONETIME, ASPRESENTED -> 0;
      case DAILY -> day.toEpochDay();
      case WEEKLY -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).toEpochDay();
      case FORTNIGHTLY -> monthIndex(day) * 2 + (day.getDayOfMonth() > 15 ? 1 : 0);
      case MONTHLY -> monthIndex(day);
      case BIMONTHLY -> Math.floorDiv(monthIndex(day) - monthIndex(start), 2);
      case QUARTERLY -> Math.floorDiv(monthIndex(day) - monthIndex(start), 3);
      case HALFYEARLY -> Math.floorDiv(monthIndex(day) - monthIndex(start), 6);
      case YEARLY -> Math.floorDiv(monthIndex(day) - monthIndex(start), 12);
    };
  }

  private static void checkRuleDay(MandateRecord m, Instant execution) {
    if (m.ruleValue().isEmpty() || !m.frequency().needsRuleValue()) {
      return;
    }
    int ruleValue = m.ruleValue().get();
    RuleType type = m.ruleType().map(RuleType::valueOf).orElse(RuleType.ON);
    LocalDate day = day(execution);
    int actual;
    int target;
    String unit;
    if (m.frequency() == Frequency.WEEKLY) {
      actual = day.getDayOfWeek().getValue();
      target = ruleValue;
      unit = "day of the week (1 Monday, 7 Sunday)";
    } else if (m.frequency() == Frequency.FORTNIGHTLY) {
      boolean secondHalf = day.getDayOfMonth() > 15;
      actual = secondHalf ? day.getDayOfMonth() - 15 : day.getDayOfMonth();
      target = Math.min(ruleValue, secondHalf ? day.lengthOfMonth() - 15 : 15);
      unit = "day of the half-month";
    } else {
      actual = day.getDayOfMonth();
      target = Math.min(ruleValue, day.lengthOfMonth());
      unit = "day of the month";
    }
    boolean fits =
        switch (type) {
          case ON -> actual == target;
          case BEFORE -> actual <= target;
          case AFTER -> actual >= target;
        };
    if (!fits) {
      throw ApiException.invalidRequest(
          "rule_type "
              + type
              + ", rule_value "
              + ruleValue
              + " ("
              + m.frequency()
              + "): mandate.execution_date must fall "
              + switch (type) {
                case ON -> "on";
                case BEFORE -> "on or before";
                case AFTER -> "on or after";
              }
              + " "
              + unit
              + " "
              + target
              + " (India time); "
              + day
              + " does not");
    }
  }

  private static void checkAdditionalAuthentication(MandateRecord m, Debit d) {
    if (isEnach(m)) {
      return;
    }
    BigDecimal limit = d.category().isPresent() ? AFA_FREE_LIMIT_HIGH : AFA_FREE_LIMIT;
    if (d.amount().value().compareTo(limit) > 0) {
      throw ApiException.invalidRequest(
          "Additional authentication: order.amount "
              + d.amount().text()
              + " is over "
              + limit.toPlainString()
              + ", the most a UPI or card mandate may debit without the customer's additional"
              + " authentication (RBI: 15000, or 100000 for mutual funds, insurance premiums and"
              + " credit-card bills, given as mandate.category)");
    }
  }

  private static long monthIndex(LocalDate day) {
    return day.getYear() * 12L + day.getMonthValue() - 1;
  }

  static LocalDate day(Instant instant) {
    return LocalDate.ofInstant(instant, INDIA);
  }

  /** Juspay's epoch seconds, as a string. */
  static Instant epochSeconds(String value) {
    if (!value.matches("[0-9]{1,11}")) {
      throw new InvalidValue("must be a UNIX epoch timestamp in seconds, like 1633087969");
    }
    return Instant.ofEpochSecond(Long.parseLong(value));
  }

  /** The debit's earliest execution date by default: once its notice has run its 24 hours. */
  static Instant earliestExecution(MandateRecord m, Instant now) {
    return needsNotice(m) ? now.plus(NOTICE) : now.truncatedTo(ChronoUnit.SECONDS);
  }
}
