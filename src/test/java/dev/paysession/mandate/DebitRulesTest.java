package dev.paysession.mandate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.paysession.api.ApiException;
import dev.paysession.order.OrderDetails.AmountRule;
import dev.paysession.order.OrderDetails.Frequency;
import dev.paysession.rules.Amount;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The calendar of {@link DebitRules}: periods and rule days, in India time, both ways. */
class DebitRulesTest {

  private static final LocalDate START = LocalDate.of(2027, 1, 15);

  private static MandateRecord mandate(
      Frequency frequency, Optional<String> ruleType, Optional<Integer> ruleValue, String type) {
    Instant start = noon(START);
    return new MandateRecord(
        "m",
        "md1",
        "tok",
        "reg",
        "m-reg-1",
        Optional.of("c"),
        MandateStatus.ACTIVE,
        MandateRecord.typeOf(type),
        type,
        "UPI_COLLECT",
        Optional.empty(),
        type.equals("NB") ? Optional.of("NETBANKING") : Optional.empty(),
        Optional.empty(),
        new Amount(new BigDecimal("200000")),
        "INR",
        AmountRule.VARIABLE,
        frequency,
        ruleType,
        ruleValue,
        start,
        noon(START.plusYears(5)),
        true,
        false,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        start,
        start);
  }

  private static Instant noon(LocalDate day) {
    return day.atTime(12, 0).atZone(DebitRules.INDIA).toInstant();
  }

  private static void check(MandateRecord m, LocalDate day, List<LocalDate> others) {
    Instant execution = noon(day);
    DebitRules.check(
        m,
        new DebitRules.Debit(new Amount(new BigDecimal("100")), execution, Optional.empty()),
        execution.minusSeconds(2 * 86_400),
        others.stream().map(DebitRulesTest::noon).toList(),
        noon(START));
  }

  @ParameterizedTest
  @CsvSource({
    // frequency, an earlier debit, a second debit, same period?
    "DAILY, 2027-02-01, 2027-02-01, true",
    "DAILY, 2027-02-01, 2027-02-02, false",
    "WEEKLY, 2027-02-01, 2027-02-07, true", // Monday and Sunday of one week
    "WEEKLY, 2027-02-07, 2027-02-08, false",
    "FORTNIGHTLY, 2027-02-01, 2027-02-15, true",
    "FORTNIGHTLY, 2027-02-15, 2027-02-16, false",
    "MONTHLY, 2027-02-01, 2027-02-28, true",
    "MONTHLY, 2027-02-28, 2027-03-01, false",
    "BIMONTHLY, 2027-01-20, 2027-02-27, true", // counted from January, the start's month
    "BIMONTHLY, 2027-02-27, 2027-03-01, false",
    "QUARTERLY, 2027-04-01, 2027-06-30, true",
    "QUARTERLY, 2027-03-31, 2027-04-01, false",
    "HALFYEARLY, 2027-07-01, 2027-12-31, true",
    "YEARLY, 2027-01-20, 2027-12-31, true", // a year from January 2027, the start's month
    "YEARLY, 2027-12-31, 2028-01-01, false",
    "YEARLY, 2027-06-01, 2029-01-01, false",
    "ONETIME, 2027-01-20, 2027-03-01, true",
    "ASPRESENTED, 2027-02-01, 2027-02-01, false"
  })
  void oneLiveDebitPerPeriod(
      Frequency frequency, LocalDate first, LocalDate second, boolean samePeriod) {
    MandateRecord m = mandate(frequency, Optional.empty(), Optional.empty(), "UPI");
    if (samePeriod) {
      assertThatThrownBy(() -> check(m, second, List.of(first)))
          .isInstanceOf(ApiException.class)
          .hasMessageContaining("frequency " + frequency);
    } else {
      assertThatCode(() -> check(m, second, List.of(first))).doesNotThrowAnyException();
    }
  }

  @ParameterizedTest
  @CsvSource({
    // rule type, rule value, day, fits?
    "ON, 31, 2027-02-28, true", // past the month's end: its last day
    "ON, 31, 2027-02-27, false",
    "ON, 10, 2027-03-10, true",
    "BEFORE, 10, 2027-03-10, true",
    "BEFORE, 10, 2027-03-11, false",
    "AFTER, 10, 2027-03-09, false",
    "AFTER, 10, 2027-03-31, true"
  })
  void monthlyRuleDays(String type, int value, LocalDate day, boolean fits) {
    MandateRecord m = mandate(Frequency.MONTHLY, Optional.of(type), Optional.of(value), "UPI");
    if (fits) {
      assertThatCode(() -> check(m, day, List.of())).doesNotThrowAnyException();
    } else {
      assertThatThrownBy(() -> check(m, day, List.of()))
          .isInstanceOf(ApiException.class)
          .hasMessageContaining("rule_type " + type + ", rule_value " + value);
    }
  }

  @Test
  void withoutARuleTypeTheRuleValueIsTheDay() {
    MandateRecord m = mandate(Frequency.WEEKLY, Optional.empty(), Optional.of(5), "UPI");
    assertThatCode(() -> check(m, LocalDate.of(2027, 2, 5), List.of())) // a Friday
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> check(m, LocalDate.of(2027, 2, 4), List.of()))
        .hasMessageContaining("rule_type ON, rule_value 5");
  }

  @Test
  void indiaTimeDecidesTheDay() {
    MandateRecord m = mandate(Frequency.MONTHLY, Optional.of("ON"), Optional.of(1), "UPI");
    // 20:00 UTC on the last day of February is already 1 March in India.
    Instant lateUtc = LocalDate.of(2027, 2, 28).atTime(20, 0).toInstant(java.time.ZoneOffset.UTC);
    assertThat(DebitRules.day(lateUtc)).isEqualTo(LocalDate.of(2027, 3, 1));
    assertThatCode(
            () ->
                DebitRules.check(
                    m,
                    new DebitRules.Debit(new Amount(BigDecimal.TEN), lateUtc, Optional.empty()),
                    lateUtc.minusSeconds(2 * 86_400),
                    List.of(),
                    noon(START)))
        .doesNotThrowAnyException();
  }

  @Test
  void eNachNeedsNoNoticeAndHasNoAuthenticationLimit() {
    MandateRecord enach = mandate(Frequency.ASPRESENTED, Optional.empty(), Optional.empty(), "NB");
    assertThat(DebitRules.needsNotice(enach)).isFalse();
    Instant now = noon(START.plusDays(1));
    assertThatCode(
            () ->
                DebitRules.check(
                    enach,
                    new DebitRules.Debit(
                        new Amount(new BigDecimal("150000")), now, Optional.empty()),
                    now,
                    List.of(),
                    now))
        .doesNotThrowAnyException();
    MandateRecord upi = mandate(Frequency.ASPRESENTED, Optional.empty(), Optional.empty(), "UPI");
    assertThat(DebitRules.needsNotice(upi)).isTrue();
    assertThat(
            DebitRules.needsNotice(
                mandate(Frequency.DAILY, Optional.empty(), Optional.empty(), "UPI")))
        .isFalse();
  }
}
