package dev.paysession.session;

import static dev.paysession.session.SessionFixtures.accept;
import static dev.paysession.session.SessionFixtures.onlyInvalid;
import static dev.paysession.session.SessionFixtures.onlyMissing;
import static dev.paysession.session.SessionFixtures.validBody;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.paysession.api.FieldError;
import dev.paysession.order.OrderDetails.MutualFund;
import dev.paysession.session.SessionFixtures.Body;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** mutual_fund_details: a stringified JSON list of funds that add up to the order amount. */
class MutualFundsTest {

  private static final String KEY = "mutual_fund_details";

  private static ObjectNode fund(String orderNumber, String amount) {
    ObjectNode fund = SessionFixtures.NODES.objectNode();
    fund.put("MemberId", "MEM001");
    fund.put("UserId", "USER01");
    fund.put("MfPartner", "BSE");
    fund.put("OrderNumber", orderNumber);
    fund.put("Amount", amount);
    fund.put("InvestmentType", "LUMPSUM");
    return fund;
  }

  /** The body with the funds sent as JSON text, as the seed asks. */
  private static Body withFunds(ObjectNode... funds) {
    ArrayNode list = SessionFixtures.NODES.arrayNode();
    for (ObjectNode fund : funds) {
      list.add(fund);
    }
    return validBody().set(KEY, list.toString());
  }

  @Test
  void twoFundsThatAddUpToTheAmount() {
    SessionRequest r = accept(withFunds(fund("MF1", "60"), fund("MF2", "40.00")));
    assertThat(r.mutualFunds()).hasSize(2);
    MutualFund first = r.mutualFunds().get(0);
    assertThat(first.memberId()).isEqualTo("MEM001");
    assertThat(first.userId()).isEqualTo("USER01");
    assertThat(first.mfPartner()).isEqualTo("BSE");
    assertThat(first.orderNumber()).isEqualTo("MF1");
    assertThat(first.amount().value()).isEqualByComparingTo("60");
    assertThat(first.investmentType()).isEqualTo("LUMPSUM");
  }

  @Test
  void optionalKeys() {
    ObjectNode fund = fund("MF1", "100");
    fund.put("SchemeCode", "SCH1");
    fund.put("FolioNumber", "FOL1");
    fund.put("PanNumber", "ABCDE1234F");
    fund.put("AmcCode", "AMC1");
    MutualFund parsed = accept(withFunds(fund)).mutualFunds().get(0);
    assertThat(parsed.schemeCode()).contains("SCH1");
    assertThat(parsed.folioNumber()).contains("FOL1");
    assertThat(parsed.panNumber()).contains("ABCDE1234F");
    assertThat(parsed.amcCode()).contains("AMC1");
    assertThat(parsed.ihNumber()).isEmpty();
  }

  /** Juspay's own mutual-fund samples spell every key in camelCase (issue 11). */
  @Test
  void camelCaseKeysAsInJuspaysSamples() {
    Body body =
        validBody()
            .set("amount", "2.0")
            .set(
                KEY,
                "[{\"memberId\": \"ABCDE\", \"userId\": \"ABCDEFGHIJ\", \"mfPartner\": \"BSE\","
                    + " \"orderNumber\": \"1727380577\", \"amount\": \"1\","
                    + " \"investmentType\": \"SIP\", \"schemeCode\": \"LT\","
                    + " \"folioNumber\": \"190983010\", \"amcCode\": \"UYTIUI\","
                    + " \"panNumber\": \"TYLIO7823U\"},"
                    + " {\"memberId\": \"ABCDE\", \"userId\": \"ABCDEFGHIJ\", \"mfPartner\": \"BSE\","
                    + " \"orderNumber\": \"1727380577-1\", \"amount\": \"1\","
                    + " \"investmentType\": \"SIP\"}]");
    SessionRequest r = accept(body);
    assertThat(r.mutualFunds()).hasSize(2);
    MutualFund first = r.mutualFunds().get(0);
    assertThat(first.memberId()).isEqualTo("ABCDE");
    assertThat(first.userId()).isEqualTo("ABCDEFGHIJ");
    assertThat(first.mfPartner()).isEqualTo("BSE");
    assertThat(first.orderNumber()).isEqualTo("1727380577");
    assertThat(first.amount().value()).isEqualByComparingTo("1");
    assertThat(first.investmentType()).isEqualTo("SIP");
    assertThat(first.schemeCode()).contains("LT");
    assertThat(first.folioNumber()).contains("190983010");
    assertThat(first.amcCode()).contains("UYTIUI");
    assertThat(first.panNumber()).contains("TYLIO7823U");
  }

