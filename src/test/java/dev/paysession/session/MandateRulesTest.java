package dev.paysession.session;

import static dev.paysession.session.SessionFixtures.NOW;
import static dev.paysession.session.SessionFixtures.accept;
import static dev.paysession.session.SessionFixtures.epoch;
import static dev.paysession.session.SessionFixtures.mandateBody;
import static dev.paysession.session.SessionFixtures.onlyInvalid;
import static dev.paysession.session.SessionFixtures.onlyMissing;
import static dev.paysession.session.SessionFixtures.reject;
import static dev.paysession.session.SessionFixtures.validBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.paysession.api.ApiException;
import dev.paysession.api.FieldError;
import dev.paysession.order.OrderDetails;
import dev.paysession.order.OrderDetails.AmountRule;
import dev.paysession.order.OrderDetails.CreateMandate;
import dev.paysession.order.OrderDetails.Frequency;
import dev.paysession.order.OrderDetails.Mandate;
import dev.paysession.rules.InvalidValue;
import dev.paysession.session.SessionFixtures.Body;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** options.create_mandate, mandate.* and the eNACH version's requirements. */
class MandateRulesTest {

  private static Mandate mandate(Body body) {
    return accept(body).mandate().orElseThrow();
  }

  @Nested
  class CreateMandateField {

    @ParameterizedTest
    @EnumSource(CreateMandate.class)
    void requiredOrOptional(CreateMandate value) {
      assertThat(mandate(mandateBody().set("options.create_mandate", value.name())).createMandate())
          .isEqualTo(value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"required", "YES", "MANDATORY", "true"})
    void otherValuesAreRejected(String value) {
      FieldError e =
          onlyInvalid(mandateBody().set("options.create_mandate", value), "options.create_mandate");
      assertThat(e.reason()).contains("REQUIRED").contains("OPTIONAL");
    }

    @Test
    void mandateKeysWithoutCreateMandateAreMissingIt() {
      onlyMissing(validBody().set("mandate.max_amount", "10"), "options.create_mandate");
      onlyMissing(validBody().set("mandate.frequency", "MONTHLY"), "options.create_mandate");
      onlyMissing(validBody().set("mandate_max_amount", "10"), "options.create_mandate");
      onlyMissing(
          validBody().setJson("mandate", "{\"max_amount\":\"10\"}"), "options.create_mandate");
    }

    @Test
    void noMandateWithoutCreateMandate() {
      assertThat(accept(validBody()).mandate()).isEmpty();
    }
  }

  @Nested
  class MaxAmount {

    @Test
    void requiredForVariable() {
      Mandate m = mandate(mandateBody().set("mandate.amount_rule", "VARIABLE"));
      assertThat(m.amountRule()).isEqualTo(AmountRule.VARIABLE);
      assertThat(m.maxAmount().value()).isEqualByComparingTo("1000");
    }

    @Test
    void variableIsTheDefault() {
      assertThat(mandate(mandateBody()).amountRule()).isEqualTo(AmountRule.VARIABLE);
    }

    @Test
    void variableWithoutMaxAmountIsMissingIt() {
      onlyMissing(validBody().set("options.create_mandate", "REQUIRED"), "mandate.max_amount");
      onlyMissing(
          validBody()
              .set("options.create_mandate", "OPTIONAL")
              .set("mandate.amount_rule", "VARIABLE"),
          "mandate.max_amount");
    }

    @Test
    void theUnderscoreAliasIsAccepted() {
      Mandate m =
          mandate(
              validBody()
                  .set("options.create_mandate", "REQUIRED")
                  .set("mandate_max_amount", "500"));
      assertThat(m.maxAmount().value()).isEqualByComparingTo("500");
    }

    @Test
    void belowTheOrderAmountOrBadlyFormattedIsRejected() {
      onlyInvalid(mandateBody().set("mandate.max_amount", "99.99"), "mandate.max_amount");
      onlyInvalid(mandateBody().set("mandate.max_amount", "1000.001"), "mandate.max_amount");
      onlyInvalid(mandateBody().set("mandate.max_amount", "0.5"), "mandate.max_amount");
    }

