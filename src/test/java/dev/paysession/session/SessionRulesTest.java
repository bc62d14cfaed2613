package dev.paysession.session;

import static dev.paysession.session.SessionFixtures.DEFAULT_RETURN_URL;
import static dev.paysession.session.SessionFixtures.accept;
import static dev.paysession.session.SessionFixtures.jsonValue;
import static dev.paysession.session.SessionFixtures.mandateBody;
import static dev.paysession.session.SessionFixtures.onlyInvalid;
import static dev.paysession.session.SessionFixtures.onlyMissing;
import static dev.paysession.session.SessionFixtures.production;
import static dev.paysession.session.SessionFixtures.reject;
import static dev.paysession.session.SessionFixtures.sandbox;
import static dev.paysession.session.SessionFixtures.validBody;
import static dev.paysession.session.SessionFixtures.withCurrencies;
import static dev.paysession.session.SessionFixtures.withDefaultReturnUrl;
import static org.assertj.core.api.Assertions.assertThat;

import dev.paysession.api.ApiException;
import dev.paysession.api.FieldError;
import dev.paysession.session.SessionRequest.Action;
import java.math.BigDecimal;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The basic parameters of POST /session, each rule with a passing and a failing case. */
class SessionRulesTest {

  @Test
  void theMinimalBodyParsesWithDocumentedDefaults() {
    SessionRequest r = accept(validBody());
    assertThat(r.orderId()).isEqualTo("ord-1");
    assertThat(r.amount().value()).isEqualByComparingTo("100");
    assertThat(r.customerId()).isEqualTo("cust-1");
    assertThat(r.isGuest()).isFalse();
    assertThat(r.paymentPageClientId()).isEqualTo("client_1");
    assertThat(r.action()).isEqualTo(Action.paymentPage);
    assertThat(r.returnUrl()).isEqualTo("https://shop.merchant.com");
    assertThat(r.currency()).isEqualTo("INR");
    assertThat(r.mandate()).isEmpty();
    assertThat(r.upiDeepLinkRequested()).isFalse();
    assertThat(r.udfs()).hasSize(10).allMatch(String::isEmpty);
    assertThat(r.bankAccounts()).isEmpty();
    assertThat(r.mutualFunds()).isEmpty();
    assertThat(r.sdkService()).isEqualTo("in.juspay.hyperpay");
  }

  @Test
  void theMinimalBodyParsesForAProductionMerchantToo() {
    assertThat(accept(validBody(), production()).orderId()).isEqualTo("ord-1");
  }

  @Nested
  class OrderId {

    @ParameterizedTest
    @ValueSource(strings = {"order-id-9876580", "ORD_1", "a", "abcdefghij0123456789_"})
    void lettersDigitsDashUnderscoreUpTo21(String id) {
      assertThat(accept(validBody().set("order_id", id)).orderId()).isEqualTo(id);
    }

    /** Issue 11: Juspay's own rule (a recorded 400) allows these after a letter or digit. */
    @ParameterizedTest
    @ValueSource(strings = {"ord.1", "0.43723000555926383", "a(b)", "a{b}", "a+b~c"})
    void juspaysSpecialCharactersAreAccepted(String id) {
      assertThat(accept(validBody().set("order_id", id)).orderId()).isEqualTo(id);
    }

    @Test
    void twentyOneCharactersIsTheMaximum() {
      String id = "a".repeat(21);
      assertThat(accept(validBody().set("order_id", id)).orderId()).isEqualTo(id);
    }

    @Test
    void twentyTwoCharactersAreRejected() {
      FieldError e = onlyInvalid(validBody().set("order_id", "a".repeat(22)), "order_id");
      assertThat(e.reason()).contains("21");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a b", "ord#1", "ord/1", "örder", " ord", "ord\n", ".ord", "_ord"})
    void otherCharactersAreRejected(String id) {
      onlyInvalid(validBody().set("order_id", id), "order_id");
    }

    @Test
    void absentNullOrEmptyIsMissing() {
      onlyMissing(validBody().remove("order_id"), "order_id");
      onlyMissing(validBody().set("order_id", null), "order_id");
      onlyMissing(validBody().set("order_id", ""), "order_id");
    }

    @Test
    void aJsonNumberIsReadAsItsText() {
      assertThat(accept(validBody().set("order_id", 12345)).orderId()).isEqualTo("12345");
    }

    @Test
    void anObjectOrBooleanIsNotAString() {
      onlyInvalid(validBody().setJson("order_id", "{\"a\":1}"), "order_id");
      onlyInvalid(validBody().set("order_id", true), "order_id");
      onlyInvalid(validBody().setJson("order_id", "[\"x\"]"), "order_id");
    }
  }

