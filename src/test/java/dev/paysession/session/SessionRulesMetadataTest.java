package dev.paysession.session;

import static dev.paysession.session.SessionFixtures.accept;
import static dev.paysession.session.SessionFixtures.onlyInvalid;
import static dev.paysession.session.SessionFixtures.onlyMissing;
import static dev.paysession.session.SessionFixtures.production;
import static dev.paysession.session.SessionFixtures.reject;
import static dev.paysession.session.SessionFixtures.sandbox;
import static dev.paysession.session.SessionFixtures.validBody;
import static dev.paysession.session.SessionFixtures.withUpi;
import static org.assertj.core.api.Assertions.assertThat;

import dev.paysession.api.ApiException;
import dev.paysession.api.FieldError;
import dev.paysession.order.OrderDetails.BankAccount;
import dev.paysession.session.SessionFixtures.Body;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** order_type / TPV bank accounts, metadata.*, gateway metadata and options.get_upi_deep_links. */
class SessionRulesMetadataTest {

  private static final String ACCOUNTS = "metadata.bank_account_details";
  private static final String ONE_ACCOUNT =
      "[{\"bank_account_number\":\"50100012345678\",\"bank_ifsc\":\"HDFC0001234\"}]";

  private static Body tpv() {
    return validBody().set("order_type", "TPV_PAYMENT");
  }

  @Nested
  class TpvOrders {

    @Test
    void bankAccountsAsAStringifiedJsonList() {
      SessionRequest r = accept(tpv().set(ACCOUNTS, ONE_ACCOUNT));
      assertThat(r.orderType()).contains("TPV_PAYMENT");
      assertThat(r.bankAccounts()).hasSize(1);
      BankAccount account = r.bankAccounts().get(0);
      assertThat(account.accountNumber()).contains("50100012345678");
      assertThat(account.ifsc()).contains("HDFC0001234");
    }

    @Test
    void bankAccountsAsAJsonArray() {
      SessionRequest r = accept(tpv().setJson(ACCOUNTS, ONE_ACCOUNT));
      assertThat(r.bankAccounts()).hasSize(1);
      assertThat(r.bankAccounts().get(0).ifsc()).contains("HDFC0001234");
    }

    @Test
    void bankAccountsInANestedMetadataObject() {
      SessionRequest r =
          accept(tpv().setJson("metadata", "{\"bank_account_details\":" + ONE_ACCOUNT + "}"));
      assertThat(r.bankAccounts()).hasSize(1);
    }

    @Test
    void allDocumentedKeysOfAnAccount() {
      SessionRequest r =
          accept(
              tpv()
                  .setJson(
                      ACCOUNTS,
                      """
                      [{"bank_account_number": "50100012345678", "bank_ifsc": "ICIC0ABC123",
                        "juspay_bank_code": "JP_ICICI", "bank_beneficiary_name": "John Wick",
                        "bank_account_type": "SAVINGS"},
                       {"bank_account_id": "ba_1234567890", "bank_account_type": "CURRENT"}]
                      """));
      assertThat(r.bankAccounts()).hasSize(2);
      BankAccount first = r.bankAccounts().get(0);
      assertThat(first.juspayBankCode()).contains("JP_ICICI");
      assertThat(first.beneficiaryName()).contains("John Wick");
      assertThat(first.accountType()).contains("SAVINGS");
      BankAccount second = r.bankAccounts().get(1);
      assertThat(second.accountId()).contains("ba_1234567890");
      assertThat(second.accountNumber()).isEmpty();
      assertThat(second.accountType()).contains("CURRENT");
    }

    @Test
    void bankAccountIdIsAnAlternativeToNumberAndIfsc() {
      SessionRequest r = accept(tpv().set(ACCOUNTS, "[{\"bank_account_id\":\"ba_123\"}]"));
      assertThat(r.bankAccounts().get(0).accountId()).contains("ba_123");
    }

    @Test
    void tpvWithoutBankAccountsIsMissingThem() {
      onlyMissing(tpv(), ACCOUNTS);
      onlyMissing(tpv().set(ACCOUNTS, ""), ACCOUNTS);
    }

