package dev.paysession.txns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.paysession.api.ApiException;
import dev.paysession.api.FieldError;
import dev.paysession.checkout.SavedCard;
import dev.paysession.gateway.CardBrand;
import dev.paysession.gateway.PaymentInstrument;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The /txns body rules, without a server: Juspay's field names onto the page's instruments. */
class TxnsPaymentRulesTest {

  private static final YearMonth NOW = YearMonth.of(2026, 12);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SavedCard SAVED =
      new SavedCard("ctkn_saved", "sandbox", CardBrand.MASTERCARD, "4444", Instant.EPOCH);

  private static ObjectNode body(String... nameValues) {
    ObjectNode body = JSON.createObjectNode();
    for (int i = 0; i < nameValues.length; i += 2) {
      body.put(nameValues[i], nameValues[i + 1]);
    }
    return body;
  }

  private static ObjectNode card(String number, String month, String year, String cvv) {
    return body(
        "payment_method_type", "CARD",
        "card_number", number,
        "card_exp_month", month,
        "card_exp_year", year,
        "name_on_card", "Asha Rao",
        "card_security_code", cvv);
  }

  private static PaymentInstrument instrument(ObjectNode body) {
    return TxnsPaymentRules.instrument(body, NOW, List.of(SAVED), true);
  }

  private static List<FieldError> refused(ObjectNode body) {
    try {
      instrument(body);
    } catch (ApiException e) {
      assertThat(e.httpStatus()).isEqualTo(400);
      return e.fields();
    }
    throw new AssertionError("accepted " + body);
  }

  @Test
  void aCardTakesItsBrandFromTheNumber() {
    PaymentInstrument card = instrument(card("4111 1111 1111 1111", "12", "2029", "123"));
    assertThat(card).isInstanceOf(PaymentInstrument.NewCard.class);
    assertThat(card.method()).isEqualTo("VISA");
    assertThat(((PaymentInstrument.NewCard) card).expiry()).isEqualTo(YearMonth.of(2029, 12));
    assertThat(((PaymentInstrument.NewCard) card).save()).isFalse();
    ObjectNode named = card("5555555555554444", "1", "29", "123");
    named.put("payment_method", "MASTERCARD");
    named.put("save_to_locker", "true");
    PaymentInstrument.NewCard mastercard = (PaymentInstrument.NewCard) instrument(named);
    assertThat(mastercard.brand()).isEqualTo(CardBrand.MASTERCARD);
    assertThat(mastercard.save()).isTrue();
  }

  @Test
  void aCardIsNotSavedWithoutACustomer() {
    ObjectNode body = card("5555555555554444", "1", "29", "123");
    body.put("save_to_locker", "true");
    PaymentInstrument.NewCard card =
        (PaymentInstrument.NewCard) TxnsPaymentRules.instrument(body, NOW, List.of(), false);
    assertThat(card.save()).isFalse();
  }

