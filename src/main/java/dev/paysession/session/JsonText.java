package dev.paysession.session;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.paysession.api.Json;
import dev.paysession.api.RequestFields;

/** Fields the seed sends as "stringified" JSON (mutual_fund_details, bank_account_details). */
final class JsonText {

  private JsonText() {}

  /** The exact text of a JSON number, as {@link RequestFields#numberText} reads it. */
  static String numberText(JsonNode number) {
    return RequestFields.numberText(number);
  }

  /** The JSON value in {@code text}, or null when it is not JSON. */
  static JsonNode parse(String text) {
    try {
      return Json.exact().readTree(text);
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