    @Test
    void bankAccountsWithoutTpvAreStillChecked() {
      onlyInvalid(
          validBody()
              .set(ACCOUNTS, "[{\"bank_account_number\":\"5010001\",\"bank_ifsc\":\"bad\"}]"),
          ACCOUNTS + "[0].bank_ifsc");
    }

    @ParameterizedTest
    @ValueSource(strings = {"HDFC0001234", "SBIN0000001", "ICIC0ABC123"})
    void ifscFormat(String ifsc) {
      accept(
          tpv()
              .set(
                  ACCOUNTS,
                  "[{\"bank_account_number\":\"50100012345678\",\"bank_ifsc\":\"" + ifsc + "\"}]"));
    }

    @ParameterizedTest
    @ValueSource(
        strings = {"HDFC1234567", "hdfc0001234", "HDFC000123", "HDFC00012345", "HD1C0001234"})
    void badIfscIsReportedOnItsOwnAsInvalid(String ifsc) {
      FieldError e =
          onlyInvalid(
              tpv()
                  .set(
                      ACCOUNTS,
                      "[{\"bank_account_number\":\"50100012345678\",\"bank_ifsc\":\""
                          + ifsc
                          + "\"}]"),
              ACCOUNTS + "[0].bank_ifsc");
      assertThat(e.reason()).contains("IFSC");
    }

    @Test
    void accountTypeIsCurrentOrSavings() {
      onlyInvalid(
          tpv()
              .set(ACCOUNTS, "[{\"bank_account_id\":\"ba_1\",\"bank_account_type\":\"CHECKING\"}]"),
          ACCOUNTS + "[0].bank_account_type");
      onlyInvalid(
          tpv().set(ACCOUNTS, "[{\"bank_account_id\":\"ba_1\",\"bank_account_type\":\"savings\"}]"),
          ACCOUNTS + "[0].bank_account_type");
    }

    @Test
    void aNumberNeedsItsIfsc() {
      onlyMissing(
          tpv().set(ACCOUNTS, "[{\"bank_account_number\":\"50100012345678\"}]"),
          ACCOUNTS + "[0].bank_ifsc");
    }

    @Test
    void anEntryNeedsANumberOrAnId() {
      onlyMissing(
          tpv().set(ACCOUNTS, "[{\"bank_ifsc\":\"HDFC0001234\"}]"),
          ACCOUNTS + "[0].bank_account_number");
    }

    @Test
    void badAccountNumberAndBeneficiary() {
      onlyInvalid(
          tpv().set(ACCOUNTS, "[{\"bank_account_number\":\"12\",\"bank_ifsc\":\"HDFC0001234\"}]"),
          ACCOUNTS + "[0].bank_account_number");
      onlyInvalid(
          tpv()
              .set(
                  ACCOUNTS,
                  "[{\"bank_account_id\":\"ba_1\",\"bank_beneficiary_name\":\"<John>\"}]"),
          ACCOUNTS + "[0].bank_beneficiary_name");
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "[]", "{}", "[1]", "42"})
    void notAListOfAccountsIsInvalidNotMissing(String value) {
      ApiException e = reject(tpv().set(ACCOUNTS, value));
      assertThat(e.fields()).extracting(FieldError::kind).containsOnly(FieldError.Kind.INVALID);
      assertThat(e.fields()).extracting(FieldError::field).doesNotHaveDuplicates();
      assertThat(e.fields().get(0).field()).startsWith(ACCOUNTS);
      assertThat(e.errorCode()).isEqualTo("INVALID_REQUEST");
    }