  @Nested
  class AmountField {

    @Test
    void stringWithOneDecimal() {
      assertThat(accept(validBody().set("amount", "1.0")).amount().value())
          .isEqualByComparingTo("1");
    }

    @Test
    void jsonInteger() {
      assertThat(accept(validBody().set("amount", 100)).amount().value())
          .isEqualByComparingTo("100");
    }

    @Test
    void twoDecimals() {
      assertThat(accept(validBody().set("amount", "100.15")).amount().value())
          .isEqualTo(new BigDecimal("100.15"));
    }

    @Test
    void jsonDecimalKeepsItsExactValue() {
      assertThat(accept(validBody().setJson("amount", "100.15")).amount().value())
          .isEqualTo(new BigDecimal("100.15"));
    }

    @Test
    void oneIsTheMinimum() {
      assertThat(accept(validBody().set("amount", "1")).amount().value()).isEqualByComparingTo("1");
    }

    @Test
    void belowOneIsRejected() {
      FieldError e = onlyInvalid(validBody().set("amount", "0.5"), "amount");
      assertThat(e.reason()).contains("at least 1");
      onlyInvalid(validBody().set("amount", "0.99"), "amount");
      onlyInvalid(validBody().set("amount", "0"), "amount");
    }

    @ParameterizedTest
    @ValueSource(strings = {"100.1532", "-1", "1e3", "1E3", " 5", "5 ", "1,000", "+5", ".5", "5."})
    void badFormatsAreRejected(String amount) {
      FieldError e = onlyInvalid(validBody().set("amount", amount), "amount");
      assertThat(e.reason()).contains("two decimal places");
    }

    @Test
    void jsonDecimalWithThreePlacesIsRejected() {
      onlyInvalid(validBody().setJson("amount", "100.153"), "amount");
    }

    @Test
    void emptyOrAbsentIsMissing() {
      onlyMissing(validBody().set("amount", ""), "amount");
      onlyMissing(validBody().remove("amount"), "amount");
    }

    @Test
    void aBooleanIsRejected() {
      onlyInvalid(validBody().set("amount", true), "amount");
    }
  }

  @Nested
  class CustomerId {

    @Test
    void emptyStringIsAGuest() {
      SessionRequest r = accept(validBody().set("customer_id", ""));
      assertThat(r.customerId()).isEmpty();
      assertThat(r.isGuest()).isTrue();
    }

    /** Issue 11: Juspay's real traffic sends sessions with no customer field at all. */
    @Test
    void absentOrNullIsAGuest() {
      assertThat(accept(validBody().remove("customer_id")).isGuest()).isTrue();
      assertThat(accept(validBody().set("customer_id", null)).isGuest()).isTrue();
    }

    @Test
    void upTo128Characters() {
      String id = "c".repeat(128);
      assertThat(accept(validBody().set("customer_id", id)).customerId()).isEqualTo(id);
    }

    @Test
    void over128CharactersIsRejected() {
      onlyInvalid(validBody().set("customer_id", "c".repeat(129)), "customer_id");
    }

    @Test
    void controlCharactersAreRejected() {
      onlyInvalid(validBody().set("customer_id", "a\u0000b"), "customer_id");
    }
  }

  @Nested
  class CustomerEmail {

    @ParameterizedTest
    @ValueSource(
        strings = {
          "test@mail.com",
          "first.last@example.co.in",
          "a!#$%&'*+-/=?^{|}~z@b.com",
          "a_b@b.com",
          "x@localhost"
        })
    void seedCharacterSetIsAccepted(String email) {
      assertThat(accept(validBody().set("customer_email", email)).customerEmail()).contains(email);
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "_a@b.com",
          "a_@b.com",
          ".a@b.com",
          "a.@b.com",
          "a@@b.com",
          "a@b@c.com",
          "plainaddress",
          "@b.com",
          "a@",
          "a..b@c.com",
          "a b@c.com",
          "a(b)@c.com",
          "a@-b.com",
          "a@b_c.com"
        })
    void outsideTheSeedRulesIsRejected(String email) {
      onlyInvalid(validBody().set("customer_email", email), "customer_email");
    }

