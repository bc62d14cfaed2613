package dev.paysession.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paysession.TestMerchants;
import dev.paysession.TestMerchants.Merchant;
import dev.paysession.checkout.Shopper;
import dev.paysession.checkout.Shopper.Session;
import dev.paysession.db.EmbeddedPostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each webhook carries the one content key Juspay's event carries (juspay-real-wire §0 item 8, §6):
 * {@code TXN_CHARGED} and {@code TXN_FAILED} Juspay's transaction object under {@code txn}, the
 * others the order-status object under {@code order}. Paid on the hosted page, received at a local
 * endpoint, compared key by key and type by type with the reference.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresTestResource.class)
class TxnWebhookPayloadTest {

  private static final Duration PATIENCE = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A JSON value's type, as the reference names them. */
  enum Type {
    STRING,
    INTEGER,
    NUMBER,
    BOOLEAN,
    OBJECT,
    NULL
  }

  /**
   * {@code content.txn}, juspay-real-wire §6 ("a flat txn"), with the types of §1 (amounts are JSON
   * numbers, {@code gateway_id} a number in responses, {@code surcharge_amount} and {@code
   * tax_amount} present and often null, timestamps ISO strings) and §3 ({@code txn_detail}: {@code
   * error_code} null on success, {@code express_checkout} and {@code redirect} booleans).
   */
  private static final Map<String, Set<Type>> TXN_KEYS = txnKeys();

  private static Map<String, Set<Type>> txnKeys() {
    Map<String, Set<Type>> keys = new LinkedHashMap<>();
    keys.put("txn_id", Set.of(Type.STRING));
    keys.put("txn_uuid", Set.of(Type.STRING));
    keys.put("order_id", Set.of(Type.STRING));
    keys.put("status", Set.of(Type.STRING));
    keys.put("status_id", Set.of(Type.INTEGER));
    keys.put("txn_amount", Set.of(Type.NUMBER, Type.INTEGER));
    keys.put("net_amount", Set.of(Type.NUMBER, Type.INTEGER));
    keys.put("surcharge_amount", Set.of(Type.NULL, Type.NUMBER, Type.INTEGER));
    keys.put("tax_amount", Set.of(Type.NULL, Type.NUMBER, Type.INTEGER));
    keys.put("currency", Set.of(Type.STRING));
    keys.put("gateway", Set.of(Type.STRING));
    keys.put("gateway_id", Set.of(Type.INTEGER));
    keys.put("payment_method", Set.of(Type.STRING));
    keys.put("payment_method_type", Set.of(Type.STRING));
    keys.put("txn_flow_type", Set.of(Type.STRING));
    keys.put("express_checkout", Set.of(Type.BOOLEAN));
    keys.put("redirect", Set.of(Type.BOOLEAN));
    keys.put("error_code", Set.of(Type.NULL, Type.STRING));
    keys.put("error_message", Set.of(Type.STRING));
    keys.put("created", Set.of(Type.STRING));
    keys.put("payment_gateway_response", Set.of(Type.OBJECT));
    return keys;
  }

  /**
   * {@code payment_gateway_response}, juspay-real-wire §3: {@code resp_code}, {@code resp_message},
   * {@code rrn}, {@code epg_txn_id}, {@code auth_id_code}, {@code txn_id}, {@code created}; the
   * gateway's own values may be null before it answers.
   */
  private static final Map<String, Set<Type>> GATEWAY_RESPONSE_KEYS =
      Map.of(
          "resp_code", Set.of(Type.NULL, Type.STRING),
          "resp_message", Set.of(Type.NULL, Type.STRING),
          "rrn", Set.of(Type.NULL, Type.STRING),
          "epg_txn_id", Set.of(Type.NULL, Type.STRING),
          "auth_id_code", Set.of(Type.NULL, Type.STRING),
          "txn_id", Set.of(Type.STRING),
          "created", Set.of(Type.STRING));

  private static final String WHOLE_SECONDS = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z";

  @RegisterExtension final Receivers receivers = new Receivers();

