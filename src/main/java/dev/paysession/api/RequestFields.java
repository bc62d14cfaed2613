package dev.paysession.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.paysession.rules.InvalidValue;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Typed access to a request body that collects every problem instead of stopping at the first, so
 * one 400 can list all offending fields. The one field-error collector of {@code /session} and the
 * admin API; each rule is a plain function that throws {@link InvalidValue}.
 *
 * <p>Leniencies of {@link #ofFlatBody} (the Juspay API), each one something Juspay's own clients
 * do: a JSON number where a string is documented is read as its exact text; a boolean may be a JSON
 * boolean or the string "true" / "false". {@link #ofObject} (the admin API) takes JSON strings
 * only. In both, null and "" mean "not sent" for {@link #optional} fields.
 */
public final class RequestFields {

  /**
   * Beyond this exponent a number's plain text is needlessly long ({@code 1e-999999999} would be a
   * gigabyte of zeros); no rule accepts such a number, so its scientific form is as good.
   */
  private static final int MAX_PLAIN_SCALE = 100;

  private final Map<String, JsonNode> fields;
  private final List<FieldError> errors;
  private final boolean numbersAsText;

  private RequestFields(Map<String, JsonNode> fields, List<FieldError> errors, boolean lenient) {
    this.fields = fields;
    this.errors = errors;
    this.numbersAsText = lenient;
  }

  /**
   * The flattened Juspay body (dotted keys); problems go to {@code errors}, which may have some.
   */
  public static RequestFields ofFlatBody(Map<String, JsonNode> flat, List<FieldError> errors) {
    return new RequestFields(flat, errors, true);
  }

  /** The top-level fields of an admin API body; string values must be JSON strings. */
  public static RequestFields ofObject(ObjectNode body) {
    Map<String, JsonNode> fields = new LinkedHashMap<>();
    body.fields().forEachRemaining(field -> fields.put(field.getKey(), field.getValue()));
    return new RequestFields(fields, new ArrayList<>(), false);
  }

  public List<FieldError> errors() {
    return errors;
  }

  /** Throws the 400 listing every problem found so far, if there is one. */
  public void throwIfAny() {
    if (!errors.isEmpty()) {
      throw ApiException.badFields(errors);
    }
  }

  /** True when the body has the key at all, even as null or "". */
  public boolean has(String key) {
    return fields.containsKey(key);
  }

  /** True when the merchant sent a value: not absent, not null, not "". */
  public boolean isSent(String key) {
    return sent(fields.get(key));
  }

  public static boolean sent(JsonNode node) {
    return node != null && !node.isNull() && !(node.isTextual() && node.asText().isEmpty());
  }

  public Set<String> flatKeys() {
    return fields.keySet();
  }

  public JsonNode raw(String key) {
    return fields.get(key);
  }

  /** A mandatory string; records "missing" when absent, null or empty. */
  public <T> T required(String key, Function<String, T> rule) {
    JsonNode node = fields.get(key);
    if (!sent(node)) {
      errors.add(FieldError.missing(key));
      return null;
    }
    return text(key, node).map(v -> apply(key, v, rule)).orElse(null);
  }

  /** An optional string: empty when absent, null or "". */
  public <T> Optional<T> optional(String key, Function<String, T> rule) {
    JsonNode node = fields.get(key);
    if (!sent(node)) {
      return Optional.empty();
    }
    return text(key, node).map(v -> apply(key, v, rule));
  }

  /**
   * A new value for a setting the caller already has: empty when absent or null (keep the current
   * one); anything else, "" included, must pass the rule.
   */
  public <T> Optional<T> replacing(String key, Function<String, T> rule) {
    JsonNode node = fields.get(key);
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    return text(key, node).map(v -> apply(key, v, rule));
  }

  /**
   * A setting that can be cleared: empty when absent (keep the current value), an empty inner value
   * for null or "" (clear it), else the validated value.
   */
  public <T> Optional<Optional<T>> clearable(String key, Function<String, T> rule) {
    if (!fields.containsKey(key)) {
      return Optional.empty();
    }
    JsonNode node = fields.get(key);
    if (!sent(node)) {
      return Optional.of(Optional.empty());
    }
    return Optional.of(text(key, node).map(v -> apply(key, v, rule)));
  }

  /**
   * A field no rule checks, kept as sent: a plain value's text (a number as its exact text); empty
   * when absent, null, "", an object or an array, never an error (nothing was ever refused for it).
   */
  public Optional<String> unchecked(String key) {
    JsonNode node = fields.get(key);
    if (!sent(node)) {
      return Optional.empty();
    }
    if (node.isTextual() || node.isBoolean()) {
      return Optional.of(node.asText());
    }
    return node.isNumber() ? Optional.of(numberText(node)) : Optional.empty();
  }

  /** A boolean: JSON true/false or the strings "true"/"false" (any case). */
  public Optional<Boolean> bool(String key) {
    JsonNode node = fields.get(key);
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
  public Optional<Integer> positiveInteger(String key, int max) {
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

  public void invalid(String key, String reason) {
    errors.add(FieldError.invalid(key, reason));
  }

  /** Records a missing field once, however many rules find it missing. */
  public void missing(String key) {
    if (errors.stream().noneMatch(e -> e.field().equals(key))) {
      errors.add(FieldError.missing(key));
    }
  }

  /** Applies a rule to a value found elsewhere (a list item, a kept setting), under {@code key}. */
  public <T> T apply(String key, String value, Function<String, T> rule) {
    try {
      return rule.apply(value);
    } catch (InvalidValue e) {
      errors.add(FieldError.invalid(key, e.getMessage()));
      return null;
    }
  }

  /**
   * The exact text of a JSON number: plain notation ({@code 100.10}, never {@code 1.001E+2}),
   * except for extreme exponents, which keep their short scientific form.
   */
  public static String numberText(JsonNode number) {
    if (!number.isBigDecimal()) {
      return number.asText();
    }
    BigDecimal value = number.decimalValue();
    return Math.abs(value.scale()) <= MAX_PLAIN_SCALE ? value.toPlainString() : value.toString();
  }

  /** The scalar text of a sent field; records "must be a string" for anything else. */
  private Optional<String> text(String key, JsonNode node) {
    if (node.isTextual()) {
      return Optional.of(node.asText());
    }
    if (numbersAsText && node.isNumber()) {
      return Optional.of(numberText(node));
    }
    errors.add(FieldError.invalid(key, "must be a string"));
    return Optional.empty();
  }
}
