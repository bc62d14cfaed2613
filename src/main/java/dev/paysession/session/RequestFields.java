package dev.paysession.session;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paysession.api.FieldError;
import dev.paysession.rules.InvalidValue;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Typed access to the flat body that collects every problem instead of stopping at the first, so
 * one 400 can list all offending fields.
 *
 * <p>Leniencies, each one something Juspay's own clients do: a JSON number where a string is
 * documented is read as its exact text; a boolean may be a JSON boolean or the string "true" /
 * "false"; null and "" mean "not sent" for optional fields.
 */
final class RequestFields {

  private final Map<String, JsonNode> flat;
  private final List<FieldError> errors;

  RequestFields(Map<String, JsonNode> flat, List<FieldError> errors) {
    this.flat = flat;
    this.errors = errors;
  }

  List<FieldError> errors() {
    return errors;
  }

  /** True when the merchant sent a value: not absent, not null, not "". */
  boolean isSent(String key) {
    return sent(flat.get(key));
  }

  static boolean sent(JsonNode node) {
    return node != null && !node.isNull() && !(node.isTextual() && node.asText().isEmpty());
  }

  java.util.Set<String> flatKeys() {
    return flat.keySet();
  }

  JsonNode raw(String key) {
    return flat.get(key);
  }

  /** A mandatory string; records "missing" when absent, null or empty. */
  <T> T required(String key, Function<String, T> rule) {
    JsonNode node = flat.get(key);
    if (node == null || node.isNull() || (node.isTextual() && node.asText().isEmpty())) {
      errors.add(FieldError.missing(key));
      return null;
    }
    return text(key, true).map(v -> apply(key, v, rule)).orElse(null);
  }

  /** An optional string: empty when absent, null or "". */
  <T> Optional<T> optional(String key, Function<String, T> rule) {
    return text(key, true).map(v -> apply(key, v, rule));
  }

  /**
   * A field no rule checks, kept as sent: a plain value's text (a number as its exact text); empty
   * when absent, null, "", an object or an array, never an error (nothing was ever refused for it).
   */
  Optional<String> unchecked(String key) {
    JsonNode node = flat.get(key);
    return node != null && node.isBoolean() ? Optional.of(node.asText()) : text(key, false);
  }

  /** A boolean: JSON true/false or the strings "true"/"false" (any case). */
  Optional<Boolean> bool(String key) {
    JsonNode node = flat.get(key);
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    if (node.isBoolean()) {
      return Optional.of(node.booleanValue());
    }
    if (node.isTextual()) {
      String value = node.asText().trim().toLowerCase(Locale.ROOT);
      if (value.isEmpty()) {
        return Optional.empty();
      }
      if (value.equals("true") || value.equals("false")) {
        return Optional.of(Boolean.parseBoolean(value));
      }
    }
    errors.add(FieldError.invalid(key, "must be true or false"));
    return Optional.empty();
  }

  /** A positive whole number sent as a JSON integer or a string of digits ("60", not "60.00"). */
  Optional<Integer> positiveInteger(String key, int max) {
    return optional(
        key,
        value -> {
          if (!value.matches("[0-9]{1,10}")) {
            throw new InvalidValue("must be a whole number like \"60\"");
          }
          long number = Long.parseLong(value);
          if (number < 1) {
            throw new InvalidValue("must be at least 1");
          }
          if (number > max) {
            throw new InvalidValue("must be at most " + max);
          }
          return (int) number;
        });
  }

  void invalid(String key, String reason) {
    errors.add(FieldError.invalid(key, reason));
  }

  /** Records a missing field once, however many rules find it missing. */
  void missing(String key) {
    if (errors.stream().noneMatch(e -> e.field().equals(key))) {
      errors.add(FieldError.missing(key));
    }
  }

  private <T> T apply(String key, String value, Function<String, T> rule) {
    try {
      return rule.apply(value);
    } catch (InvalidValue e) {
      errors.add(FieldError.invalid(key, e.getMessage()));
      return null;
    }
  }

  /** The scalar text of a field; records "must be a string" for objects, arrays and booleans. */
  private Optional<String> text(String key, boolean record) {
    JsonNode node = flat.get(key);
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    if (node.isTextual()) {
      return node.asText().isEmpty() ? Optional.empty() : Optional.of(node.asText());
    }
    if (node.isNumber()) {
      return Optional.of(JsonText.numberText(node));
    }
    if (record) {
      errors.add(FieldError.invalid(key, "must be a string"));
    }
    return Optional.empty();
  }
}
