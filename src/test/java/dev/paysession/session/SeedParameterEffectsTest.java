package dev.paysession.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paysession.TestMerchants;
import dev.paysession.TestMerchants.Merchant;
import dev.paysession.checkout.Shopper;
import dev.paysession.checkout.Shopper.Session;
import dev.paysession.gateway.PaymentGateway.GatewayPayment;
import dev.paysession.order.OrderReader;
import dev.paysession.order.OrderRecord;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The seed's parameters that had no test of their effect: each one sent shows up where docs/api.md
 * says (the order status, the webhook's order, the session answer's {@code sdk_payload} for the
 * SDK), and is absent when it was not sent. The rest are mapped to their tests in docs/api.md's
 * parameter tables.
 */
@QuarkusTest
class SeedParameterEffectsTest {

  @Inject OrderReader orders;

  @Test
  void theGatewayIsHandedItsMetadataAndTheExemption() throws Exception {
    Merchant merchant = TestMerchants.create();
    Map<String, Object> body = merchant.body(TestMerchants.uniqueId("fx"));
    body.put("metadata.payu:udf1", "PNR-1");
    body.put("metadata.RAZORPAY:notes", Map.of("seat", "F7"));
    body.put("metadata.txns.allow_card_no_3ds", "true");
    Session session = Shopper.open(merchant, body);
    OrderRecord order = orders.byOrderId(merchant.merchantId(), session.orderId()).orElseThrow();

    GatewayPayment payment = GatewayPayment.of(order, "txn-1");

    assertThat(payment.gatewayMetadata())
        .containsEntry("PAYU:udf1", "PNR-1")
        .containsEntry("RAZORPAY:notes", "{\"seat\":\"F7\"}");
    assertThat(payment.allowCardNo3ds()).isTrue();
    assertThat(payment.customerId()).isEqualTo("testing-customer-one");
  }

  @Test
  void withoutMetadataTheGatewayGetsNoneAndNoExemption() throws Exception {
    Merchant merchant = TestMerchants.create();
    Map<String, Object> body = merchant.body(TestMerchants.uniqueId("fx"));
    body.remove("metadata.JUSPAY:gateway_reference_id");
    Session session = Shopper.open(merchant, body);
    OrderRecord order = orders.byOrderId(merchant.merchantId(), session.orderId()).orElseThrow();

    GatewayPayment payment = GatewayPayment.of(order, "txn-1");

    assertThat(payment.gatewayMetadata()).isEmpty();
    assertThat(payment.allowCardNo3ds()).isFalse();
  }

  @Test
  void theOrderStatusShowsThePhoneWithItsCountryCodeAndTheOrderFields() {
    Merchant merchant = TestMerchants.create();
    Map<String, Object> body = merchant.body(TestMerchants.uniqueId("fx"));
    body.put("mobile_country_code", "+91");
    body.put("description", "Two tickets, row F");
    for (int i = 1; i <= 10; i++) {
      body.put("udf" + i, "u" + i);
    }
    body.put("metadata.expiryInMins", "60");
    Instant before = Instant.now().minusSeconds(1);
    Session session = Shopper.open(merchant, body);

    JsonPath order = Shopper.orderStatus(session);

    assertThat(order.getString("customer_phone")).isEqualTo("9876543210");
    assertThat(order.getString("mobile_country_code")).as("digits, '+' dropped").isEqualTo("91");
    assertThat(order.getString("customer_email")).isEqualTo("test@mail.com");
    assertThat(order.getString("customer_id")).isEqualTo("testing-customer-one");
    assertThat(order.getString("description")).isEqualTo("Two tickets, row F");
    for (int i = 1; i <= 10; i++) {
      assertThat(order.getString("udf" + i)).isEqualTo("u" + i);
    }
    assertThat(order.getString("gateway_reference_id")).isEqualTo("Merchant_test");
    assertThat(order.getString("currency")).isEqualTo("INR");
    assertThat(Duration.between(before, Instant.parse(order.getString("order_expiry"))))
        .isBetween(Duration.ofMinutes(60), Duration.ofMinutes(61));
  }

  @Test
  void withoutAMobileCountryCodeTheKeyIsAbsent() {
    Merchant merchant = TestMerchants.create();
    Session session = Shopper.open(merchant, merchant.body(TestMerchants.uniqueId("fx")));

    Response status = Shopper.merchantGet(merchant, "/orders/" + session.orderId());

    assertThat(status.jsonPath().getString("customer_phone")).isEqualTo("9876543210");
    assertThat(status.asString()).doesNotContain("mobile_country_code");
  }

  @Test
  void theSessionAnswerHandsNamesLanguageThemeAndCountryCodeToTheSdk() {
    Merchant merchant = TestMerchants.create();
    Map<String, Object> body = merchant.body(TestMerchants.uniqueId("fx"));
    body.put("mobile_country_code", "91");
    body.put("language", "hindi");
    body.put("theme", "dark");
    body.put("metadata.PAYU:udf1", "PNR-1");

    Map<String, Object> payload =
        merchant
            .session()
            .body(body)
            .post("/session")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getMap("sdk_payload.payload");

    assertThat(payload)
        .containsEntry("firstName", "John")
        .containsEntry("lastName", "wick")
        .containsEntry("customerPhone", "9876543210")
        .containsEntry("mobileCountryCode", "91")
        .containsEntry("language", "hindi")
        .containsEntry("theme", "dark")
        .containsEntry("metadata.PAYU:udf1", "PNR-1");
  }

  @Test
  void theWebhooksOrderCarriesTheCountryCodeToo() {
    Merchant merchant = TestMerchants.create();
    Map<String, Object> body = merchant.body(TestMerchants.uniqueId("fx"));
    body.put("mobile_country_code", "65");
    Session session = Shopper.open(merchant, body);
    Shopper.payByCardWithCode(session, Shopper.VISA, Shopper.OTP);

    JsonPath events =
        TestMerchants.admin()
            .get(
                "/admin/merchants/"
                    + merchant.merchantId()
                    + "/orders/"
                    + session.orderId()
                    + "/webhooks")
            .jsonPath();

    int succeeded = events.getList("events.event_name", String.class).indexOf("ORDER_SUCCEEDED");
    assertThat(succeeded).isNotNegative();
    assertThat(events.getString("events[" + succeeded + "].payload.content.order.customer_phone"))
        .isEqualTo("9876543210");
    assertThat(
            events.getString("events[" + succeeded + "].payload.content.order.mobile_country_code"))
        .isEqualTo("65");
  }
}