    @Test
    void fixedUsesTheOrderAmount() {
      Mandate m =
          mandate(
              validBody()
                  .set("options.create_mandate", "REQUIRED")
                  .set("mandate.amount_rule", "FIXED"));
      assertThat(m.amountRule()).isEqualTo(AmountRule.FIXED);
      assertThat(m.maxAmount().value()).isEqualByComparingTo("100");
    }

    @Test
    void fixedWithTheSameMaxAmountIsAccepted() {
      Mandate m =
          mandate(
              validBody()
                  .set("options.create_mandate", "REQUIRED")
                  .set("mandate.amount_rule", "FIXED")
                  .set("mandate.max_amount", "100.00"));
      assertThat(m.maxAmount().value()).isEqualByComparingTo("100");
    }

    @Test
    void fixedWithADifferentMaxAmountIsRejected() {
      onlyInvalid(mandateBody().set("mandate.amount_rule", "FIXED"), "mandate.max_amount");
    }

    @Test
    void unknownAmountRuleIsRejected() {
      onlyInvalid(mandateBody().set("mandate.amount_rule", "fixed"), "mandate.amount_rule");
      onlyInvalid(mandateBody().set("mandate.amount_rule", "CAPPED"), "mandate.amount_rule");
    }
  }

  @Nested
  class Dates {

    @Test
    void startDefaultsToNowAndEndToThirtyYearsLater() {
      Mandate m = mandate(mandateBody());
      assertThat(m.startDate()).isEqualTo(NOW);
      assertThat(m.endDate())
          .isEqualTo(ZonedDateTime.ofInstant(NOW, ZoneOffset.UTC).plusYears(30).toInstant());
    }

    @Test
    void startMayBeAnyTimeToday() {
      Instant midnight = NOW.truncatedTo(ChronoUnit.DAYS);
      Instant lateToday = midnight.plus(Duration.ofHours(23)).plusSeconds(3599);
      for (Instant start : new Instant[] {NOW, midnight, lateToday}) {
        Mandate m = mandate(mandateBody().set("mandate.start_date", epoch(start)));
        assertThat(m.startDate()).isEqualTo(start);
        assertThat(m.endDate())
            .isEqualTo(ZonedDateTime.ofInstant(start, ZoneOffset.UTC).plusYears(30).toInstant());
      }
    }

    @Test
    void startAsAJsonNumber() {
      Mandate m = mandate(mandateBody().set("mandate.start_date", NOW.getEpochSecond()));
      assertThat(m.startDate()).isEqualTo(NOW);
    }

    @Test
    void startYesterdayOrTomorrowIsRejected() {
      FieldError e =
          onlyInvalid(
              mandateBody().set("mandate.start_date", epoch(NOW.minus(Duration.ofDays(1)))),
              "mandate.start_date");
      assertThat(e.reason()).contains("today");
      onlyInvalid(
          mandateBody().set("mandate.start_date", epoch(NOW.plus(Duration.ofDays(1)))),
          "mandate.start_date");
    }