    @Test
    void threeHundredCharactersIsTheMaximum() {
      String ok = "a".repeat(294) + "@b.com";
      assertThat(ok).hasSize(300);
      assertThat(accept(validBody().set("customer_email", ok)).customerEmail()).contains(ok);
      FieldError e = onlyInvalid(validBody().set("customer_email", "a" + ok), "customer_email");
      assertThat(e.reason()).contains("300");
    }

    @Test
    void optional() {
      assertThat(accept(validBody()).customerEmail()).isEmpty();
      assertThat(accept(validBody().set("customer_email", "")).customerEmail()).isEmpty();
    }
  }

  @Nested
  class CustomerPhone {

    @ParameterizedTest
    @ValueSource(strings = {"9876543210", "+91 98765-43210", "022 2345 6789", "1234"})
    void digitsWithUsualPunctuation(String phone) {
      assertThat(accept(validBody().set("customer_phone", phone)).customerPhone()).contains(phone);
    }

    @Test
    void aJsonNumberIsAccepted() {
      assertThat(accept(validBody().set("customer_phone", 9876543210L)).customerPhone())
          .contains("9876543210");
    }

    @ParameterizedTest
    @ValueSource(strings = {"98765abc", "123", "1234567890123456", "phone", "+", "--12345"})
    void lettersOrWrongDigitCountsAreRejected(String phone) {
      onlyInvalid(validBody().set("customer_phone", phone), "customer_phone");
    }
  }

  @Nested
  class MobileCountryCode {

