package dev.paysession.checkout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.paysession.gateway.CardBrand;
import dev.paysession.gateway.PaymentInstrument;
import java.time.YearMonth;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The payment page's field rules, without a server. */
class PaymentFormRulesTest {

  private static final YearMonth NOW = YearMonth.of(2026, 5);

  private static PaymentInstrument.NewCard card(String number, String expiry, String cvv) {
    return PaymentFormRules.newCard(number, "Asha Rao", expiry, cvv, null, NOW);
  }

  private static Map<String, String> errors(Runnable call) {
    try {
      call.run();
    } catch (InvalidPaymentInput e) {
      return e.fieldMessages();
    }
    throw new AssertionError("expected InvalidPaymentInput");
  }

  @Test
  void aValidCardBecomesAnInstrumentWithBrandAndLastFour() {
    PaymentInstrument.NewCard card = card("4111 1111-1111 1111", "12/29", "123");
    assertThat(card.number()).isEqualTo("4111111111111111");
    assertThat(card.brand()).isEqualTo(CardBrand.VISA);
    assertThat(card.lastFour()).isEqualTo("1111");
    assertThat(card.expiry()).isEqualTo(YearMonth.of(2029, 12));
    assertThat(card.methodType()).isEqualTo("CARD");
    assertThat(card.method()).isEqualTo("VISA");
    assertThat(card.save()).isFalse();
  }

  @Test
  void aCardNeverPrintsItsNumberOrCvv() {
    PaymentInstrument.NewCard card = card("4111111111111111", "12/29", "987");
    assertThat(card.toString()).isEqualTo("NewCard[VISA ****1111]").doesNotContain("987");
    InvalidPaymentInput invalid =
        new InvalidPaymentInput(errors(() -> card("4111111111111112", "12/29", "98")));
    assertThat(invalid.getMessage()).doesNotContain("4111").doesNotContain("98");
  }

