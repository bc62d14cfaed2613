package dev.paysession.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.paysession.rules.InvalidValue;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;

/** Epoch-second parsing never fails with anything but InvalidValue. */
class MandateRulesPropertiesTest {

  private static final ZoneId INDIA = ZoneId.of("Asia/Kolkata");

  @Provide
  Arbitrary<String> anyText() {
    return Arbitraries.oneOf(
        Arbitraries.strings().all().ofMaxLength(25),
        Arbitraries.strings().numeric().ofMinLength(0).ofMaxLength(20),
        Arbitraries.strings().withChars("0123456789-+.eE \u0660").ofMaxLength(16),
        Arbitraries.longs().map(l -> Long.toString(l)),
        Arbitraries.longs().between(0, 99_999_999_999L).map(l -> Long.toString(l)));
  }

  @Property(tries = 1000)
  void epochSecondsThrowsOnlyInvalidValue(@ForAll("anyText") String text) {
    boolean digits = text.matches("[0-9]{1,12}");
    if (digits && Long.parseLong(text) <= 99_999_999_999L) {
      assertThat(MandateRules.epochSeconds(text))
          .isEqualTo(Instant.ofEpochSecond(Long.parseLong(text)));
    } else {
      assertThatThrownBy(() -> MandateRules.epochSeconds(text))
          .isExactlyInstanceOf(InvalidValue.class);
    }
  }

  @Property(tries = 500)
  void startDateIsTodayInUtcOrIndiaOrInvalid(
      @ForAll("anyText") String text,
      @ForAll @LongRange(min = 0, max = 4_102_444_800L) long nowSeconds) {
    Instant now = Instant.ofEpochSecond(nowSeconds);
    Instant start;
    try {
      start = MandateRules.startDate(text, now);
    } catch (InvalidValue expected) {
      return;
    }
    boolean todayUtc =
        LocalDate.ofInstant(start, ZoneOffset.UTC).equals(LocalDate.ofInstant(now, ZoneOffset.UTC));
    boolean todayIndia = LocalDate.ofInstant(start, INDIA).equals(LocalDate.ofInstant(now, INDIA));
    assertThat(todayUtc || todayIndia).isTrue();
  }

  @Property(tries = 300)
  void anySecondOfTodayIsAValidStart(
      @ForAll @LongRange(min = 0, max = 4_102_444_800L) long nowSeconds,
      @ForAll @LongRange(min = 0, max = 86_399) long secondOfDay) {
    Instant now = Instant.ofEpochSecond(nowSeconds);
    Instant start =
        LocalDate.ofInstant(now, ZoneOffset.UTC)
            .atStartOfDay(ZoneOffset.UTC)
            .toInstant()
            .plusSeconds(secondOfDay);
    assertThat(MandateRules.startDate(Long.toString(start.getEpochSecond()), now)).isEqualTo(start);
  }
}