    @Test
    void epochInMillisecondsIsRejected() {
      FieldError e =
          onlyInvalid(
              mandateBody().set("mandate.start_date", Long.toString(NOW.toEpochMilli())),
              "mandate.start_date");
      assertThat(e.reason()).contains("seconds");
      onlyInvalid(
          mandateBody()
              .set("mandate.end_date", Long.toString(NOW.plus(Duration.ofDays(10)).toEpochMilli())),
          "mandate.end_date");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-06-15", "1749967200.5", "-1", "today", "1e9"})
    void notEpochSecondsIsRejected(String value) {
      onlyInvalid(mandateBody().set("mandate.start_date", value), "mandate.start_date");
      onlyInvalid(mandateBody().set("mandate.end_date", value), "mandate.end_date");
    }

    @Test
    void endAfterStart() {
      Instant end = NOW.plus(Duration.ofDays(365));
      assertThat(mandate(mandateBody().set("mandate.end_date", epoch(end))).endDate())
          .isEqualTo(end);
    }

    @Test
    void endNotAfterStartIsRejected() {
      FieldError e =
          onlyInvalid(
              mandateBody()
                  .set("mandate.start_date", epoch(NOW))
                  .set("mandate.end_date", epoch(NOW)),
              "mandate.end_date");
      assertThat(e.reason()).contains("after");
      onlyInvalid(
          mandateBody().set("mandate.end_date", epoch(NOW.minusSeconds(1))), "mandate.end_date");
    }

    @Test
    void oneTimeDefaultsToNinetyDays() {
      Mandate m = mandate(mandateBody().set("mandate.frequency", "ONETIME"));
      assertThat(m.endDate()).isEqualTo(NOW.plus(Duration.ofDays(90)));
    }

    @Test
    void oneTimeMayNotExceedNinetyDays() {
      accept(
          mandateBody()
              .set("mandate.frequency", "ONETIME")
              .set("mandate.end_date", epoch(NOW.plus(Duration.ofDays(90)))));
      FieldError e =
          onlyInvalid(
              mandateBody()
                  .set("mandate.frequency", "ONETIME")
                  .set("mandate.end_date", epoch(NOW.plus(Duration.ofDays(90)).plusSeconds(1))),
              "mandate.end_date");
      assertThat(e.reason()).contains("90");
    }
  }

  @Nested
  class FrequencyAndRuleValue {

    @Test
    void defaultsToAsPresented() {
      Mandate m = mandate(mandateBody());
      assertThat(m.frequency()).isEqualTo(Frequency.ASPRESENTED);
      assertThat(m.ruleValue()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Frequency.class)
    void everyDocumentedFrequency(Frequency frequency) {
      Body body = mandateBody().set("mandate.frequency", frequency.name());
      if (frequency == Frequency.ONETIME) {
        body.set("mandate.block_funds", true);
      }
      if (frequency.needsRuleValue()) {
        body.set("mandate.rule_value", "1");
      }
      assertThat(mandate(body).frequency()).isEqualTo(frequency);
    }

    @ParameterizedTest
    @ValueSource(strings = {"monthly", "BIWEEKLY", "ANNUALLY", "ONCE"})
    void otherFrequenciesAreRejected(String value) {
      onlyInvalid(mandateBody().set("mandate.frequency", value), "mandate.frequency");
    }

    @ParameterizedTest
    @CsvSource({
      "WEEKLY,1",
      "WEEKLY,7",
      "FORTNIGHTLY,1",
      "FORTNIGHTLY,16",
      "MONTHLY,1",
      "MONTHLY,31",
      "BIMONTHLY,31",
      "QUARTERLY,15",
      "HALFYEARLY,31",
      "YEARLY,31"
    })
    void ruleValueInsideItsRange(String frequency, String day) {
      Mandate m =
          mandate(mandateBody().set("mandate.frequency", frequency).set("mandate.rule_value", day));
      assertThat(m.ruleValue()).contains(Integer.parseInt(day));
    }

    @ParameterizedTest
    @CsvSource({
      "WEEKLY,0",
      "WEEKLY,8",
      "FORTNIGHTLY,0",
      "FORTNIGHTLY,17",
      "MONTHLY,0",
      "MONTHLY,32",
      "YEARLY,32",
      "MONTHLY,x",
      "MONTHLY,1.0",
      "MONTHLY,-1"
    })
    void ruleValueOutsideItsRangeIsRejected(String frequency, String day) {
      onlyInvalid(
          mandateBody().set("mandate.frequency", frequency).set("mandate.rule_value", day),
          "mandate.rule_value");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ON", "BEFORE", "AFTER"})
    void ruleTypeIsKept(String ruleType) {
      Mandate m =
          mandate(
              mandateBody()
                  .set("mandate.frequency", "MONTHLY")
                  .set("mandate.rule_value", "5")
                  .set("mandate.rule_type", ruleType));
      assertThat(m.ruleType()).contains(OrderDetails.RuleType.valueOf(ruleType));
    }

    @ParameterizedTest
    @ValueSource(strings = {"on", "EXACT", "1"})
    void ruleTypeOutsideOnBeforeAfterIsRejected(String ruleType) {
      onlyInvalid(
          mandateBody()
              .set("mandate.frequency", "MONTHLY")
              .set("mandate.rule_value", "5")
              .set("mandate.rule_type", ruleType),
          "mandate.rule_type");
    }

    @Test
    void ruleValueAsAJsonNumber() {
      Mandate m =
          mandate(mandateBody().set("mandate.frequency", "WEEKLY").set("mandate.rule_value", 3));
      assertThat(m.ruleValue()).contains(3);
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "WEEKLY",
          "FORTNIGHTLY",
          "MONTHLY",
          "BIMONTHLY",
          "QUARTERLY",
          "HALFYEARLY",
          "YEARLY"
        })
    void ruleValueIsRequiredForPeriodicFrequencies(String frequency) {
      onlyMissing(mandateBody().set("mandate.frequency", frequency), "mandate.rule_value");
    }

    @ParameterizedTest
    @ValueSource(strings = {"DAILY", "ASPRESENTED"})
    void ruleValueIsNotRequiredForOthers(String frequency) {
      assertThat(mandate(mandateBody().set("mandate.frequency", frequency)).ruleValue()).isEmpty();
    }
  }