  @Test
  void oneFundSendingBothSpellingsOfAKeyIsRefused() {
    ObjectNode fund = fund("MF1", "100");
    fund.put("memberId", "MEM001");
    FieldError e = onlyInvalid(withFunds(fund), KEY + "[0].MemberId");
    assertThat(e.reason()).contains("MemberId and memberId");
  }

  @Test
  void camelCaseErrorsNameTheCamelCaseKey() {
    ObjectNode fund = SessionFixtures.NODES.objectNode();
    fund.put("memberId", "M");
    fund.put("userId", "U");
    fund.put("mfPartner", "NSE");
    fund.put("amount", "100");
    fund.put("investmentType", "LUMPSUM");
    onlyMissing(withFunds(fund), KEY + "[0].orderNumber");
    fund.put("orderNumber", "O");
    fund.put("panNumber", "abcde1234f");
    onlyInvalid(withFunds(fund), KEY + "[0].panNumber");
  }

  @Test
  void aJsonArrayIsAcceptedToo() {
    ArrayNode list = SessionFixtures.NODES.arrayNode().add(fund("MF1", "100"));
    assertThat(accept(validBody().set(KEY, list)).mutualFunds()).hasSize(1);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"MemberId", "UserId", "MfPartner", "OrderNumber", "Amount", "InvestmentType"})
  void everyMandatoryKeyIsRequired(String key) {
    ObjectNode fund = fund("MF1", "100");
    fund.remove(key);
    onlyMissing(withFunds(fund), KEY + "[0]." + key);
  }

  @ParameterizedTest
  @ValueSource(strings = {"NSE", "BSE", "KFIN", "CAMS"})
  void everyPartner(String partner) {
    ObjectNode fund = fund("MF1", "100");
    fund.put("MfPartner", partner);
    if (partner.equals("KFIN")) {
      fund.put("IhNumber", "IH1");
    }
    assertThat(accept(withFunds(fund)).mutualFunds().get(0).mfPartner()).isEqualTo(partner);
  }

  @ParameterizedTest
  @ValueSource(strings = {"AMFI", "nse", "Bse", "KARVY"})
  void otherPartnersAreRejected(String partner) {
    ObjectNode fund = fund("MF1", "100");
    fund.put("MfPartner", partner);
    onlyInvalid(withFunds(fund), KEY + "[0].MfPartner");
  }

  @ParameterizedTest
  @ValueSource(strings = {"LUMPSUM", "SIP"})
  void everyInvestmentType(String type) {
    ObjectNode fund = fund("MF1", "100");
    fund.put("InvestmentType", type);
    assertThat(accept(withFunds(fund)).mutualFunds().get(0).investmentType()).isEqualTo(type);
  }

  @ParameterizedTest
  @ValueSource(strings = {"STP", "lumpsum", "SWP"})
  void otherInvestmentTypesAreRejected(String type) {
    ObjectNode fund = fund("MF1", "100");
    fund.put("InvestmentType", type);
    onlyInvalid(withFunds(fund), KEY + "[0].InvestmentType");
  }

  @Test
  void kfinSipNeedsAnInHouseNumber() {
    ObjectNode fund = fund("MF1", "100");
    fund.put("MfPartner", "KFIN");
    fund.put("InvestmentType", "SIP");
    onlyMissing(withFunds(fund), KEY + "[0].IhNumber");
    fund.put("IhNumber", "IH123");
    assertThat(accept(withFunds(fund)).mutualFunds().get(0).ihNumber()).contains("IH123");
  }

  @Test
  void panInUpperCase() {
    ObjectNode fund = fund("MF1", "100");
    fund.put("PanNumber", "ABCDE1234F");
    assertThat(accept(withFunds(fund)).mutualFunds().get(0).panNumber()).contains("ABCDE1234F");
  }

  @ParameterizedTest
  @ValueSource(strings = {"abcde1234f", "ABCDE1234", "ABCD12345F", "ABCDE12345"})
  void otherPansAreRejected(String pan) {
    ObjectNode fund = fund("MF1", "100");
    fund.put("PanNumber", pan);
    FieldError e = onlyInvalid(withFunds(fund), KEY + "[0].PanNumber");
    assertThat(e.reason()).contains("upper case");
  }

  @Test
  void amountsThatDoNotAddUpAreRejected() {
    FieldError e = onlyInvalid(withFunds(fund("MF1", "60"), fund("MF2", "39.99")), KEY);
    assertThat(e.reason()).contains("99.99").contains("100.00");
  }

  @Test
  void aBadFundAmountIsReportedOnTheFund() {
    onlyInvalid(withFunds(fund("MF1", "100.001")), KEY + "[0].Amount");
    onlyInvalid(withFunds(fund("MF1", "0.5"), fund("MF2", "99.5")), KEY + "[0].Amount");
  }

  @Test
  void errorsInSeveralFundsAreAllListed() {
    ObjectNode first = fund("MF1", "50");
    first.put("MfPartner", "X");
    ObjectNode second = fund("MF2", "50");
    second.remove("UserId");
    var e = SessionFixtures.reject(withFunds(first, second));
    assertThat(e.fields())
        .extracting(FieldError::field)
        .containsExactlyInAnyOrder(KEY + "[0].MfPartner", KEY + "[1].UserId");
  }

  @ParameterizedTest
  @ValueSource(strings = {"abc", "[]", "{\"MemberId\":\"M\"}", "[1]", "[\"x\"]"})
  void notAListOfFundsIsRejected(String value) {
    var e = SessionFixtures.reject(validBody().set(KEY, value));
    assertThat(e.fields()).hasSize(1);
    assertThat(e.fields().get(0).field()).startsWith(KEY);
    assertThat(e.fields().get(0).kind()).isEqualTo(FieldError.Kind.INVALID);
  }

  @Test
  void aNonStringValueIsRejected() {
    ObjectNode fund = fund("MF1", "100");
    fund.put("MemberId", true);
    onlyInvalid(withFunds(fund), KEY + "[0].MemberId");
  }

  @Test
  void aJsonNumberAmountIsReadExactly() {
    assertThat(
            accept(
                    validBody()
                        .set(
                            KEY,
                            "[{\"MemberId\":\"M\",\"UserId\":\"U\",\"MfPartner\":\"NSE\","
                                + "\"OrderNumber\":\"O\",\"Amount\":100.00,"
                                + "\"InvestmentType\":\"SIP\"}]"))
                .mutualFunds()
                .get(0)
                .amount()
                .value())
        .isEqualByComparingTo("100");
  }

  @Test
  void aNumberWithAHugeExponentIsRejectedQuickly() {
    for (String number : new String[] {"1e999999999", "1e-999999999"}) {
      String funds =
          "[{\"MemberId\":\"M\",\"UserId\":\"U\",\"MfPartner\":\"NSE\","
              + "\"OrderNumber\":\"O\",\"Amount\":"
              + number
              + ",\"InvestmentType\":\"SIP\"}]";
      org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
          java.time.Duration.ofSeconds(1),
          () -> onlyInvalid(validBody().set(KEY, funds), KEY + "[0].Amount"));
    }
  }
}
