package dev.paysession.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AmountTest {

  @ParameterizedTest
  @CsvSource({
    "1, 1.0",
    "1.0, 1.0",
    "1.00, 1.0",
    "100.15, 100.15",
    "1.50, 1.5",
    "100.5, 100.5",
    "100, 100.0",
    "1000, 1000.0",
    "0.01, 0.01",
    "999999999999.99, 999999999999.99"
  })
  void displayIsJuspaysEchoForm(String text, String display) {
    assertThat(Amount.parse(text).display()).isEqualTo(display);
  }

  @ParameterizedTest
  @CsvSource({"1, 1.00", "100.15, 100.15", "1.5, 1.50", "1000, 1000.00"})
  void twoDecimals(String text, String expected) {
    assertThat(Amount.parse(text).twoDecimals()).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"100", "100.1", "100.15", "0", "000123.40", "999999999999"})
  void parsesUpToTwelveDigitsAndTwoDecimals(String text) {
    assertThat(Amount.parse(text).value()).isEqualByComparingTo(new BigDecimal(text));
    assertThat(Amount.parse(text).value().scale()).isEqualTo(2);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"100.1532", "1e3", "-5", " 5", "", "1000000000000", "1.", ".1", "1,5", "५"})
  void rejectsEverythingElse(String text) {
    assertThatThrownBy(() -> Amount.parse(text)).isExactlyInstanceOf(InvalidValue.class);
  }

  @Test
  void rejectsNull() {
    assertThatThrownBy(() -> Amount.parse(null)).isExactlyInstanceOf(InvalidValue.class);
  }

  @Test
  void atLeastOne() {
    assertThat(Amount.parseAtLeastOne("1").value()).isEqualByComparingTo("1");
    assertThatThrownBy(() -> Amount.parseAtLeastOne("0.99"))
        .isExactlyInstanceOf(InvalidValue.class)
        .hasMessageContaining("at least 1");
  }

  @Test
  void plusAndCompare() {
    assertThat(Amount.parse("60").plus(Amount.parse("40.5")).twoDecimals()).isEqualTo("100.50");
    assertThat(Amount.parse("1.0")).isEqualTo(Amount.parse("1"));
    assertThat(Amount.parse("2").compareTo(Amount.parse("10"))).isNegative();
  }

  @Test
  void moreThanTwoDecimalsCannotBeConstructed() {
    assertThatThrownBy(() -> new Amount(new BigDecimal("1.005")))
        .isInstanceOf(ArithmeticException.class);
  }
}