  @Nested
  class RevokableAndBlockFunds {

    @Test
    void revokableDefaultsToTrue() {
      assertThat(mandate(mandateBody()).revokableByCustomer()).isTrue();
    }

    @Test
    void recurringMustBeRevokable() {
      assertThat(
              mandate(mandateBody().set("mandate.revokable_by_customer", true))
                  .revokableByCustomer())
          .isTrue();
      FieldError e =
          onlyInvalid(
              mandateBody()
                  .set("mandate.frequency", "MONTHLY")
                  .set("mandate.rule_value", "1")
                  .set("mandate.revokable_by_customer", false),
              "mandate.revokable_by_customer");
      assertThat(e.reason()).contains("true");
      onlyInvalid(
          mandateBody().set("mandate.revokable_by_customer", "false"),
          "mandate.revokable_by_customer");
    }

    @Test
    void oneTimeMayBeIrrevocable() {
      Mandate m =
          mandate(
              mandateBody()
                  .set("mandate.frequency", "ONETIME")
                  .set("mandate.revokable_by_customer", "false"));
      assertThat(m.revokableByCustomer()).isFalse();
    }

    @Test
    void revokableMustBeABoolean() {
      onlyInvalid(
          mandateBody().set("mandate.revokable_by_customer", "no"),
          "mandate.revokable_by_customer");
    }

    @Test
    void blockFundsDefaultsToTrueForOneTimeAndFalseForRecurring() {
      assertThat(mandate(mandateBody().set("mandate.frequency", "ONETIME")).blockFunds()).isTrue();
      assertThat(mandate(mandateBody()).blockFunds()).isFalse();
      assertThat(mandate(mandateBody().set("mandate.frequency", "DAILY")).blockFunds()).isFalse();
    }

    @Test
    void blockFundsTrueForOneTime() {
      assertThat(
              mandate(
                      mandateBody()
                          .set("mandate.frequency", "ONETIME")
                          .set("mandate.block_funds", "true"))
                  .blockFunds())
          .isTrue();
    }

    @Test
    void blockFundsFalseForOneTimeIsRejected() {
      FieldError e =
          onlyInvalid(
              mandateBody().set("mandate.frequency", "ONETIME").set("mandate.block_funds", false),
              "mandate.block_funds");
      assertThat(e.reason())
          .isEqualTo("Block fund should be false for recurring and true for OT mandate.");
    }

    @Test
    void blockFundsFalseForRecurring() {
      assertThat(mandate(mandateBody().set("mandate.block_funds", false)).blockFunds()).isFalse();
    }

    @Test
    void blockFundsTrueForRecurringIsRejected() {
      onlyInvalid(mandateBody().set("mandate.block_funds", true), "mandate.block_funds");
      onlyInvalid(
          mandateBody()
              .set("mandate.frequency", "WEEKLY")
              .set("mandate.rule_value", "2")
              .set("mandate.block_funds", "TRUE"),
          "mandate.block_funds");
    }
  }