    @Test
    void otherOrderTypesAreRejected() {
      onlyInvalid(validBody().set("order_type", "NORMAL"), "order_type");
      onlyInvalid(validBody().set("order_type", "tpv_payment"), "order_type");
    }
  }

  @Nested
  class WebhookUrl {

    @Test
    void https() {
      SessionRequest r =
          accept(validBody().set("metadata.webhook_url", "https://hooks.merchant.com/jp?k=v"));
      assertThat(r.webhookUrl()).contains("https://hooks.merchant.com/jp?k=v");
    }

    @Test
    void httpOrAnIpIsRejected() {
      onlyInvalid(
          validBody().set("metadata.webhook_url", "http://hooks.merchant.com/jp"),
          "metadata.webhook_url");
      onlyInvalid(
          validBody().set("metadata.webhook_url", "https://10.0.0.1/jp"), "metadata.webhook_url");
      onlyInvalid(validBody().set("metadata.webhook_url", "hooks"), "metadata.webhook_url");
    }

    @Test
    void localhostOnlyInSandbox() {
      accept(validBody().set("metadata.webhook_url", "http://localhost:9000/hook"), sandbox());
      onlyInvalid(
          validBody().set("metadata.webhook_url", "http://localhost:9000/hook"),
          production(),
          "metadata.webhook_url");
    }
  }

  @Nested
  class ExpiryInMins {

    @Test
    void aPositiveWholeNumber() {
      assertThat(accept(validBody().set("metadata.expiryInMins", "15")).expiryInMins())
          .contains(15);
      assertThat(accept(validBody().set("metadata.expiryInMins", 15)).expiryInMins()).contains(15);
      assertThat(
              accept(validBody().setJson("metadata", "{\"expiryInMins\":\"30\"}")).expiryInMins())
          .contains(30);
    }

    @Test
    void theLowerCaseSpellingIsAccepted() {
      assertThat(accept(validBody().set("metadata.expiryinmins", "20")).expiryInMins())
          .contains(20);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-5", "1.5", "15.00", "fifteen", "525601"})
    void otherValuesAreRejected(String value) {
      onlyInvalid(validBody().set("metadata.expiryInMins", value), "metadata.expiryInMins");
    }
  }

  @Nested
  class AllowCardNo3ds {

    private static final String KEY = "metadata.txns.allow_card_no_3ds";

    @Test
    void booleanOrBooleanString() {
      assertThat(accept(validBody().set(KEY, true)).allowCardNo3ds()).contains(true);
      assertThat(accept(validBody().set(KEY, "false")).allowCardNo3ds()).contains(false);
      assertThat(accept(validBody().set(KEY, "TRUE")).allowCardNo3ds()).contains(true);
      assertThat(accept(validBody()).allowCardNo3ds()).isEmpty();
    }

    @Test
    void otherValuesAreRejected() {
      FieldError e = onlyInvalid(validBody().set(KEY, "yes"), KEY);
      assertThat(e.reason()).contains("true or false");
      onlyInvalid(validBody().set(KEY, 1), KEY);
      onlyInvalid(validBody().setJson(KEY, "{}"), KEY);
    }
  }

  @Nested
  class GatewayMetadata {

    private static final String NOTES = "metadata.RAZORPAY:notes";

    @Test
    void razorpayNotesAsAnObject() {
      SessionRequest r =
          accept(validBody().setJson(NOTES, "{\"key1\":\"value1\",\"key2\":\"value2\"}"));
      assertThat(r.gatewayMetadata().get("RAZORPAY").get("notes").get("key2").asText())
          .isEqualTo("value2");
    }

    @Test
    void razorpayNotesAsJsonText() {
      SessionRequest r =
          accept(
              validBody()
                  .set(NOTES, "{\"key1\":\"value1\",\"key2\":\"value2\",\"key3\":\"value3\"}"));
      assertThat(r.gatewayMetadata().get("RAZORPAY").get("notes").size()).isEqualTo(3);
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "[1,2]", "42", "{\"a\":", "\"str\""})
    void razorpayNotesThatAreNotAJsonObjectAreRejected(String notes) {
      onlyInvalid(validBody().set(NOTES, notes), NOTES);
    }

    @Test
    void razorpayNotesWithNestedValuesOrTooManyKeysAreRejected() {
      onlyInvalid(validBody().setJson(NOTES, "{\"a\":{\"b\":\"c\"}}"), NOTES);
      StringBuilder many = new StringBuilder("{");
      for (int i = 0; i < 16; i++) {
        many.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":\"v\"");
      }
      onlyInvalid(validBody().setJson(NOTES, many.append("}").toString()), NOTES);
    }

    @Test
    void gatewayNamesAreGroupedCaseInsensitively() {
      SessionRequest r =
          accept(
              validBody()
                  .set("metadata.razorpay:PNR", "PNR123")
                  .set("metadata.PAYU:udf1", "x_y")
                  .set("metadata.TATAPAY: merchantTxnMetadata", "m"));
      assertThat(r.gatewayMetadata().get("RAZORPAY")).containsKey("PNR");
      assertThat(r.gatewayMetadata().get("PAYU").get("udf1").asText()).isEqualTo("x_y");
      assertThat(r.gatewayMetadata().get("TATAPAY")).containsKey("merchantTxnMetadata");
    }

    @Test
    void gatewayReferenceId() {
      SessionRequest r =
          accept(validBody().set("metadata.JUSPAY:gateway_reference_id", "Merchant_test"));
      assertThat(r.gatewayMetadata().get("JUSPAY").get("gateway_reference_id").asText())
          .isEqualTo("Merchant_test");
      onlyInvalid(
          validBody().set("metadata.JUSPAY:gateway_reference_id", "bad ref!"),
          "metadata.JUSPAY:gateway_reference_id");
    }

    @Test
    void aKeyWithoutGatewayOrFieldIsRejected() {
      onlyInvalid(validBody().set("metadata.:notes", "x"), "metadata.:notes");
      onlyInvalid(validBody().set("metadata.PAYU:", "x"), "metadata.PAYU:");
    }

    @Test
    void overlongValuesAreRejected() {
      accept(validBody().set("metadata.PAYU:offer_key", "k".repeat(2048)));
      onlyInvalid(
          validBody().set("metadata.PAYU:offer_key", "k".repeat(2049)), "metadata.PAYU:offer_key");
    }
  }

  @Nested
  class SubventionAmount {

    private static final String KEY = "metadata.subvention_amount";

    @Test
    void upToTheOrderAmount() {
      assertThat(accept(validBody().set(KEY, "10")).subventionAmount().orElseThrow().value())
          .isEqualByComparingTo("10");
      accept(validBody().set(KEY, "100"));
      accept(validBody().set(KEY, "0.5"));
    }

    @Test
    void zeroBadFormatOrMoreThanTheAmountIsRejected() {
      onlyInvalid(validBody().set(KEY, "0"), KEY);
      onlyInvalid(validBody().set(KEY, "1.234"), KEY);
      onlyInvalid(validBody().set(KEY, "-1"), KEY);
      FieldError e = onlyInvalid(validBody().set(KEY, "100.01"), KEY);
      assertThat(e.reason()).contains("amount");
    }
  }

  @Nested
  class UpiDeepLinks {

    private static final String KEY = "options.get_upi_deep_links";

    @Test
    void requestedForAMerchantWithAPayee() {
      assertThat(accept(validBody().set(KEY, "true"), withUpi(sandbox())).upiDeepLinkRequested())
          .isTrue();
      assertThat(accept(validBody().set(KEY, true), withUpi(sandbox())).upiDeepLinkRequested())
          .isTrue();
      assertThat(
              accept(
                      validBody().setJson("options", "{\"get_upi_deep_links\":\"true\"}"),
                      withUpi(sandbox()))
                  .upiDeepLinkRequested())
          .isTrue();
    }

    @Test
    void aMerchantWithoutAPayeeCannotHaveThem() {
      FieldError e = onlyInvalid(validBody().set(KEY, "true"), sandbox(), KEY);
      assertThat(e.reason()).contains("UPI");
    }

    @Test
    void onlyForInr() {
      FieldError e =
          onlyInvalid(validBody().set(KEY, "true").set("currency", "USD"), withUpi(sandbox()), KEY);
      assertThat(e.reason()).contains("INR");
    }

    @Test
    void falseNeedsNoPayee() {
      assertThat(accept(validBody().set(KEY, "false"), sandbox()).upiDeepLinkRequested()).isFalse();
    }

    @Test
    void notABooleanIsRejected() {
      onlyInvalid(validBody().set(KEY, "maybe"), withUpi(sandbox()), KEY);
    }
  }
}
