package dev.paysession.session;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;

/** Fields the seed sends as "stringified" JSON (mutual_fund_details, bank_account_details). */
final class JsonText {

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  /**
   * Beyond this exponent a number's plain text is needlessly long ({@code 1e-999999999} would be a
   * gigabyte of zeros); no rule accepts such a number, so its scientific form is as good.
   */
  private static final int MAX_PLAIN_SCALE = 100;

  private JsonText() {}

  /**
   * The exact text of a JSON number: plain notation ({@code 100.10}, never {@code 1.001E+2}),
   * except for extreme exponents, which keep their short scientific form.
   */
  static String numberText(JsonNode number) {
    if (!number.isBigDecimal()) {
      return number.asText();
    }
    BigDecimal value = number.decimalValue();
    return Math.abs(value.scale()) <= MAX_PLAIN_SCALE ? value.toPlainString() : value.toString();
  }

  /** The JSON value in {@code text}, or null when it is not JSON. */
  static JsonNode parse(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  /** An array given either as a JSON array or as its JSON text; null when it is neither. */
  static JsonNode arrayOrText(JsonNode node) {
    JsonNode value = node.isTextual() ? parse(node.asText()) : node;
    return value != null && value.isArray() ? value : null;
  }
}
