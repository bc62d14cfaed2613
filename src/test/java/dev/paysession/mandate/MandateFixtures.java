package dev.paysession.mandate;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.paysession.TestMerchants;
import dev.paysession.TestMerchants.Merchant;
import dev.paysession.checkout.Shopper;
import dev.paysession.order.AttemptKey;
import dev.paysession.order.AttemptOutcome;
import dev.paysession.order.AttemptStore;
import dev.paysession.order.MandateRegistrations;
import dev.paysession.order.NewAttempt;
import dev.paysession.order.OrderDetails;
import dev.paysession.order.OrderReader;
import dev.paysession.order.OrderRecord;
import dev.paysession.order.OrderStore;
import dev.paysession.order.PaymentStateMachine;
import dev.paysession.order.TransactionRecord;
import dev.paysession.order.TransactionStatus;
import dev.paysession.order.TxnObjectType;
import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Mandates for tests, without the hosted page: a mandate order opened with {@code POST /session}
 * ({@code options.create_mandate}), then, in one transaction, a UPI registration attempt started
 * and charged through the payment state machine with its mandate registered and activated through
 * {@link MandateRegistrations}, as checkout does it. The order then reads CHARGED with its {@code
 * mandate} block, and the mandate is ACTIVE (MANDATE_CREATED and MANDATE_ACTIVATED queued).
 */
public final class MandateFixtures {

  public static final String PAYER_VPA = "customer@upi";

  private MandateFixtures() {}

  /** A registered mandate, and the order that registered it. */
  public record Mandate(Merchant merchant, String orderId, String mandateId, String customerId) {}

  /**
   * An ACTIVE UPI mandate of {@code customerId}, VARIABLE up to {@code maxAmount}.
   *
   * @param extra further session fields ({@code mandate.end_date}, {@code
   *     mandate.revokable_by_customer}, …), flat dotted keys
   */
  public static Mandate activeMandate(
      Merchant merchant,
      String customerId,
      String maxAmount,
      String frequency,
      Map<String, Object> extra) {
    Map<String, Object> body = merchant.body(TestMerchants.uniqueId("md"));
    body.put("amount", "1.00");
    body.put("customer_id", customerId);
    body.put("options.create_mandate", "REQUIRED");
    body.put("mandate.max_amount", maxAmount);
    body.put("mandate.frequency", frequency);
    if (OrderDetails.Frequency.valueOf(frequency).needsRuleValue()) {
      body.put("mandate.rule_value", "1");
    }
    body.putAll(extra);
    String orderId = Shopper.open(merchant, body).orderId();
    String mandateId =
        QuarkusTransaction.requiringNew().call(() -> register(merchant.merchantId(), orderId));
    return new Mandate(merchant, orderId, mandateId, customerId);
  }

  /** A monthly mandate up to 5000 with the session's defaults. */
  public static Mandate activeMandate(Merchant merchant, String customerId) {
    return activeMandate(merchant, customerId, "5000", "MONTHLY", Map.of());
  }

  /** Extra session fields, as name, value pairs. */
  public static Map<String, Object> fields(Object... nameValues) {
    Map<String, Object> fields = new LinkedHashMap<>();
    for (int i = 0; i < nameValues.length; i += 2) {
      fields.put((String) nameValues[i], nameValues[i + 1]);
    }
    return fields;
  }

  /** The merchant's server calling Juspay's APIs: Basic auth and x-merchantid. */
  public static RequestSpecification server(Merchant merchant) {
    return given()
        .header("Authorization", TestMerchants.basicWithColon(merchant.apiKey()))
        .header("x-merchantid", merchant.merchantId());
  }

  /** {@code POST /mandates/{mandate_id}} as a form: {@code name, value, name, value, …}. */
  public static Response command(Mandate mandate, String... nameValues) {
    RequestSpecification request =
        server(mandate.merchant()).contentType(ContentType.URLENC.withCharset("UTF-8"));
    for (int i = 0; i < nameValues.length; i += 2) {
      request = request.formParam(nameValues[i], nameValues[i + 1]);
    }
    return request.post("/mandates/" + mandate.mandateId());
  }