  @Nested
  class Enach {

    private Body enach() {
      return validBody().set("action", "enach").set("service", "in.juspay.ec");
    }

    @Test
    void enachWithAMandate() {
      SessionRequest r =
          accept(
              enach().set("options.create_mandate", "REQUIRED").set("mandate.max_amount", "5000"));
      assertThat(r.isEnach()).isTrue();
      assertThat(r.mandate()).isPresent();
      assertThat(r.currency()).isEqualTo("INR");
    }

    /** Issue 11: the eNACH action implies the mandate; only its own details are missing. */
    @Test
    void enachWithoutAnyMandateKeyIsMissingOnlyTheMaximum() {
      onlyMissing(enach(), "mandate.max_amount");
    }

    /** Issue 11: Juspay's eNACH samples leave options.create_mandate out. */
    @Test
    void enachWithoutCreateMandateRegistersARequiredMandate() {
      SessionRequest r = accept(enach().set("mandate.max_amount", "5000"));
      assertThat(r.mandate()).isPresent();
      assertThat(r.mandate().get().createMandate()).isEqualTo(CreateMandate.REQUIRED);
      assertThat(
              accept(
                      enach()
                          .set("options.create_mandate", "OPTIONAL")
                          .set("mandate.max_amount", "5000"))
                  .mandate()
                  .get()
                  .createMandate())
          .isEqualTo(CreateMandate.OPTIONAL);
    }

    @Test
    void enachWithAnInvalidCreateMandateReportsOnlyThat() {
      onlyInvalid(
          enach().set("options.create_mandate", "ALWAYS").set("mandate.max_amount", "5000"),
          "options.create_mandate");
    }

    @Test
    void enachIsInRupeesOnly() {
      FieldError e =
          onlyInvalid(
              enach()
                  .set("currency", "USD")
                  .set("options.create_mandate", "REQUIRED")
                  .set("mandate.max_amount", "5000"),
              "currency");
      assertThat(e.reason()).contains("INR");
    }
  }

  @Nested
  class EpochSeconds {

    @Test
    void secondsAreAccepted() {
      assertThat(MandateRules.epochSeconds("1633087969"))
          .isEqualTo(Instant.ofEpochSecond(1633087969L));
      assertThat(MandateRules.epochSeconds("0")).isEqualTo(Instant.EPOCH);
    }

    @Test
    void millisecondsAreRejected() {
      assertThatThrownBy(() -> MandateRules.epochSeconds("1633087969000"))
          .isInstanceOf(InvalidValue.class);
      assertThatThrownBy(() -> MandateRules.epochSeconds("100000000000"))
          .isInstanceOf(InvalidValue.class)
          .hasMessageContaining("milliseconds");
    }

    @Test
    void startDateAcceptsTodayInIndiaWhenUtcIsStillYesterday() {
      // 20:00 UTC on the 14th is 01:30 IST on the 15th; 01:00 UTC on the 15th is not "today" in
      // UTC but is in India.
      Instant now = Instant.parse("2025-06-14T20:00:00Z");
      Instant start = Instant.parse("2025-06-15T01:00:00Z");
      assertThat(MandateRules.startDate(epoch(start), now)).isEqualTo(start);
      assertThatThrownBy(
              () -> MandateRules.startDate(epoch(Instant.parse("2025-06-13T12:00:00Z")), now))
          .isInstanceOf(InvalidValue.class);
    }
  }

  @Test
  void aBadMandateListsEveryOffendingField() {
    ApiException e =
        reject(
            validBody()
                .set("options.create_mandate", "REQUIRED")
                .set("mandate.frequency", "MONTHLY")
                .set("mandate.rule_value", "40")
                .set("mandate.block_funds", true)
                .set("mandate.start_date", epoch(NOW.plus(Duration.ofDays(2)))));
    assertThat(e.fields())
        .extracting(FieldError::field)
        .containsExactlyInAnyOrder(
            "mandate.max_amount",
            "mandate.rule_value",
            "mandate.block_funds",
            "mandate.start_date");
    assertThat(e.errorCode()).isEqualTo("Mandatory fields are missing");
  }
}
