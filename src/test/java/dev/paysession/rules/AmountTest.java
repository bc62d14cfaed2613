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
    assertThat(Amount.parse(text).text()).isEqualTo(expected);
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
    assertThat(Amount.parse("60").plus(Amount.parse("40.5")).text()).isEqualTo("100.50");
    assertThat(Amount.parse("1.0")).isEqualTo(Amount.parse("1"));
    assertThat(Amount.parse("2").compareTo(Amount.parse("10"))).isNegative();
  }

  @Test
  void moreThanTwoDecimalsCannotBeConstructed() {
    assertThatThrownBy(() -> new Amount(new BigDecimal("1.005")))
        .isInstanceOf(ArithmeticException.class);
  }

  @ParameterizedTest
  @CsvSource({
    "INR, 2", "USD, 2", "JPY, 0", "KRW, 0", "KWD, 3", "BHD, 3", "OMR, 3", "ABC, 2", "XXX, 2"
  })
  void minorDigitsComeFromTheCurrency(String currency, int digits) {
    assertThat(Amount.minorDigits(currency)).isEqualTo(digits);
  }

  @ParameterizedTest
  @CsvSource({
    "JPY, 1500, 1500, 1500.0, 1500",
    "KWD, 1.25, 1.250, 1.25, 1250",
    "KWD, 12.345, 12.345, 12.345, 12345",
    "BHD, 7, 7.000, 7.0, 7000",
    "INR, 100.5, 100.50, 100.5, 10050"
  })
  void parsesAtTheCurrencysScale(
      String currency, String text, String exact, String display, long minorUnits) {
    Amount amount = Amount.parse(text, currency);
    assertThat(amount.text()).isEqualTo(exact);
    assertThat(amount.display()).isEqualTo(display);
    assertThat(amount.minorUnits()).isEqualTo(minorUnits);
    assertThat(amount.minorDigits()).isEqualTo(Amount.minorDigits(currency));
  }

  @Test
  void aCurrencyRefusesMoreDecimalsThanItsMinorUnit() {
    assertThatThrownBy(() -> Amount.parse("1.5", "JPY"))
        .isExactlyInstanceOf(InvalidValue.class)
        .hasMessage("must be a whole number, like \"100\"");
    assertThatThrownBy(() -> Amount.parse("1.2345", "KWD"))
        .isExactlyInstanceOf(InvalidValue.class)
        .hasMessage(
            "must be a number with at most three decimal places, like \"100\" or \"100.125\"");
    assertThatThrownBy(() -> Amount.parse("1.234", "INR"))
        .isExactlyInstanceOf(InvalidValue.class)
        .hasMessage("must be a number with at most two decimal places, like \"100\" or \"100.15\"");
    assertThatThrownBy(() -> Amount.parseAtLeastOne("0.999", "KWD"))
        .hasMessageContaining("at least 1");
  }

  @Test
  void theTwoDecimalApiIsUnchanged() {
    assertThat(Amount.parse("100.1", "INR")).isEqualTo(Amount.parse("100.1"));
    assertThat(new Amount(new BigDecimal("100.1"))).isEqualTo(Amount.parse("100.1"));
    assertThat(Amount.of(new BigDecimal("1500"), "JPY").text()).isEqualTo("1500");
    assertThat(Amount.parse("1", "KWD").plus(Amount.parse("1.5")).text()).isEqualTo("2.500");
  }
}
