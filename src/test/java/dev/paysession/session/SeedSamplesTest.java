package dev.paysession.session;

import static dev.paysession.session.SessionFixtures.NOW;
import static dev.paysession.session.SessionFixtures.json;
import static dev.paysession.session.SessionFixtures.merchant;
import static dev.paysession.session.SessionFixtures.withDefaultReturnUrl;
import static dev.paysession.session.SessionFixtures.withUpi;
import static org.assertj.core.api.Assertions.assertThat;

import dev.paysession.SeedRequests;
import dev.paysession.merchant.Environment;
import dev.paysession.merchant.Merchant;
import dev.paysession.session.SessionRequest.Action;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The request bodies of the seed's three versions parse as they are, byte for byte. */
class SeedSamplesTest {

  /** "API Version: default", Sample Request. */
  static final String DEFAULT_SAMPLE = SeedRequests.text("default");

  /** "API Version: v1", Sample Request. */
  static final String V1_SAMPLE = SeedRequests.text("v1");

  /** "API Version: enach", Sample Request. */
  static final String ENACH_SAMPLE = SeedRequests.text("enach");

  /** The curl snippet of every version (v1 adds the deep-link option). */
  static final String CURL_SNIPPET =
      """
      {
          "order_id": "testing-order-one",
          "amount": "1.0",
          "customer_id": "testing-customer-one",
          "customer_email": "test@mail.com",
          "customer_phone": "9876543210",
          "payment_page_client_id": "your_client_id",
          "action": "paymentPage",
          "return_url": "https://shop.merchant.com",
          "description": "Complete your payment",
          "first_name": "John",
          "last_name": "wick"
      }
      """;

  /** The Javascript snippet: an extra "theme" key the API does not document. */
  static final String JAVASCRIPT_SNIPPET =
      """
      {
        "order_id": "testing-order-one",
        "amount": "1.0",
        "customer_id": "testing-customer-one",
        "customer_email": "test@mail.com",
        "customer_phone": "9876543210",
        "payment_page_client_id": "<your_client_id>",
        "action": "paymentPage",
        "return_url": "https://shop.merchant.com",
        "description": "Complete your payment",
        "theme": "dark",
        "first_name": "John",
        "last_name": "wick"
      }
      """;

  /** The Java snippet: no return_url (the dashboard's is used) and an extra "offer_code". */
  static final String JAVA_SNIPPET =
      """
      {
        "order_id": "testing-order-id-four",
        "amount": "1.0",
        "customer_id": "9876543201",
        "customer_email": "test@mail.com",
        "customer_phone": "9876543201",
        "payment_page_client_id": "<your_client_id>",
        "action": "paymentPage",
        "offer_code": "testingCode",
        "first_name": "john",
        "last_name": "wick",
        "description": "Order Description"
      }
      """;

  private static SessionRequest parse(String body, Merchant merchant) {
    return SessionRules.parse(json(body), merchant, NOW);
  }

  @ParameterizedTest
  @EnumSource(Environment.class)
  void defaultSample(Environment environment) {
    SessionRequest r = parse(DEFAULT_SAMPLE, merchant(environment));
    assertThat(r.orderId()).isEqualTo("testing-order-one");
    assertThat(r.amount().display()).isEqualTo("1.0");
    assertThat(r.customerId()).isEqualTo("testing-customer-one");
    assertThat(r.customerEmail()).contains("test@mail.com");
    assertThat(r.customerPhone()).contains("9876543210");
    assertThat(r.paymentPageClientId()).isEqualTo("yourClientId");
    assertThat(r.action()).isEqualTo(Action.paymentPage);
    assertThat(r.returnUrl()).isEqualTo("https://shop.merchant.com");
    assertThat(r.description()).contains("Complete your payment");
    assertThat(r.firstName()).contains("John");
    assertThat(r.lastName()).contains("wick");
    assertThat(r.currency()).isEqualTo("INR");
    assertThat(r.gatewayMetadata().get("JUSPAY").get("gateway_reference_id").asText())
        .isEqualTo("Merchant_test");
  }

  @ParameterizedTest
  @EnumSource(Environment.class)
  void v1SampleWithUpiDeepLinks(Environment environment) {
    SessionRequest r = parse(V1_SAMPLE, withUpi(merchant(environment)));
    assertThat(r.upiDeepLinkRequested()).isTrue();
    assertThat(r.flat()).containsKey("options.get_upi_deep_links");
  }

  @ParameterizedTest
  @EnumSource(Environment.class)
  void enachSample(Environment environment) {
    SessionRequest r = parse(ENACH_SAMPLE, merchant(environment));
    assertThat(r.orderId()).isEqualTo("testing-order-one");
    assertThat(r.gatewayMetadata().get("JUSPAY").get("gateway_reference_id").asText())
        .isEqualTo("payu_test");
  }

  @ParameterizedTest
  @EnumSource(Environment.class)
  void codeSnippets(Environment environment) {
    Merchant m = merchant(environment);
    assertThat(parse(CURL_SNIPPET, m).paymentPageClientId()).isEqualTo("your_client_id");
    assertThat(parse(JAVASCRIPT_SNIPPET, m).flat().get("theme").asText()).isEqualTo("dark");
    SessionRequest java =
        parse(JAVA_SNIPPET, withDefaultReturnUrl(m, SessionFixtures.DEFAULT_RETURN_URL));
    assertThat(java.returnUrl()).isEqualTo(SessionFixtures.DEFAULT_RETURN_URL);
    assertThat(java.flat().get("offer_code").asText()).isEqualTo("testingCode");
  }
}
