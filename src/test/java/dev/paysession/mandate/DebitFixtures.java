package dev.paysession.mandate;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.paysession.TestMerchants;
import dev.paysession.TestMerchants.Merchant;
import dev.paysession.api.RandomTokens;
import dev.paysession.order.OrderDetails.AmountRule;
import dev.paysession.order.OrderDetails.Frequency;
import dev.paysession.rules.Amount;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Mandates to debit, for the debit tests. Registration on the page is another part of issue 14:
 * until it lands, a mandate is created on an order made by {@code POST /orders} and activated
 * through {@link MandateStateMachine} directly, as a charged registration would.
 */
@ApplicationScoped
public class DebitFixtures {

  private final MandateStateMachine states;

  DebitFixtures(MandateStateMachine states) {
    this.states = states;
  }

  /** What a test mandate is like; {@link #upi} is the usual one. */
  public record Spec(
      String paymentMethodType,
      String maxAmount,
      AmountRule amountRule,
      Frequency frequency,
      Optional<String> ruleType,
      Optional<Integer> ruleValue) {

    static Spec upi(Frequency frequency) {
      return new Spec(
          "UPI", "20000", AmountRule.VARIABLE, frequency, Optional.empty(), Optional.empty());
    }

    Spec method(String type) {
      return new Spec(type, maxAmount, amountRule, frequency, ruleType, ruleValue);
    }

    Spec max(String amount, AmountRule rule) {
      return new Spec(paymentMethodType, amount, rule, frequency, ruleType, ruleValue);
    }

    Spec rule(String type, int value) {
      return new Spec(
          paymentMethodType,
          maxAmount,
          amountRule,
          frequency,
          Optional.of(type),
          Optional.of(value));
    }
  }

  /** An ACTIVE mandate of {@code customer}, from {@code start} for two years. */
  @Transactional(rollbackOn = Exception.class)
  public MandateRecord active(
      Merchant merchant, String customer, Spec spec, Instant start, Instant now)
      throws SQLException {
    String orderId = registrationOrder(merchant, customer);
    String mandateId = RandomTokens.upperHex(11).toLowerCase(Locale.ROOT);
    boolean enach = spec.paymentMethodType().equals("NB");
    MandateRecord mandate =
        new MandateRecord(
            merchant.merchantId(),
            mandateId,
            RandomTokens.hex32(),
            orderId,
            merchant.merchantId() + "-" + orderId + "-1",
            Optional.of(customer),
            MandateStatus.CREATED,
            MandateRecord.typeOf(spec.paymentMethodType()),
            spec.paymentMethodType(),
            spec.paymentMethodType().equals("CARD") ? "VISA" : enach ? "JP_HDFC" : "UPI_COLLECT",
            spec.paymentMethodType().equals("UPI") ? Optional.of("success@upi") : Optional.empty(),
            enach ? Optional.of("NETBANKING") : Optional.empty(),
            enach
                ? Optional.of(
                    new MandateRecord.BankDetails("HDFC0000001", "Asha", "HDFC", "1234567890"))
                : Optional.empty(),
            Amount.of(new BigDecimal(spec.maxAmount()), "INR"),
            "INR",
            spec.amountRule(),
            spec.frequency(),
            spec.ruleType(),
            spec.ruleValue(),
            start,
            start.plus(730, ChronoUnit.DAYS),
            true,
            false,
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            now,
            now);
    states.create(mandate, now);
    return states.activate(merchant.merchantId(), mandateId, now).orElseThrow();
  }

  // Pause, resume and revoke go through the merchant's own API, POST /mandates/{mandate_id}.

  public static void pause(Merchant merchant, MandateRecord m, Instant until) {
    mandateCommand(merchant, m, "command", "pause", "pause_end_date", epoch(until))
        .then()
        .statusCode(200)
        .body("mandate_status", equalTo("PAUSED"));
  }

  public static void resume(Merchant merchant, MandateRecord m) {
    mandateCommand(merchant, m, "command", "resume")
        .then()
        .statusCode(200)
        .body("mandate_status", equalTo("ACTIVE"));
  }

  public static void revoke(Merchant merchant, MandateRecord m) {
    mandateCommand(merchant, m, "command", "revoke")
        .then()
        .statusCode(200)
        .body("mandate_status", equalTo("REVOKED"));
  }

  private static Response mandateCommand(Merchant merchant, MandateRecord m, String... nameValues) {
    RequestSpecification request =
        MandateFixtures.server(merchant).contentType(ContentType.URLENC.withCharset("UTF-8"));
    for (int i = 0; i < nameValues.length; i += 2) {
      request = request.formParam(nameValues[i], nameValues[i + 1]);
    }
    return request.post("/mandates/" + m.mandateId());
  }

  private static String epoch(Instant instant) {
    return Long.toString(instant.getEpochSecond());
  }

  /** The registration order: an ordinary order of the customer ({@code POST /orders}). */
  static String registrationOrder(Merchant merchant, String customer) {
    String orderId = TestMerchants.uniqueId("reg");
    Response created =
        call(merchant)
            .contentType(ContentType.URLENC)
            .formParam("order_id", orderId)
            .formParam("amount", "1.00")
            .formParam("customer_id", customer)
            .formParam("return_url", "https://shop.example/return")
            .post("/orders");
    assertThat(created.statusCode()).as(created.asString()).isEqualTo(200);
    return orderId;
  }

  static RequestSpecification call(Merchant merchant) {
    return given()
        .header("Authorization", TestMerchants.basicWithColon(merchant.apiKey()))
        .header("x-merchantid", merchant.merchantId());
  }

  /** {@code POST /txns} as a form, with the given name-value pairs. */
  static Response txns(Merchant merchant, String... nameValues) {
    RequestSpecification request = call(merchant).contentType(ContentType.URLENC);
    for (int i = 0; i < nameValues.length; i += 2) {
      request = request.formParam(nameValues[i], nameValues[i + 1]);
    }
    return request.post("/txns");
  }

  static JsonPath orderStatus(Merchant merchant, String orderId) {
    Response response = call(merchant).get("/orders/" + orderId);
    assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
    return response.jsonPath();
  }

  /** The webhook events stored for an order, oldest first. */
  static List<String> events(Merchant merchant, String orderId) {
    Response response =
        TestMerchants.admin()
            .get("/admin/merchants/" + merchant.merchantId() + "/orders/" + orderId + "/webhooks");
    assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
    return response.jsonPath().getList("events.event_name");
  }

  static JsonPath eventsJson(Merchant merchant, String orderId) {
    return TestMerchants.admin()
        .get("/admin/merchants/" + merchant.merchantId() + "/orders/" + orderId + "/webhooks")
        .jsonPath();
  }
}
