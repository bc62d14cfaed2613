package dev.paysession.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paysession.gateway.CardBrand;
import dev.paysession.gateway.PaymentInstrument;
import dev.paysession.gateway.sandbox.SandboxInstruments;
import dev.paysession.gateway.sandbox.SandboxInstruments.Behaviour;
import java.time.YearMonth;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The documented sandbox test data is usable as documented. */
class SandboxInstrumentsTest {

  @Test
  void everyTestCardPassesThePagesCardRules() {
    assertThat(SandboxInstruments.CARDS).hasSize(9);
    for (Map.Entry<String, Behaviour> card : SandboxInstruments.CARDS.entrySet()) {
      String number = card.getKey();
      assertThat(PaymentFormRules.luhnValid(number)).as(number).isTrue();
      CardBrand brand = CardBrand.of(number);
      assertThat(brand).as(number).isNotEqualTo(CardBrand.UNKNOWN);
      String cvv = brand == CardBrand.AMEX ? "1234" : "123";
      PaymentInstrument.NewCard parsed =
          PaymentFormRules.newCard(
              SandboxInstruments.grouped(number), "", "12/30", cvv, null, YearMonth.of(2026, 1));
      assertThat(parsed.number()).isEqualTo(number);
      assertThat(SandboxInstruments.card(parsed.number())).isEqualTo(card.getValue());
    }
  }

  @Test
  void theDocumentedCardsDoWhatTheDocsSay() {
    assertThat(SandboxInstruments.card("4111111111111111")).isEqualTo(Behaviour.SUCCESS);
    assertThat(SandboxInstruments.card("5555555555554444")).isEqualTo(Behaviour.SUCCESS);
    assertThat(SandboxInstruments.card("378282246310005")).isEqualTo(Behaviour.SUCCESS);
    assertThat(SandboxInstruments.card("6521000000000007")).isEqualTo(Behaviour.SUCCESS);
    assertThat(SandboxInstruments.card("4000000000000002"))
        .isEqualTo(Behaviour.AUTHORIZATION_FAILURE);
    assertThat(SandboxInstruments.card("4000000000000010"))
        .isEqualTo(Behaviour.AUTHENTICATION_FAILURE);
    assertThat(SandboxInstruments.card("4000000000000028"))
        .isEqualTo(Behaviour.PENDING_THEN_SUCCESS);
    assertThat(SandboxInstruments.card("4000000000000044")).isEqualTo(Behaviour.NOT_ENROLLED);
    assertThat(SandboxInstruments.card("5200000000000007")).isEqualTo(Behaviour.NOT_ENROLLED);
    assertThat(CardBrand.of("5200000000000007")).isEqualTo(CardBrand.MASTERCARD);
    assertThat(SandboxInstruments.card("4242424242424242")).isEqualTo(Behaviour.UNKNOWN);
    assertThat(CardBrand.of("378282246310005")).isEqualTo(CardBrand.AMEX);
    assertThat(CardBrand.of("6521000000000007")).isEqualTo(CardBrand.RUPAY);
  }

  @Test
  void everyTestVpaPassesThePagesUpiRule() {
    assertThat(SandboxInstruments.VPAS)
        .containsOnlyKeys("success@upi", "failure@upi", "decline@upi", "pending@upi");
    for (String vpa : SandboxInstruments.VPAS.keySet()) {
      assertThat(PaymentFormRules.upiCollect(vpa).vpa()).isEqualTo(vpa);
    }
  }

  @Test
  void theMandateTestInstrumentsPassThePagesRulesAndPayOneOffs() {
    for (String number : SandboxInstruments.MANDATE_CARDS.keySet()) {
      assertThat(PaymentFormRules.luhnValid(number)).as(number).isTrue();
      assertThat(SandboxInstruments.card(number)).isEqualTo(Behaviour.MANDATE_FAILURE);
      assertThat(SandboxInstruments.forPayment(SandboxInstruments.card(number), false))
          .isEqualTo(Behaviour.SUCCESS);
    }
    assertThat(SandboxInstruments.MANDATE_VPAS).containsOnlyKeys("autopay@upi", "noautopay@upi");
    for (String vpa : SandboxInstruments.MANDATE_VPAS.keySet()) {
      assertThat(PaymentFormRules.upiCollect(vpa).vpa()).isEqualTo(vpa);
    }
    assertThat(SandboxInstruments.vpa("noautopay@upi")).isEqualTo(Behaviour.MANDATE_FAILURE);
    assertThat(SandboxInstruments.bankAccount("50100000000002"))
        .isEqualTo(Behaviour.AUTHORIZATION_FAILURE);
    assertThat(SandboxInstruments.bankAccount("123456789012")).isEqualTo(Behaviour.SUCCESS);
  }

  @Test
  void numbersAreGroupedByFour() {
    assertThat(SandboxInstruments.grouped("4111111111111111")).isEqualTo("4111 1111 1111 1111");
    assertThat(SandboxInstruments.grouped("378282246310005")).isEqualTo("3782 8224 6310 005");
  }
}