  @Test
  void theLuhnChecksumDecides() {
    assertThat(PaymentFormRules.luhnValid("4111111111111111")).isTrue();
    assertThat(PaymentFormRules.luhnValid("4111111111111112")).isFalse();
    assertThat(PaymentFormRules.luhnValid("79927398713")).isTrue();
    assertThat(PaymentFormRules.luhnValid("79927398710")).isFalse();
    assertThat(errors(() -> card("4111111111111112", "12/29", "123")))
        .containsExactly(Map.entry("card_number", "This card number is not valid"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"41111111111", "41111111111111111111", "4111x11111111111", "٤١١١١١١١١١١١١١١١"})
  void aNumberOfTheWrongLengthOrWithOtherCharactersIsRefused(String number) {
    assertThat(errors(() -> card(number, "12/29", "123")))
        .containsEntry("card_number", "This card number is not valid");
  }

  @Test
  void aMissingNumberIsAskedFor() {
    assertThat(errors(() -> card(null, "12/29", "123")))
        .containsEntry("card_number", "Enter the card number");
    assertThat(errors(() -> card(" - ", "12/29", "123")))
        .containsEntry("card_number", "Enter the card number");
  }

  @Test
  void theExpiryMayBeThisMonthButNotLastMonth() {
    assertThat(card(Shopper.VISA, "05/26", "123").expiry()).isEqualTo(NOW);
    assertThat(card(Shopper.VISA, "5/2026", "123").expiry()).isEqualTo(NOW);
    assertThat(card(Shopper.VISA, " 05 / 26 ", "123").expiry()).isEqualTo(NOW);
    assertThat(errors(() -> card(Shopper.VISA, "04/26", "123")))
        .containsExactly(Map.entry("card_exp", "This card has expired"));
    assertThat(errors(() -> card(Shopper.VISA, "12/25", "123")))
        .containsExactly(Map.entry("card_exp", "This card has expired"));
  }

  @Test
  void theExpiryIsAtMostTwentyYearsAhead() {
    assertThat(card(Shopper.VISA, "05/46", "123").expiry()).isEqualTo(YearMonth.of(2046, 5));
    assertThat(errors(() -> card(Shopper.VISA, "06/46", "123")))
        .containsExactly(Map.entry("card_exp", "Check the expiry year"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "1229", "00/29", "13/29", "12/029", "12-29", "ab/cd", "12/"})
  void aMalformedExpiryIsRefused(String expiry) {
    assertThat(errors(() -> card(Shopper.VISA, expiry, "123")))
        .containsExactly(Map.entry("card_exp", "Enter the expiry as MM/YY"));
  }

  @Test
  void theCvvHasThreeDigitsOrFourForAmex() {
    assertThat(card(Shopper.VISA, "12/29", "123").cvv()).isEqualTo("123");
    assertThat(card(Shopper.MASTERCARD, "12/29", " 123 ").cvv()).isEqualTo("123");
    assertThat(card(Shopper.AMEX, "12/29", "1234").cvv()).isEqualTo("1234");
    assertThat(errors(() -> card(Shopper.VISA, "12/29", "1234")))
        .containsExactly(Map.entry("card_cvv", "Enter the 3-digit security code"));
    assertThat(errors(() -> card(Shopper.AMEX, "12/29", "123")))
        .containsExactly(Map.entry("card_cvv", "Enter the 4-digit security code"));
    assertThat(errors(() -> card(Shopper.VISA, "12/29", "12a")))
        .containsExactly(Map.entry("card_cvv", "Enter the 3-digit security code"));
    assertThat(errors(() -> card(Shopper.VISA, "12/29", null)))
        .containsExactly(Map.entry("card_cvv", "Enter the 3-digit security code"));
  }

  @Test
  void aSavedCardsCvvFollowsItsBrand() {
    assertThat(PaymentFormRules.savedCardCvv("123", CardBrand.RUPAY)).isEqualTo("123");
    assertThat(PaymentFormRules.savedCardCvv("1234", CardBrand.AMEX)).isEqualTo("1234");
    assertThat(errors(() -> PaymentFormRules.savedCardCvv("123", CardBrand.AMEX)))
        .containsExactly(Map.entry("card_cvv", "Enter the 4-digit security code"));
    assertThat(errors(() -> PaymentFormRules.savedCardCvv("", CardBrand.VISA)))
        .containsExactly(Map.entry("card_cvv", "Enter the 3-digit security code"));
  }

  @Test
  void everyProblemIsReportedAtOnce() {
    assertThat(
            errors(() -> PaymentFormRules.newCard("1234", "<script>", "99/99", "x", "true", NOW)))
        .containsOnlyKeys("card_number", "card_exp", "card_cvv", "name_on_card");
  }

  @Test
  void theNameOnCardIsOptionalAndPlain() {
    assertThat(PaymentFormRules.newCard(Shopper.VISA, "", "12/29", "123", null, NOW).nameOnCard())
        .isEmpty();
    assertThat(
            PaymentFormRules.newCard(Shopper.VISA, " José O'Neil-Rao ", "12/29", "123", null, NOW)
                .nameOnCard())
        .isEqualTo("José O'Neil-Rao");
    assertThat(
            errors(
                () ->
                    PaymentFormRules.newCard(
                        Shopper.VISA, "A".repeat(65), "12/29", "123", null, NOW)))
        .containsOnlyKeys("name_on_card");
  }

  @Test
  void savingIsAskedForByTheCheckbox() {
    for (String yes : new String[] {"true", "on", "1", "yes"}) {
      assertThat(PaymentFormRules.newCard(Shopper.VISA, "", "12/29", "123", yes, NOW).save())
          .as(yes)
          .isTrue();
    }
    for (String no : new String[] {"false", "off", "", "0"}) {
      assertThat(PaymentFormRules.newCard(Shopper.VISA, "", "12/29", "123", no, NOW).save())
          .as(no)
          .isFalse();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"success@upi", "Asha.Rao-1_x@okhdfcbank", " ab@ybl ", "9876543210@paytm"})
  void aWellFormedVpaIsAcceptedInLowerCase(String vpa) {
    PaymentInstrument.UpiCollect upi = PaymentFormRules.upiCollect(vpa);
    assertThat(upi.vpa()).isEqualTo(vpa.trim().toLowerCase(java.util.Locale.ROOT));
    assertThat(upi.methodType()).isEqualTo("UPI");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "success",
        "a@upi",
        "name@",
        "@upi",
        "name@1bank",
        "name@@upi",
        "na me@upi",
        "name@up i",
        "name@upi<script>"
      })
  void aMalformedVpaIsRefused(String vpa) {
    assertThat(errors(() -> PaymentFormRules.upiCollect(vpa)))
        .containsExactly(Map.entry("vpa", "Enter a UPI ID such as name@bank"));
  }

  @Test
  void aMissingVpaIsRefused() {
    assertThatThrownBy(() -> PaymentFormRules.upiCollect(null))
        .isInstanceOf(InvalidPaymentInput.class);
  }

  @Test
  void onlyListedBanksAndWalletsAreAccepted() {
    for (String bank : PaymentFormRules.BANKS.keySet()) {
      assertThat(PaymentFormRules.netBanking(bank).method()).isEqualTo(bank);
    }
    for (String wallet : PaymentFormRules.WALLETS.keySet()) {
      assertThat(PaymentFormRules.wallet(wallet).method()).isEqualTo(wallet);
    }
    assertThat(PaymentFormRules.BANKS).containsKeys("NB_SBI", "NB_HDFC");
    assertThat(PaymentFormRules.WALLETS).containsKey("PAYTM");
    for (String bank : new String[] {"nb_sbi", "SBI", "", "PAYTM"}) {
      assertThat(errors(() -> PaymentFormRules.netBanking(bank)))
          .containsExactly(Map.entry("bank", "Choose a bank from the list"));
    }
    assertThat(errors(() -> PaymentFormRules.netBanking(null))).containsOnlyKeys("bank");
    for (String wallet : new String[] {"paytm", "NB_SBI", ""}) {
      assertThat(errors(() -> PaymentFormRules.wallet(wallet)))
          .containsExactly(Map.entry("wallet", "Choose a wallet from the list"));
    }
    assertThat(errors(() -> PaymentFormRules.wallet(null))).containsOnlyKeys("wallet");
  }
}
