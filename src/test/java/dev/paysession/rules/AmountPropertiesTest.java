package dev.paysession.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Amount.parse accepts exactly {@code [0-9]{1,12}(\.[0-9]{1,2})?} and keeps the exact value. */
class AmountPropertiesTest {

  private static final Pattern WELL_FORMED = Pattern.compile("[0-9]{1,12}(\\.[0-9]{1,2})?");

  @Provide
  Arbitrary<String> wellFormed() {
    Arbitrary<String> integer = Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(12);
    Arbitrary<String> fraction = Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(2);
    return Combinators.combine(integer, fraction.optional(0.6))
        .as((i, f) -> f.map(x -> i + "." + x).orElse(i));
  }

  /** Arbitrary text, text built from amount-like characters, and near misses of good amounts. */
  @Provide
  Arbitrary<String> anyText() {
    return Arbitraries.oneOf(
        Arbitraries.strings().all().ofMaxLength(30),
        Arbitraries.strings()
            .withChars("0123456789.-+eE ,_\u0660\u0966\uFF10\u00A0")
            .ofMaxLength(18),
        wellFormed().map(s -> s + "0"),
        wellFormed().map(s -> "0" + s),
        wellFormed().map(s -> "-" + s),
        wellFormed().map(s -> s + " "),
        wellFormed().map(s -> s + ".5"),
        wellFormed().map(s -> s.replace('.', ',')),
        wellFormed());
  }

  @Property(tries = 1000)
  void acceptsEveryWellFormedAmountAndKeepsItsValue(@ForAll("wellFormed") String text) {
    Amount amount = Amount.parse(text);
    assertThat(amount.value()).isEqualByComparingTo(new BigDecimal(text));
    assertThat(amount.value().scale()).isEqualTo(2);
    assertThat(Amount.parse(amount.text())).isEqualTo(amount);
    assertThat(Amount.parse(amount.display())).isEqualTo(amount);
  }

  @Property(tries = 1000)
  void anyOtherStringThrowsInvalidValueAndNothingElse(@ForAll("anyText") String text) {
    if (WELL_FORMED.matcher(text).matches()) {
      assertThat(Amount.parse(text).value()).isEqualByComparingTo(new BigDecimal(text));
    } else {
      assertThatThrownBy(() -> Amount.parse(text)).isExactlyInstanceOf(InvalidValue.class);
    }
  }

  @Property(tries = 500)
  void parseAtLeastOneAcceptsExactlyWellFormedAmountsOfOneOrMore(@ForAll("anyText") String text) {
    boolean ok =
        WELL_FORMED.matcher(text).matches() && new BigDecimal(text).compareTo(BigDecimal.ONE) >= 0;
    if (ok) {
      assertThat(Amount.parseAtLeastOne(text).value()).isEqualByComparingTo(new BigDecimal(text));
    } else {
      assertThatThrownBy(() -> Amount.parseAtLeastOne(text))
          .isExactlyInstanceOf(InvalidValue.class);
    }
  }
}
