package dev.paysession.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Card networks by their numbers' leading digits (the networks' published test numbers). */
class CardBrandTest {

  @ParameterizedTest
  @CsvSource({
    "4111111111111111, VISA",
    "4000000000000002, VISA",
    "4222222222222, VISA",
    "5555555555554444, MASTERCARD",
    "5105105105105100, MASTERCARD",
    "2221000000000009, MASTERCARD",
    "2720999999999996, MASTERCARD",
    "378282246310005, AMEX",
    "371449635398431, AMEX",
    "340000000000009, AMEX",
    "6521000000000007, RUPAY",
    "6070000000000000, RUPAY",
    "5085000000000009, RUPAY",
    "8172000000000000, RUPAY",
    "6011111111111117, DISCOVER",
    "6011000990139424, DISCOVER",
    "6445644564456445, DISCOVER",
    "30569309025904, DINERS",
    "38520000023237, DINERS",
    "36227206271667, DINERS",
    "3530111333300000, JCB",
    "3566002020360505, JCB",
    "6759649826438453, MAESTRO",
    "5018000000000009, MAESTRO",
    "1234567812345670, UNKNOWN",
    "9999999999999995, UNKNOWN",
    "2720990000000000, MASTERCARD",
    "2721000000000000, UNKNOWN",
    "3527000000000000, UNKNOWN",
  })
  void theLeadingDigitsNameTheNetwork(String number, CardBrand brand) {
    assertThat(CardBrand.of(number)).isEqualTo(brand);
  }

  @ParameterizedTest
  @CsvSource({"4, VISA", "37, AMEX", "5, UNKNOWN", "'', UNKNOWN"})
  void shortInputDoesNotBreakIt(String digits, CardBrand brand) {
    assertThat(CardBrand.of(digits)).isEqualTo(brand);
  }
}