  @Test
  void aBadCardIsRefusedFieldByFieldWithoutEchoingIt() {
    List<FieldError> luhn = refused(card("4111111111111112", "12", "2029", "123"));
    assertThat(luhn).extracting(FieldError::field).containsExactly("card_number");
    assertThat(luhn.toString()).doesNotContain("4111111111111112");

    assertThat(refused(card("4111111111111111", "11", "26", "123")))
        .extracting(FieldError::field, FieldError::reason)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("card_exp_year", "This card has expired"));
    assertThat(refused(card("4111111111111111", "13", "2029", "123")))
        .extracting(FieldError::field)
        .containsExactly("card_exp_month");
    assertThat(refused(card("4111111111111111", "12", "202", "123")))
        .extracting(FieldError::field)
        .containsExactly("card_exp_year");
    List<FieldError> cvv = refused(card("378282246310005", "12", "2029", "123"));
    assertThat(cvv).extracting(FieldError::field).containsExactly("card_security_code");
    assertThat(cvv.toString()).doesNotContain("378282246310005");
    assertThat(refused(body("payment_method_type", "CARD")))
        .extracting(FieldError::field, FieldError::kind)
        .contains(
            org.assertj.core.groups.Tuple.tuple("card_number", FieldError.Kind.MISSING),
            org.assertj.core.groups.Tuple.tuple("card_exp_month", FieldError.Kind.MISSING),
            org.assertj.core.groups.Tuple.tuple("card_exp_year", FieldError.Kind.MISSING),
            org.assertj.core.groups.Tuple.tuple("card_security_code", FieldError.Kind.MISSING));
  }

  @Test
  void aNamedBrandMustBeACardBrandAndMatchTheNumber() {
    ObjectNode unknown = card("4111111111111111", "12", "2029", "123");
    unknown.put("payment_method", "VISAA");
    assertThat(refused(unknown)).extracting(FieldError::field).containsExactly("payment_method");
    ObjectNode mismatch = card("4111111111111111", "12", "2029", "123");
    mismatch.put("payment_method", "AMEX");
    assertThat(refused(mismatch))
        .extracting(FieldError::reason)
        .containsExactly("does not match the card number's brand (VISA)");
  }

  @Test
  void aSavedCardIsOneOfTheCustomersWithItsCvv() {
    PaymentInstrument saved =
        instrument(body("card_token", "ctkn_saved", "card_security_code", "123"));
    assertThat(saved)
        .isEqualTo(
            new PaymentInstrument.SavedCard("ctkn_saved", CardBrand.MASTERCARD, "4444", "123"));
    assertThat(refused(body("card_token", "ctkn_other", "card_security_code", "123")))
        .extracting(FieldError::field)
        .containsExactly("card_token");
    assertThat(refused(body("payment_method_type", "CARD", "card_token", "ctkn_saved")))
        .extracting(FieldError::field)
        .containsExactly("card_security_code");
  }

  @Test
  void netBankingAndWalletsTakeTheListedCodes() {
    assertThat(instrument(body("payment_method_type", "NB", "payment_method", "NB_HDFC")))
        .isEqualTo(new PaymentInstrument.NetBanking("NB_HDFC"));
    assertThat(instrument(body("payment_method_type", "NB", "payment_method", "JP_ICICI")))
        .isEqualTo(new PaymentInstrument.NetBanking("NB_ICICI"));
    assertThat(refused(body("payment_method_type", "NB", "payment_method", "NB_NOPE")))
        .extracting(FieldError::field)
        .containsExactly("payment_method");
    assertThat(refused(body("payment_method_type", "NB")))
        .extracting(FieldError::field, FieldError::kind)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("payment_method", FieldError.Kind.MISSING));
    assertThat(instrument(body("payment_method_type", "WALLET", "payment_method", "MOBIKWIK")))
        .isEqualTo(new PaymentInstrument.Wallet("MOBIKWIK"));
    assertThat(refused(body("payment_method_type", "WALLET", "payment_method", "NB_HDFC")))
        .extracting(FieldError::field)
        .containsExactly("payment_method");
  }

  @Test
  void upiIsACollectWithAVpaOrAnIntent() {
    assertThat(
            instrument(
                body(
                    "payment_method_type", "UPI",
                    "payment_method", "UPI",
                    "txn_type", "UPI_COLLECT",
                    "upi_vpa", "Success@UPI")))
        .isEqualTo(new PaymentInstrument.UpiCollect("success@upi"));
    assertThat(
            instrument(
                body(
                    "payment_method_type",
                    "UPI",
                    "payment_method",
                    "COLLECT",
                    "upi_vpa",
                    "a.b@upi")))
        .isEqualTo(new PaymentInstrument.UpiCollect("a.b@upi"));
    assertThat(
            instrument(
                body("payment_method_type", "UPI", "txn_type", "UPI_PAY", "sdk_params", "true")))
        .isInstanceOf(PaymentInstrument.UpiIntent.class);
    assertThat(refused(body("payment_method_type", "UPI", "txn_type", "UPI_COLLECT")))
        .extracting(FieldError::field, FieldError::kind)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("upi_vpa", FieldError.Kind.MISSING));
    assertThat(
            refused(
                body(
                    "payment_method_type",
                    "UPI",
                    "txn_type",
                    "UPI_COLLECT",
                    "upi_vpa",
                    "not a vpa")))
        .extracting(FieldError::field)
        .containsExactly("upi_vpa");
    assertThat(refused(body("payment_method_type", "UPI", "txn_type", "UPI_QR")))
        .extracting(FieldError::field)
        .containsExactly("txn_type");
  }

  @Test
  void theMethodTypeIsRequiredAndKnown() {
    assertThat(refused(body("payment_method", "NB_HDFC")))
        .extracting(FieldError::field, FieldError::kind)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("payment_method_type", FieldError.Kind.MISSING));
    assertThat(refused(body("payment_method_type", "CRYPTO")))
        .extracting(FieldError::field)
        .containsExactly("payment_method_type");
    assertThatThrownBy(
            () ->
                TxnsPaymentRules.flag(
                    JSON.createObjectNode().set("sdk_params", JSON.createArrayNode()),
                    "sdk_params"))
        .isInstanceOf(ApiException.class);
  }
}