  /** The answer's JSON, failing the test on anything but 200. */
  public static JsonPath ok(Response response) {
    assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
    return response.jsonPath();
  }

  /**
   * Asserts an error answer: its HTTP status, error_code and (when given) a part of its message.
   */
  public static JsonPath error(Response response, int status, String errorCode, String says) {
    assertThat(response.statusCode()).as(response.asString()).isEqualTo(status);
    JsonPath json = response.jsonPath();
    assertThat(json.getString("error_code")).isEqualTo(errorCode);
    if (says != null) {
      assertThat(json.getString("error_message")).contains(says);
    }
    return json;
  }

  /**
   * The payloads of the mandate's MANDATE_* webhooks, oldest first (they go out with the events of
   * its registration order).
   */
  public static List<JsonPath> mandateEvents(Mandate mandate) {
    Response response =
        TestMerchants.admin()
            .get(
                "/admin/merchants/"
                    + mandate.merchant().merchantId()
                    + "/orders/"
                    + mandate.orderId()
                    + "/webhooks");
    assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
    List<JsonPath> events = new ArrayList<>();
    List<Map<String, Object>> listed = response.jsonPath().getList("events");
    for (int i = 0; i < listed.size(); i++) {
      JsonPath payload =
          new JsonPath(response.jsonPath().prettify()).setRootPath("events[" + i + "].payload");
      if (payload.getString("event_name").startsWith("MANDATE_")) {
        events.add(payload);
      }
    }
    return events;
  }

  /** The names of the mandate's webhooks, oldest first. */
  public static List<String> mandateEventNames(Mandate mandate) {
    return mandateEvents(mandate).stream().map(e -> e.getString("event_name")).toList();
  }

  private static String register(String merchantId, String orderId) throws Exception {
    OrderReader orders = bean(OrderReader.class);
    PaymentStateMachine payments = bean(PaymentStateMachine.class);
    MandateRegistrations registrations = bean(MandateRegistrations.class);
    Instant now = bean(MerchantTime.class).now(merchantId);
    bean(OrderStore.class).lock(merchantId, orderId).orElseThrow();
    OrderRecord order = orders.byOrderId(merchantId, orderId).orElseThrow();
    AttemptKey key = new AttemptKey(merchantId, orderId, 1);
    String txnId = merchantId + "-" + orderId + "-1";
    String mandateId =
        registrations.register(
            new MandateRegistrations.Registration(
                order,
                txnId,
                "UPI",
                "UPI_COLLECT",
                Optional.of(PAYER_VPA),
                Optional.empty(),
                Optional.empty()),
            now);
    payments.start(
        new NewAttempt(
            key,
            txnId,
            TestMerchants.uniqueId("u").replace("_", ""),
            order.amount(),
            order.currency(),
            order.routingId(),
            "SANDBOX",
            0,
            "UPI",
            "UPI_COLLECT",
            null,
            null,
            null,
            PAYER_VPA,
            TxnObjectType.EMANDATE_REGISTER,
            mandateId),
        now);
    payments.record(key, CHARGED, false, now);
    TransactionRecord attempt =
        bean(AttemptStore.class).ofOrder(merchantId, orderId).stream()
            .filter(txn -> txn.attempt() == 1)
            .findFirst()
            .orElseThrow();
    registrations.attemptEnded(attempt, now);
    return mandateId;
  }

  private static final AttemptOutcome CHARGED =
      new AttemptOutcome() {
        @Override
        public TransactionStatus status() {
          return TransactionStatus.CHARGED;
        }

        @Override
        public String gatewayTxnId() {
          return "sandbox-mandate-registration";
        }

        @Override
        public String respCode() {
          return "SUCCESS";
        }

        @Override
        public String respMessage() {
          return "Mandate registered";
        }

        @Override
        public Optional<String> errorCode() {
          return Optional.empty();
        }

        @Override
        public Optional<String> errorMessage() {
          return Optional.empty();
        }

        @Override
        public Optional<String> cardToken() {
          return Optional.empty();
        }

        @Override
        public Optional<String> rrn() {
          return Optional.empty();
        }
      };

  private static <T> T bean(Class<T> type) {
    return Arc.container().instance(type).get();
  }
}
