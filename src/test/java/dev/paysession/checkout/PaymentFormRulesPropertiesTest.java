package dev.paysession.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paysession.gateway.CardBrand;
import dev.paysession.gateway.PaymentInstrument;
import java.time.YearMonth;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Properties of the card rules over many numbers and inputs. */
class PaymentFormRulesPropertiesTest {

  private static final YearMonth NOW = YearMonth.of(2026, 5);

  @Provide
  Arbitrary<String> payloads() {
    return Arbitraries.strings().numeric().ofMinLength(11).ofMaxLength(18);
  }

  /** The check digit that makes {@code payload} Luhn-valid, computed independently. */
  private static char checkDigit(String payload) {
    int sum = 0;
    for (int i = 0; i < payload.length(); i++) {
      int digit = payload.charAt(payload.length() - 1 - i) - '0';
      if (i % 2 == 0) {
        digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
      }
      sum += digit;
    }
    return (char) ('0' + (10 - sum % 10) % 10);
  }

  @Property(tries = 500)
  void aNumberWithItsCheckDigitIsValidAndAnyOtherLastDigitIsNot(
      @ForAll("payloads") String payload, @ForAll @IntRange(min = 1, max = 9) int shift) {
    char check = checkDigit(payload);
    assertThat(PaymentFormRules.luhnValid(payload + check)).isTrue();
    char wrong = (char) ('0' + (check - '0' + shift) % 10);
    assertThat(PaymentFormRules.luhnValid(payload + wrong)).isFalse();
  }

  @Property(tries = 500)
  void aSingleMistypedDigitIsCaught(
      @ForAll("payloads") String payload,
      @ForAll @IntRange(min = 0, max = 18) int position,
      @ForAll @IntRange(min = 1, max = 9) int shift) {
    String number = payload + checkDigit(payload);
    int at = position % number.length();
    char typo = (char) ('0' + (number.charAt(at) - '0' + shift) % 10);
    String mistyped = number.substring(0, at) + typo + number.substring(at + 1);
    assertThat(PaymentFormRules.luhnValid(mistyped)).isFalse();
  }

  @Property(tries = 500)
  void aValidNumberWithAnyFutureExpiryIsAccepted(
      @ForAll("payloads") String payload, @ForAll @IntRange(min = 0, max = 240) int monthsAhead) {
    String number = payload + checkDigit(payload);
    YearMonth expiry = NOW.plusMonths(monthsAhead);
    CardBrand brand = CardBrand.of(number);
    String cvv = brand == CardBrand.AMEX ? "1234" : "123";
    PaymentInstrument.NewCard card =
        PaymentFormRules.newCard(
            number,
            "",
            String.format("%02d/%02d", expiry.getMonthValue(), expiry.getYear() % 100),
            cvv,
            null,
            NOW);
    assertThat(card.brand()).isEqualTo(brand);
    assertThat(card.lastFour()).isEqualTo(number.substring(number.length() - 4));
    assertThat(card.expiry()).isEqualTo(expiry);
  }

  @Provide
  Arbitrary<String> anyText() {
    return Arbitraries.oneOf(
        Arbitraries.strings().all().ofMaxLength(40),
        Arbitraries.strings().withChars("0123456789 -/").ofMaxLength(25));
  }

  /** Whatever a browser posts, the rules answer with an instrument or field messages, never 500. */
  @Property(tries = 1000)
  void anyInputGivesACardOrFieldMessages(
      @ForAll("anyText") String number,
      @ForAll("anyText") String name,
      @ForAll("anyText") String expiry,
      @ForAll("anyText") String cvv) {
    try {
      PaymentFormRules.newCard(number, name, expiry, cvv, "true", NOW);
    } catch (InvalidPaymentInput e) {
      assertThat(e.fieldMessages())
          .isNotEmpty()
          .allSatisfy((field, message) -> assertThat(message).isNotBlank());
    }
  }

  /**
   * A UPI ID is accepted exactly when it looks like handle@psp; anything else is a field message.
   */
  @Property(tries = 1000)
  void anyVpaGivesAnInstrumentOrAFieldMessage(@ForAll("anyText") String vpa) {
    try {
      assertThat(PaymentFormRules.upiCollect(vpa).vpa()).contains("@").doesNotContain(" ");
    } catch (InvalidPaymentInput e) {
      assertThat(e.fieldMessages()).containsOnlyKeys("vpa");
    }
  }
}
