package dev.paysession.order;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.paysession.api.FieldError;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The session body as flat dotted keys, the form the seed documents ({@code mandate.max_amount},
 * {@code metadata.PAYU:udf1}). Merchants who send {@code "mandate": {"max_amount": …}} as a nested
 * object get the same result: objects under {@code options}, {@code mandate} and {@code metadata}
 * are flattened, except gateway values such as {@code metadata.RAZORPAY:notes}, which are objects
 * by design.
 */
public final class FlatBody {

  private static final Set<String> NESTABLE = Set.of("options", "mandate", "metadata");

  private FlatBody() {}

  public static Map<String, JsonNode> flatten(ObjectNode body, List<FieldError> errors) {
    Map<String, JsonNode> flat = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      if (NESTABLE.contains(field.getKey()) && field.getValue().isObject()) {
        flattenInto(field.getKey(), (ObjectNode) field.getValue(), flat, errors);
      } else {
        put(flat, field.getKey(), field.getValue(), errors);
      }
    }
    return flat;
  }

  private static void flattenInto(
      String prefix, ObjectNode object, Map<String, JsonNode> flat, List<FieldError> errors) {
    for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String key = prefix + "." + field.getKey();
      if (field.getValue().isObject() && !field.getKey().contains(":")) {
        flattenInto(key, (ObjectNode) field.getValue(), flat, errors);
      } else {
        put(flat, key, field.getValue(), errors);
      }
    }
  }

  private static void put(
      Map<String, JsonNode> flat, String key, JsonNode value, List<FieldError> errors) {
    if (flat.putIfAbsent(key, value) != null) {
      errors.add(
          FieldError.invalid(key, "is given twice (as a dotted key and in a nested object)"));
    }
  }
}
