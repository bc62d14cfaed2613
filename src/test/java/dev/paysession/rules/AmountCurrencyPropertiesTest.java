package dev.paysession.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * Amounts in currencies with 0 (JPY), 2 (INR) and 3 (KWD) decimals. The oracle counts digits in the
 * text it built itself: accepted exactly when the fraction is no longer than the currency's minor
 * unit, and then worth exactly the minor units the text spells.
 */
class AmountCurrencyPropertiesTest {

  @Provide
  Arbitrary<String> currency() {
    return Arbitraries.of("JPY", "INR", "KWD");
  }

  @Property
  void acceptedExactlyUpToTheMinorUnit(
      @ForAll("currency") String currency,
      @ForAll @LongRange(min = 0, max = 999_999_999_999L) long integer,
      @ForAll @IntRange(min = 0, max = 4) int fractionLength,
      @ForAll @IntRange(min = 0, max = 9999) int fractionSeed) {
    int minorDigits =
        switch (currency) {
          case "JPY" -> 0;
          case "KWD" -> 3;
          default -> 2;
        };
    String fraction = String.format("%04d", fractionSeed).substring(0, fractionLength);
    String text = fractionLength == 0 ? Long.toString(integer) : integer + "." + fraction;

    if (fractionLength > minorDigits) {
      assertThatThrownBy(() -> Amount.parse(text, currency))
          .isExactlyInstanceOf(InvalidValue.class);
      return;
    }
    Amount amount = Amount.parse(text, currency);
    String padded = fraction + "0".repeat(minorDigits - fractionLength);
    assertThat(amount.minorDigits()).isEqualTo(minorDigits);
    assertThat(amount.text())
        .isEqualTo(minorDigits == 0 ? Long.toString(integer) : integer + "." + padded);
    assertThat(amount.minorUnits()).isEqualTo(Long.parseLong(integer + padded));
    assertThat(amount.value()).isEqualByComparingTo(new BigDecimal(text));
    // What the database gives back, and Juspay's echo form, read back as the same amount.
    assertThat(Amount.of(amount.value(), currency)).isEqualTo(amount);
    assertThat(Amount.parse(amount.display().replaceAll("\\.0$", ""), currency)).isEqualTo(amount);
  }
}