    @Test
    void digitsWithOrWithoutPlus() {
      assertThat(accept(validBody().set("mobile_country_code", "65")).mobileCountryCode())
          .contains("65");
      assertThat(accept(validBody().set("mobile_country_code", "+91")).mobileCountryCode())
          .contains("91");
      assertThat(accept(validBody().set("mobile_country_code", 91)).mobileCountryCode())
          .contains("91");
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "12345", "+", "9 1", "+91+1"})
    void otherValuesAreRejected(String code) {
      onlyInvalid(validBody().set("mobile_country_code", code), "mobile_country_code");
    }
  }

  @Nested
  class PaymentPageClientId {

    @Test
    void oneOfTheMerchantsClientIds() {
      assertThat(
              accept(validBody().set("payment_page_client_id", "yourClientId"))
                  .paymentPageClientId())
          .isEqualTo("yourClientId");
    }

    @Test
    void anotherMerchantsClientIdIsRejected() {
      onlyInvalid(
          validBody().set("payment_page_client_id", "someone_else"), "payment_page_client_id");
      onlyInvalid(validBody().set("payment_page_client_id", "CLIENT_1"), "payment_page_client_id");
    }

    @Test
    void absentIsMissing() {
      onlyMissing(validBody().remove("payment_page_client_id"), "payment_page_client_id");
    }
  }

  /** Issue 11: Juspay's paymentManagement sample sends only the customer and the client id. */
  @Nested
  class PaymentManagement {

    private SessionFixtures.Body management() {
      return new SessionFixtures.Body(
          SessionFixtures.json(
              """
              {"customer_id": "cust-1", "payment_page_client_id": "client_1",
               "action": "paymentManagement"}
              """));
    }

    @Test
    void aCustomerAloneIsEnough() {
      SessionRequest r = accept(management());
      assertThat(r.isPaymentManagement()).isTrue();
      assertThat(r.orderId()).isNull();
      assertThat(r.amount().value()).isZero();
      assertThat(r.returnUrl()).isNull();
      assertThat(r.customerId()).isEqualTo("cust-1");
    }

    @Test
    void anOrderIdAndAmountSentAreStillChecked() {
      SessionRequest r = accept(management().set("order_id", "pm-1").set("amount", "10"));
      assertThat(r.orderId()).isEqualTo("pm-1");
      assertThat(r.amount().value()).isEqualByComparingTo("10");
      onlyInvalid(management().set("amount", "0.5"), "amount");
      onlyInvalid(management().set("order_id", "o".repeat(22)).set("amount", "10"), "order_id");
      onlyMissing(management().set("order_id", "pm-2"), "amount");
    }

    @Test
    void aGuestHasNothingToManage() {
      onlyMissing(management().remove("customer_id"), "customer_id");
      onlyMissing(management().set("customer_id", ""), "customer_id");
    }

    @Test
    void itTakesNoPaymentSoNoUpiLink() {
      onlyInvalid(
          management().set("options.get_upi_deep_links", true),
          SessionFixtures.withUpi(SessionFixtures.sandbox()),
          "options.get_upi_deep_links");
    }

    @Test
    void aPaymentPageStillNeedsItsOrder() {
      ApiException e = reject(management().set("action", "paymentPage"));
      assertThat(e.fields())
          .extracting(FieldError::field)
          .containsExactlyInAnyOrder("order_id", "amount", "return_url");
    }
  }

  @Nested
  class ActionField {

    /** Issue 11: the action defaults to paymentPage, as in Juspay's real traffic. */
    @Test
    void absentIsPaymentPage() {
      assertThat(accept(validBody().remove("action")).action()).isEqualTo(Action.paymentPage);
      assertThat(accept(validBody().set("action", "")).action()).isEqualTo(Action.paymentPage);
    }

    @Test
    void paymentPageAndPaymentManagement() {
      assertThat(accept(validBody().set("action", "paymentPage")).action())
          .isEqualTo(Action.paymentPage);
      assertThat(accept(validBody().set("action", "paymentManagement")).action())
          .isEqualTo(Action.paymentManagement);
    }

    @Test
    void enachWithAMandate() {
      SessionRequest r =
          accept(
              validBody()
                  .set("action", "enach")
                  .set("options.create_mandate", "REQUIRED")
                  .set("mandate.max_amount", "1000"));
      assertThat(r.action()).isEqualTo(Action.enach);
      assertThat(r.isEnach()).isTrue();
      assertThat(r.sdkService()).isEqualTo("in.juspay.ec");
    }

    @ParameterizedTest
    @ValueSource(strings = {"PaymentPage", "paymentpage", "refund", "ENACH", "payment_page"})
    void otherActionsAreRejected(String action) {
      onlyInvalid(validBody().set("action", action), "action");
    }
  }

  @Nested
  class Service {

    @Test
    void inJuspayEcWithActionEnach() {
      SessionRequest r =
          accept(
              validBody()
                  .set("action", "enach")
                  .set("service", "in.juspay.ec")
                  .set("options.create_mandate", "REQUIRED")
                  .set("mandate.max_amount", "1000"));
      assertThat(r.isEnach()).isTrue();
    }

    @Test
    void inJuspayEcWithAnotherActionIsRejected() {
      FieldError e = onlyInvalid(validBody().set("service", "in.juspay.ec"), "service");
      assertThat(e.reason()).contains("enach");
      onlyInvalid(
          validBody().set("action", "paymentManagement").set("service", "in.juspay.ec"), "service");
    }

    @Test
    void anyOtherServiceIsRejected() {
      onlyInvalid(validBody().set("service", "in.juspay.hyperpay"), "service");
    }
  }

  @Nested
  class ReturnUrl {

    @ParameterizedTest
    @ValueSource(
        strings = {
          "https://shop.merchant.com",
          "https://shop.merchant.com/",
          "https://shop.merchant.com/orders/return",
          "https://shop.merchant.com:8443/return",
          "HTTPS://shop.merchant.com/return"
        })
    void httpsWithoutQuery(String url) {
      assertThat(accept(validBody().set("return_url", url)).returnUrl()).isEqualTo(url);
    }

    @Test
    void aQueryStringIsRejected() {
      FieldError e =
          onlyInvalid(
              validBody().set("return_url", "https://shop.merchant.com/return?x=1"), "return_url");
      assertThat(e.reason()).contains("query");
      onlyInvalid(validBody().set("return_url", "https://shop.merchant.com/return?"), "return_url");
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "https://192.168.1.10/return",
          "https://8.8.8.8",
          "https://[::1]/return",
          "https://[2001:db8::1]:8443/return"
        })
    void anIpAddressHostIsRejected(String url) {
      onlyInvalid(validBody().set("return_url", url), "return_url");
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "http://shop.merchant.com/return",
          "ftp://shop.merchant.com/return",
          "shop.merchant.com/return",
          "/return",
          "https://",
          "https://shop/return",
          "https://user:pw@shop.merchant.com/return",
          "https://shop.merchant.com/return#top",
          "https://shop merchant.com",
          "javascript:alert(1)"
        })
    void otherNonHttpsOrMalformedUrlsAreRejected(String url) {
      onlyInvalid(validBody().set("return_url", url), "return_url");
    }

    @Test
    void twoHundredFiftyFiveCharactersIsTheMaximum() {
      String base = "https://shop.merchant.com/";
      String ok = base + "r".repeat(255 - base.length());
      assertThat(ok).hasSize(255);
      assertThat(accept(validBody().set("return_url", ok)).returnUrl()).isEqualTo(ok);
      FieldError e = onlyInvalid(validBody().set("return_url", ok + "r"), "return_url");
      assertThat(e.reason()).contains("255");
    }

    @Test
    void omittedUsesTheMerchantDefault() {
      SessionRequest r =
          accept(
              validBody().remove("return_url"),
              withDefaultReturnUrl(sandbox(), DEFAULT_RETURN_URL));
      assertThat(r.returnUrl()).isEqualTo(DEFAULT_RETURN_URL);
      SessionRequest empty =
          accept(
              validBody().set("return_url", ""),
              withDefaultReturnUrl(sandbox(), DEFAULT_RETURN_URL));
      assertThat(empty.returnUrl()).isEqualTo(DEFAULT_RETURN_URL);
    }

    @Test
    void theRequestTakesPrecedenceOverTheMerchantDefault() {
      SessionRequest r = accept(validBody(), withDefaultReturnUrl(sandbox(), DEFAULT_RETURN_URL));
      assertThat(r.returnUrl()).isEqualTo("https://shop.merchant.com");
    }

    @Test
    void anInvalidUrlIsNotReplacedByTheMerchantDefault() {
      onlyInvalid(
          validBody().set("return_url", "http://shop.merchant.com"),
          withDefaultReturnUrl(sandbox(), DEFAULT_RETURN_URL),
          "return_url");
    }

    @Test
    void omittedWithoutAMerchantDefaultIsMissing() {
      onlyMissing(validBody().remove("return_url"), "return_url");
      onlyMissing(validBody().set("return_url", null), "return_url");
    }

    @Test
    void sandboxMayUseHttpLocalhost() {
      assertThat(
              accept(validBody().set("return_url", "http://localhost:8080/x"), sandbox())
                  .returnUrl())
          .isEqualTo("http://localhost:8080/x");
    }

    @Test
    void productionMayNotUseLocalhost() {
      onlyInvalid(
          validBody().set("return_url", "http://localhost:8080/x"), production(), "return_url");
      onlyInvalid(validBody().set("return_url", "https://localhost/x"), production(), "return_url");
    }

    @Test
    void sandboxMayNotUseHttpForOtherHosts() {
      onlyInvalid(
          validBody().set("return_url", "http://shop.merchant.com/x"), sandbox(), "return_url");
    }
  }

  @Nested
  class Names {

    @ParameterizedTest
    @ValueSource(strings = {"John", "wick", "Mary-Jane", "O_Neil", "J. (Jr.)", "Zoë", "José 2"})
    void lettersDigitsAndSeedSpecials(String name) {
      SessionRequest r = accept(validBody().set("first_name", name).set("last_name", name));
      assertThat(r.firstName()).contains(name);
      assertThat(r.lastName()).contains(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"John<script>", "wick!", "a@b", "x;y", "quote'", "tab\tname"})
    void otherSpecialCharactersAreRejected(String name) {
      onlyInvalid(validBody().set("first_name", name), "first_name");
      onlyInvalid(validBody().set("last_name", name), "last_name");
    }

    @Test
    void upTo255Characters() {
      accept(validBody().set("first_name", "n".repeat(255)));
      onlyInvalid(validBody().set("first_name", "n".repeat(256)), "first_name");
      onlyInvalid(validBody().set("last_name", "n".repeat(256)), "last_name");
    }
  }

  @Nested
  class Description {

    @Test
    void freeTextUpTo255() {
      String text = "Complete your payment: 100% safe & sound <ok>";
      assertThat(accept(validBody().set("description", text)).description()).contains(text);
      assertThat(accept(validBody().set("description", "d".repeat(255))).description())
          .contains("d".repeat(255));
    }

    @Test
    void over255IsRejected() {
      onlyInvalid(validBody().set("description", "d".repeat(256)), "description");
    }

    @Test
    void controlCharactersAreRejected() {
      onlyInvalid(validBody().set("description", "line\nbreak"), "description");
    }

    /** Security review I3: the page shows the description, which bidi controls could reorder. */
    @Test
    void invisibleFormattingCharactersAreRejected() {
      onlyInvalid(validBody().set("description", "Pay \u202E001 RNI"), "description");
      onlyInvalid(validBody().set("description", "Pay\u2029now"), "description");
    }
  }

  @Nested
  class Currency {

    @Test
    void defaultsToInr() {
      assertThat(accept(validBody()).currency()).isEqualTo("INR");
      assertThat(accept(validBody().set("currency", "")).currency()).isEqualTo("INR");
    }

    @Test
    void anEnabledCurrency() {
      assertThat(accept(validBody().set("currency", "USD")).currency()).isEqualTo("USD");
    }

    @Test
    void lowerCaseIsRejectedWithAMessageAboutUpperCase() {
      FieldError e = onlyInvalid(validBody().set("currency", "inr"), "currency");
      assertThat(e.reason()).containsIgnoringCase("upper case");
      onlyInvalid(validBody().set("currency", "Usd"), "currency");
    }

    @Test
    void aCurrencyTheMerchantHasNotEnabledIsRejected() {
      FieldError e = onlyInvalid(validBody().set("currency", "EUR"), "currency");
      assertThat(e.reason()).contains("INR").contains("USD");
    }

    @ParameterizedTest
    @ValueSource(strings = {"RUPEE", "US", "12A", "U$D"})
    void notAnIsoCodeIsRejected(String currency) {
      onlyInvalid(validBody().set("currency", currency), "currency");
    }

    @Test
    void withoutInrEnabledTheCurrencyMustBeSent() {
      onlyMissing(validBody(), withCurrencies(sandbox(), "USD"), "currency");
      assertThat(
              accept(validBody().set("currency", "USD"), withCurrencies(sandbox(), "USD"))
                  .currency())
          .isEqualTo("USD");
    }
  }

  @Nested
  class Language {

    @ParameterizedTest
    @ValueSource(strings = {"english", "hindi", "en", "en-IN", "pt_BR"})
    void aLanguageName(String language) {
      assertThat(accept(validBody().set("language", language)).language()).contains(language);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "e", "english!", "en IN", "abcdefghijklmnopqrstuvwxyzabcdefgh"})
    void otherValuesAreRejected(String language) {
      onlyInvalid(validBody().set("language", language), "language");
    }
  }

  @Nested
  class FulfillmentThreshold {

    private static final String KEY = "order_fullfillment_threshold_in_mins";

    @Test
    void aWholeNumberStringOrInteger() {
      assertThat(accept(validBody().set(KEY, "60")).fulfillmentThresholdMins()).contains(60);
      assertThat(accept(validBody().set(KEY, 60)).fulfillmentThresholdMins()).contains(60);
      assertThat(accept(validBody().set(KEY, "1")).fulfillmentThresholdMins()).contains(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"60.00", "0", "-1", "abc", "6e1", "525601", "99999999999"})
    void decimalsZeroAndOtherValuesAreRejected(String value) {
      onlyInvalid(validBody().set(KEY, value), KEY);
    }

    @Test
    void aJsonDecimalIsRejected() {
      onlyInvalid(validBody().setJson(KEY, "60.00"), KEY);
    }
  }

  @Nested
  class Udfs {

    @ParameterizedTest
    @ValueSource(strings = {"udf1", "udf2", "udf3", "udf4", "udf5"})
    void firstFiveAcceptPlainText(String key) {
      SessionRequest r = accept(validBody().set(key, "user5349"));
      int index = Integer.parseInt(key.substring(3)) - 1;
      assertThat(r.udfs().get(index)).isEqualTo("user5349");
      accept(validBody().set(key, "two words 42"));
    }

    /** Issue 11: Juspay's own payment-link samples send punctuation in udf1–udf5. */
    @ParameterizedTest
    @ValueSource(strings = {"udf1", "udf2", "udf3", "udf4", "udf5"})
    void firstFiveAcceptOrdinaryPunctuation(String key) {
      int index = Integer.parseInt(key.substring(3)) - 1;
      for (String value :
          new String[] {"udf1-dummy", "order_7", "a.b", "x/y", "a@b", "two words, one comma"}) {
        assertThat(accept(validBody().set(key, value)).udfs().get(index)).isEqualTo(value);
      }
    }

    @ParameterizedTest
    @ValueSource(
        strings = {"udf1", "udf2", "udf3", "udf4", "udf5", "udf6", "udf7", "udf8", "udf9", "udf10"})
    void controlAndInvisibleFormattingCharactersAreRejected(String key) {
      assertThat(onlyInvalid(validBody().set(key, "a\u0001b"), key).reason())
          .contains("control characters");
      assertThat(onlyInvalid(validBody().set(key, "a\nb"), key).reason())
          .contains("control characters");
      for (String hidden : new String[] {"\u202E", "\u2066", "\u200B", "\u2028", "\uFEFF"}) {
        assertThat(onlyInvalid(validBody().set(key, "paid" + hidden + "x"), key).reason())
            .contains("U+202E");
      }
      // Joiners are how several Indian scripts are written.
      accept(validBody().set(key, "\u0915\u094D\u200D\u0937"));
      accept(validBody().set(key, "\u0915\u094D\u200C\u0937"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"udf6", "udf7", "udf8", "udf9", "udf10"})
    void lastFiveAcceptSpecialCharacters(String key) {
      SessionRequest r = accept(validBody().set(key, "user_5349"));
      int index = Integer.parseInt(key.substring(3)) - 1;
      assertThat(r.udfs().get(index)).isEqualTo("user_5349");
      accept(validBody().set(key, "a-b@c.d/e?f=g&h"));
    }

    @ParameterizedTest
    @ValueSource(
        strings = {"udf1", "udf2", "udf3", "udf4", "udf5", "udf6", "udf7", "udf8", "udf9", "udf10"})
    void upTo255Characters(String key) {
      accept(validBody().set(key, "u".repeat(255)));
      FieldError e = onlyInvalid(validBody().set(key, "u".repeat(256)), key);
      assertThat(e.reason()).contains("255");
    }
  }

  @Nested
  class Flattening {

    @Test
    void nestedAndDottedMandateGiveTheSameResult() {
      SessionRequest dotted =
          accept(
              validBody()
                  .set("options.create_mandate", "REQUIRED")
                  .set("mandate.max_amount", "10000")
                  .set("mandate.frequency", "MONTHLY")
                  .set("mandate.rule_value", "5"));
      SessionRequest nested =
          accept(
              validBody()
                  .setJson("options", "{\"create_mandate\":\"REQUIRED\"}")
                  .setJson(
                      "mandate",
                      "{\"max_amount\":\"10000\",\"frequency\":\"MONTHLY\",\"rule_value\":\"5\"}"));
      assertThat(nested.mandate()).isPresent().isEqualTo(dotted.mandate());
      assertThat(nested.flat().keySet()).containsAll(dotted.flat().keySet());
    }

    @Test
    void aNestedMandateWithoutCreateMandateIsReportedLikeADottedOne() {
      onlyMissing(
          validBody().setJson("mandate", "{\"max_amount\":\"10\"}"), "options.create_mandate");
      onlyMissing(validBody().set("mandate.max_amount", "10"), "options.create_mandate");
    }

    @Test
    void nestedMetadataIsFlattenedExceptGatewayObjects() {
      SessionRequest r =
          accept(
              validBody()
                  .setJson(
                      "metadata",
                      """
                      {"webhook_url": "https://hooks.merchant.com/juspay",
                       "txns": {"allow_card_no_3ds": true},
                       "RAZORPAY:notes": {"key1": "value1"}}
                      """));
      assertThat(r.webhookUrl()).contains("https://hooks.merchant.com/juspay");
      assertThat(r.allowCardNo3ds()).contains(true);
      assertThat(r.flat())
          .containsKeys(
              "metadata.webhook_url", "metadata.txns.allow_card_no_3ds", "metadata.RAZORPAY:notes");
      assertThat(r.gatewayMetadata().get("RAZORPAY").get("notes").get("key1").asText())
          .isEqualTo("value1");
    }

    @Test
    void aKeyGivenBothWaysIsAnError() {
      FieldError e =
          onlyInvalid(
              mandateBody().setJson("mandate", "{\"max_amount\":\"1000\"}"), "mandate.max_amount");
      assertThat(e.reason()).contains("twice");
    }

    @Test
    void otherTopLevelObjectsAreNotFlattened() {
      SessionRequest r = accept(validBody().setJson("cart", "{\"items\":[1,2]}"));
      assertThat(r.flat()).containsKey("cart").doesNotContainKey("cart.items");
    }

    @Test
    void unknownKeysAreKeptInFlat() {
      SessionRequest r =
          accept(
              validBody()
                  .set("theme", "dark")
                  .set("offer_code", "testingCode")
                  .setJson("options", "{\"future_option\":\"x\"}"));
      assertThat(r.flat().get("theme").asText()).isEqualTo("dark");
      assertThat(r.flat().get("offer_code").asText()).isEqualTo("testingCode");
      assertThat(r.flat().get("options.future_option").asText()).isEqualTo("x");
    }
  }

  @Nested
  class EveryOffendingFieldAtOnce {

    @Test
    void threeBadFieldsYieldThreeEntries() {
      ApiException e =
          reject(
              validBody()
                  .set("order_id", "a b")
                  .set("amount", "100.1532")
                  .set("customer_email", "_a@b.com"));
      assertThat(e.fields())
          .extracting(FieldError::field)
          .containsExactlyInAnyOrder("order_id", "amount", "customer_email");
      assertThat(e.fields()).allMatch(f -> f.kind() == FieldError.Kind.INVALID);
      assertThat(e.errorCode()).isEqualTo("INVALID_REQUEST");
      assertThat(e.getMessage()).startsWith("3 fields are missing or invalid");
    }

    @Test
    void oneMissingAmongInvalidMakesTheErrorCodeMissing() {
      ApiException e =
          reject(validBody().remove("order_id").set("amount", "-1").set("udf1", "user\u202E5349"));
      assertThat(e.fields())
          .extracting(FieldError::field)
          .containsExactlyInAnyOrder("order_id", "amount", "udf1");
      assertThat(e.errorCode()).isEqualTo("Mandatory fields are missing");
      assertThat(e.status()).isEqualTo("Bad Request");
    }

    @Test
    void anEmptyBodyListsEveryMandatoryField() {
      ApiException e = reject(new SessionFixtures.Body(SessionFixtures.json("{}")));
      assertThat(e.fields())
          .extracting(FieldError::field)
          .containsExactlyInAnyOrder(
              // customer_id (a guest) and action (paymentPage) may be left out: issue 11
              "order_id", "amount", "payment_page_client_id", "return_url");
      assertThat(e.fields()).allMatch(f -> f.kind() == FieldError.Kind.MISSING);
    }

    @Test
    void noFieldIsListedTwice() {
      ApiException e =
          reject(
              validBody()
                  .set("order_id", "bad id")
                  .set("amount", "x")
                  .set("customer_id", "c".repeat(200))
                  .set("customer_email", "x")
                  .set("customer_phone", "x")
                  .set("payment_page_client_id", "x")
                  .set("action", "x")
                  .set("return_url", "x")
                  .set("currency", "x")
                  .set("order_type", "TPV_PAYMENT")
                  .set("metadata.bank_account_details", "x")
                  .set("action", "enach")
                  .set("mandate.max_amount", "x"));
      assertThat(e.fields()).extracting(FieldError::field).doesNotHaveDuplicates();
    }
  }

  @Test
  void optionalFieldsAreEmptyWhenNullOrEmpty() {
    SessionRequest r =
        accept(
            validBody()
                .set("customer_email", null)
                .set("customer_phone", "")
                .set("first_name", null)
                .set("description", "")
                .set("language", null));
    assertThat(r.customerEmail()).isEqualTo(Optional.empty());
    assertThat(r.customerPhone()).isEmpty();
    assertThat(r.firstName()).isEmpty();
    assertThat(r.description()).isEmpty();
    assertThat(r.language()).isEmpty();
  }

  @Test
  void aJsonNumberWithAHugeExponentIsRejectedQuickly() {
    // 12 characters of JSON must not become a gigabyte of digits (toPlainString) on the way in.
    org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
        java.time.Duration.ofSeconds(1),
        () -> {
          onlyInvalid(validBody().set("amount", jsonValue("1e-999999999")), "amount");
          onlyInvalid(validBody().set("amount", jsonValue("1e999999999")), "amount");
          onlyInvalid(
              validBody().set("order_fullfillment_threshold_in_mins", jsonValue("1e999999999")),
              "order_fullfillment_threshold_in_mins");
        });
  }
}