  @ParameterizedTest
  @CsvSource({
    "card, 4111111111111111, TXN_CHARGED, ORDER_SUCCEEDED, CHARGED, 21",
    "card, 4000000000000002, TXN_FAILED, ORDER_FAILED, AUTHORIZATION_FAILED, 27",
    "upi, success@upi, TXN_CHARGED, ORDER_SUCCEEDED, CHARGED, 21",
    "upi, failure@upi, TXN_FAILED, ORDER_FAILED, AUTHORIZATION_FAILED, 27"
  })
  void txnEventsCarryJuspaysTransactionObjectAndOrderEventsTheOrder(
      String method,
      String instrument,
      String txnEvent,
      String orderEvent,
      String status,
      int statusId) {
    WebhookReceiver receiver = receivers.start();
    Merchant merchant = Webhooks.merchantSendingTo(receiver);
    Session session = Shopper.open(merchant, TestMerchants.uniqueId("tx"));
    if (method.equals("card")) {
      Shopper.payByCardWithCode(session, instrument, Shopper.OTP);
    } else {
      Shopper.seeOther(Shopper.post(session.pagePath() + "/upi", "vpa", instrument));
    }
    Webhooks.await("3 events", PATIENCE, () -> receiver.deliveries().size() >= 3);

    List<WebhookReceiver.Delivery> deliveries = receiver.deliveries();
    assertThat(deliveries.stream().map(WebhookReceiver.Delivery::eventName))
        .containsExactly("TXN_CREATED", txnEvent, orderEvent);
    JsonNode created = body(deliveries.get(0));
    JsonNode txnPayload = body(deliveries.get(1));
    JsonNode orderPayload = body(deliveries.get(2));
    // One content key per event: order for TXN_CREATED and ORDER_*, txn for TXN_CHARGED/FAILED.
    assertThat(fieldNames(created.path("content"))).containsExactly("order");
    assertThat(fieldNames(txnPayload.path("content"))).containsExactly("txn");
    assertThat(fieldNames(orderPayload.path("content"))).containsExactly("order");
    assertThat(fieldNames(txnPayload))
        .containsExactly("id", "event_name", "date_created", "content");

    // content.txn: the reference's keys with the reference's types, nothing else.
    JsonNode txn = txnPayload.path("content").path("txn");
    Map<String, Set<Type>> expected = new LinkedHashMap<>(TXN_KEYS);
    expected.put(method, Set.of(Type.OBJECT));
    assertThat(types(txn).keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
    expected.forEach((key, allowed) -> assertThat(allowed).as(key).contains(types(txn).get(key)));
    JsonNode gatewayResponse = txn.path("payment_gateway_response");
    assertThat(types(gatewayResponse).keySet())
        .containsExactlyInAnyOrderElementsOf(GATEWAY_RESPONSE_KEYS.keySet());
    GATEWAY_RESPONSE_KEYS.forEach(
        (key, allowed) -> assertThat(allowed).as(key).contains(types(gatewayResponse).get(key)));

    // Its values: the attempt, as the order-status object shows the same transaction.
    Map<String, Object> order = Shopper.orderStatus(session).getMap("");
    assertThat(txn.path("order_id").asText()).isEqualTo(session.orderId());
    assertThat(txn.path("txn_id").asText())
        .isEqualTo(merchant.merchantId() + "-" + session.orderId() + "-1")
        .isEqualTo(order.get("txn_id"));
    assertThat(txn.path("txn_uuid").asText()).isEqualTo(order.get("txn_uuid"));
    assertThat(txn.path("status").asText()).isEqualTo(status);
    assertThat(txn.path("status_id").asInt()).isEqualTo(statusId);
    assertThat(txn.path("payment_method_type").asText())
        .isEqualTo(order.get("payment_method_type"));
    assertThat(txn.path("payment_method").asText()).isEqualTo(order.get("payment_method"));
    assertThat(txn.path("txn_flow_type").asText())
        .isEqualTo(method.equals("card") ? "CARD_TRANSACTION" : "COLLECT");
    BigDecimal amount = new BigDecimal(String.valueOf(order.get("amount")));
    assertThat(txn.path("txn_amount").decimalValue()).isEqualByComparingTo(amount);
    assertThat(txn.path("net_amount").decimalValue()).isEqualByComparingTo(amount);
    assertThat(txn.path("created").asText()).matches(WHOLE_SECONDS);
    assertThat(gatewayResponse.path("created").asText()).matches(WHOLE_SECONDS);
    @SuppressWarnings("unchecked")
    Map<String, Object> detail = (Map<String, Object>) order.get("txn_detail");
    for (String shared : List.of("txn_id", "order_id", "status", "error_code", "error_message")) {
      assertThat(text(txn.path(shared))).as(shared).isEqualTo(detail.get(shared));
    }
    JsonPath txnPath = deliveries.get(1).json();
    assertThat(txnPath.getMap("content.txn." + method)).isEqualTo(order.get(method));
    assertThat(txnPath.getMap("content.txn.payment_gateway_response"))
        .isEqualTo(order.get("payment_gateway_response"));
    if (statusId == 21) {
      assertThat(txn.path("error_code").isNull()).isTrue();
    } else {
      assertThat(txn.path("error_code").asText()).isNotBlank();
      assertThat(txn.path("error_message").asText()).isNotBlank();
    }

    // ORDER_* still carries the order-status object, as GET /orders/{order_id} shows it.
    assertThat(deliveries.get(2).json().getMap("content.order")).isEqualTo(order);
    assertThat(orderPayload.path("content").path("order").path("status").asText())
        .isEqualTo(status);
  }

  private static JsonNode body(WebhookReceiver.Delivery delivery) {
    try {
      return JSON.readTree(delivery.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> fieldNames(JsonNode object) {
    List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static Map<String, Type> types(JsonNode object) {
    Map<String, Type> types = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      types.put(field.getKey(), type(field.getValue()));
    }
    return types;
  }

  private static Type type(JsonNode value) {
    return switch (value.getNodeType()) {
      case STRING -> Type.STRING;
      case NUMBER -> value.isIntegralNumber() ? Type.INTEGER : Type.NUMBER;
      case BOOLEAN -> Type.BOOLEAN;
      case OBJECT -> Type.OBJECT;
      case NULL -> Type.NULL;
      default -> throw new AssertionError("unexpected JSON " + value.getNodeType());
    };
  }

  private static String text(JsonNode value) {
    return value.isNull() ? null : value.asText();
  }
}
