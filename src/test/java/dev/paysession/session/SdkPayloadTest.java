package dev.paysession.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paysession.rules.Amount;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SdkPayloadTest {

  @ParameterizedTest
  @CsvSource({
    "options.get_upi_deep_links, options.getUpiDeepLinks",
    "metadata.JUSPAY:gateway_reference_id, metadata.JUSPAY:gatewayReferenceId",
    "order_id, orderId",
    "customer_email, customerEmail",
    "return_url, returnUrl",
    "udf1, udf1",
    "mandate.max_amount, mandate.maxAmount",
    "metadata.txns.allow_card_no_3ds, metadata.txns.allowCardNo3ds",
    "metadata.RAZORPAY:notes, metadata.RAZORPAY:notes",
    "_private, _private",
    "trailing_, trailing_",
    "theme, theme"
  })
  void camelCase(String snake, String camel) {
    assertThat(SdkPayload.camelCase(snake)).isEqualTo(camel);
  }

  private static SdkPayload.Resolved resolved() {
    return new SdkPayload.Resolved(
        "testing-order-one",
        Amount.parse("1"),
        "INR",
        "https://shop.merchant.com",
        "paymentPage",
        "yourClientId",
        "yourMerchantId",
        "production",
        "tkn_x",
        "2022-03-12T20:29:23Z");
  }

  @Test
  void echoesTheRequestInCamelCaseLikeTheSeedResponse() {
    Map<String, JsonNode> flat =
        SessionRules.parse(
                SessionFixtures.json(SeedSamplesTest.V1_SAMPLE),
                SessionFixtures.withUpi(SessionFixtures.production()),
                SessionFixtures.NOW)
            .flat();
    Map<String, Object> payload = SdkPayload.build(flat, resolved());
    assertThat(payload)
        .containsEntry("clientId", "yourClientId")
        .containsEntry("amount", "1.0")
        .containsEntry("merchantId", "yourMerchantId")
        .containsEntry("clientAuthToken", "tkn_x")
        .containsEntry("clientAuthTokenExpiry", "2022-03-12T20:29:23Z")
        .containsEntry("environment", "production")
        .containsEntry("options.getUpiDeepLinks", "true")
        .containsEntry("lastName", "wick")
        .containsEntry("action", "paymentPage")
        .containsEntry("customerId", "testing-customer-one")
        .containsEntry("returnUrl", "https://shop.merchant.com")
        .containsEntry("currency", "INR")
        .containsEntry("firstName", "John")
        .containsEntry("customerPhone", "9876543210")
        .containsEntry("customerEmail", "test@mail.com")
        .containsEntry("orderId", "testing-order-one")
        .containsEntry("description", "Complete your payment")
        .doesNotContainKey("paymentPageClientId");
  }

  /** Juspay's recorded answers keep each echoed value's JSON type (issue 11). */
  @Test
  void scalarsKeepTheirJsonTypeAndNullsAreLeftOut() {
    Map<String, JsonNode> flat = new LinkedHashMap<>();
    flat.put("udf6", SessionFixtures.jsonValue("12.50"));
    flat.put("metadata.txns.allow_card_no_3ds", SessionFixtures.jsonValue("true"));
    flat.put("send_mail", SessionFixtures.jsonValue("\"true\""));
    flat.put("udf7", SessionFixtures.jsonValue("null"));
    Map<String, Object> payload = SdkPayload.build(flat, resolved());
    assertThat(payload.get("udf6")).isEqualTo(SessionFixtures.jsonValue("12.50"));
    assertThat(payload.get("udf6").toString()).isEqualTo("12.50");
    assertThat(payload.get("metadata.txns.allowCardNo3ds"))
        .isEqualTo(SessionFixtures.jsonValue("true"));
    assertThat(payload).containsEntry("sendMail", "true");
    assertThat(payload).doesNotContainKey("udf7");
  }

  @Test
  void theActionIsAlwaysThereAndAManagementSessionWithoutAnOrderHasNoOrderIdOrAmount() {
    Map<String, JsonNode> flat = new LinkedHashMap<>();
    flat.put("customer_id", SessionFixtures.jsonValue("\"cust-1\""));
    Map<String, Object> payload =
        SdkPayload.build(
            flat,
            new SdkPayload.Resolved(
                null,
                null,
                "INR",
                null,
                "paymentManagement",
                "yourClientId",
                "yourMerchantId",
                "sandbox",
                "tkn_x",
                "2022-03-12T20:29:23Z"));
    assertThat(payload)
        .containsEntry("action", "paymentManagement")
        .containsEntry("customerId", "cust-1")
        .doesNotContainKeys("orderId", "amount", "returnUrl");
    assertThat(SdkPayload.build(new LinkedHashMap<>(), resolved()))
        .containsEntry("action", "paymentPage");
  }

  @Test
  void anUnknownNumberWithAHugeExponentIsEchoedQuickly() {
    Map<String, JsonNode> flat = new LinkedHashMap<>();
    flat.put("theme", SessionFixtures.jsonValue("1e-999999999"));
    flat.put("udf6", SessionFixtures.jsonValue("1e999999999"));
    Map<String, Object> payload =
        Assertions.assertTimeoutPreemptively(
            Duration.ofSeconds(1), () -> SdkPayload.build(flat, resolved()));
    assertThat(payload.get("theme").toString()).hasSizeLessThan(100);
    assertThat(payload.get("udf6").toString()).hasSizeLessThan(100);
  }
}
