package dev.paysession.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.paysession.api.ApiException;
import dev.paysession.api.FieldError;
import dev.paysession.api.JsonBodies;
import dev.paysession.merchant.Environment;
import dev.paysession.merchant.Merchant;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Merchants, bodies and assertions shared by the pure SessionRules tests. */
final class SessionFixtures {

  /** 11:30 in India, 06:00 UTC: both calendars agree on the date. */
  static final Instant NOW = Instant.parse("2025-06-15T06:00:00Z");

  static final String CLIENT_ID = "client_1";
  static final String DEFAULT_RETURN_URL = "https://merchant.example.com/return";

  static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

  private SessionFixtures() {}

  static Merchant sandbox() {
    return merchant(Environment.SANDBOX);
  }

  static Merchant production() {
    return merchant(Environment.PRODUCTION);
  }

  /** Client ids of the tests and of the seed samples; INR, USD; no default return URL; no UPI. */
  static Merchant merchant(Environment environment) {
    return new Merchant(
        "merchant_1",
        "Merchant One",
        environment,
        Set.of(CLIENT_ID, "yourClientId", "your_client_id", "<your_client_id>"),
        Optional.empty(),
        List.of("INR", "USD"),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  static Merchant withDefaultReturnUrl(Merchant m, String url) {
    return new Merchant(
        m.merchantId(),
        m.name(),
        m.environment(),
        m.clientIds(),
        Optional.of(url),
        m.supportedCurrencies(),
        m.upiPayeeVpa(),
        m.upiPayeeName(),
        m.upiMerchantCode());
  }

  static Merchant withCurrencies(Merchant m, String... currencies) {
    return new Merchant(
        m.merchantId(),
        m.name(),
        m.environment(),
        m.clientIds(),
        m.defaultReturnUrl(),
        List.of(currencies),
        m.upiPayeeVpa(),
        m.upiPayeeName(),
        m.upiMerchantCode());
  }

  static Merchant withUpi(Merchant m) {
    return new Merchant(
        m.merchantId(),
        m.name(),
        m.environment(),
        m.clientIds(),
        m.defaultReturnUrl(),
        m.supportedCurrencies(),
        Optional.of("merchant@upi"),
        Optional.of("Merchant One"),
        Optional.of("5411"));
  }

  /** Reads JSON exactly as the server does (exact decimals, duplicate keys refused). */
  static ObjectNode json(String text) {
    return JsonBodies.readObject(
        new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
        "application/json",
        1 << 22);
  }

  /**
   * Any JSON value with exact decimals, without the body reader's storage checks: the rules must
   * stay safe even for values (such as 1e999999999) that the reader refuses first.
   */
  static JsonNode jsonValue(String text) {
    return JsonText.parse("{\"v\":" + text + "}").get("v");
  }

  /** The smallest body that passes every rule. */
  static Body validBody() {
    return new Body(
        json(
            """
            {
              "order_id": "ord-1",
              "amount": "100",
              "customer_id": "cust-1",
              "payment_page_client_id": "client_1",
              "action": "paymentPage",
              "return_url": "https://shop.merchant.com"
            }
            """));
  }

  /** A body with a valid mandate block (VARIABLE, ASPRESENTED by default). */
  static Body mandateBody() {
    return validBody().set("options.create_mandate", "REQUIRED").set("mandate.max_amount", "1000");
  }

  static String epoch(Instant instant) {
    return Long.toString(instant.getEpochSecond());
  }

  static SessionRequest accept(Body body) {
    return accept(body, sandbox());
  }

  static SessionRequest accept(Body body, Merchant merchant) {
    return SessionRules.parse(body.node(), merchant, NOW);
  }

  static ApiException reject(Body body) {
    return reject(body, sandbox());
  }

  static ApiException reject(Body body, Merchant merchant) {
    ApiException e =
        catchThrowableOfType(
            ApiException.class, () -> SessionRules.parse(body.node(), merchant, NOW));
    assertThat(e).as("expected an ApiException for %s", body.node()).isNotNull();
    assertThat(e.httpStatus()).isEqualTo(400);
    return e;
  }

  /** Exactly one offending field, invalid (not missing): error_code INVALID_REQUEST. */
  static FieldError onlyInvalid(Body body, String field) {
    return onlyInvalid(body, sandbox(), field);
  }

  static FieldError onlyInvalid(Body body, Merchant merchant, String field) {
    ApiException e = reject(body, merchant);
    assertThat(e.fields()).extracting(FieldError::field).containsExactly(field);
    assertThat(e.fields().get(0).kind()).isEqualTo(FieldError.Kind.INVALID);
    assertThat(e.errorCode()).isEqualTo("INVALID_REQUEST");
    assertThat(e.status()).isEqualTo("ERROR");
    return e.fields().get(0);
  }

  /** Exactly one offending field, missing: error_code "Mandatory fields are missing". */
  static void onlyMissing(Body body, String field) {
    onlyMissing(body, sandbox(), field);
  }

  static void onlyMissing(Body body, Merchant merchant, String field) {
    ApiException e = reject(body, merchant);
    assertThat(e.fields()).extracting(FieldError::field).containsExactly(field);
    assertThat(e.fields().get(0).kind()).isEqualTo(FieldError.Kind.MISSING);
    assertThat(e.fields().get(0).reason()).isEqualTo("Mandatory fields are missing");
    assertThat(e.errorCode()).isEqualTo("Mandatory fields are missing");
    assertThat(e.status()).isEqualTo("Bad Request");
  }

  /** A mutable request body; values may be String, Number, Boolean, JsonNode or null. */
  static final class Body {

    private final ObjectNode node;

    Body(ObjectNode node) {
      this.node = node;
    }

    Body set(String key, Object value) {
      node.set(key, toNode(value));
      return this;
    }

    /** Sets a raw JSON value, e.g. {@code setJson("mandate", "{\"max_amount\":\"10\"}")}. */
    Body setJson(String key, String json) {
      node.set(key, jsonValue(json));
      return this;
    }

    Body remove(String key) {
      node.remove(key);
      return this;
    }

    ObjectNode node() {
      return node;
    }

    private static JsonNode toNode(Object value) {
      if (value == null) {
        return NODES.nullNode();
      }
      if (value instanceof JsonNode n) {
        return n;
      }
      if (value instanceof String s) {
        return NODES.textNode(s);
      }
      if (value instanceof Boolean b) {
        return NODES.booleanNode(b);
      }
      if (value instanceof Integer i) {
        return NODES.numberNode(i);
      }
      if (value instanceof Long l) {
        return NODES.numberNode(l);
      }
      if (value instanceof BigDecimal d) {
        return NODES.numberNode(d);
      }
      if (value instanceof BigInteger i) {
        return NODES.numberNode(i);
      }
      throw new IllegalArgumentException("unsupported test value " + value);
    }
  }
}
