package dev.paysession.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a request body into a JSON object, with every way that can go wrong turned into a 4xx in
 * the error envelope: a wrong content type, a body over the size limit, malformed JSON, duplicate
 * keys, or a JSON value that is not an object.
 */
public final class JsonBodies {

  private JsonBodies() {}

  public static ObjectNode readObject(InputStream body, String contentType, int maxBytes) {
    requireJsonContentType(contentType);
    return parseObject(readLimited(body, maxBytes));
  }

  /** For endpoints whose options all have defaults: an empty body is an empty object. */
  public static ObjectNode readOptionalObject(InputStream body, String contentType, int maxBytes) {
    byte[] bytes = readLimited(body, maxBytes);
    if (new String(bytes, StandardCharsets.UTF_8).isBlank()) {
      return JsonNodeFactory.instance.objectNode();
    }
    requireJsonContentType(contentType);
    return parseObject(bytes);
  }

  /**
   * The body of a Juspay server API that takes a form as well as JSON ({@code /orders}, refunds,
   * mandates, {@code /txns}): a form becomes an object of flat string fields (see {@link
   * FormBody}); anything else is read as JSON.
   */
  public static ObjectNode readJsonOrForm(InputStream body, String contentType, int maxBytes) {
    if (FORM.equals(mediaType(contentType))) {
      ObjectNode form = FormBody.parse(readLimited(body, maxBytes));
      requireStorable(form);
      return form;
    }
    if (contentType != null && !contentType.isBlank() && !isJson(mediaType(contentType))) {
      throw ApiException.http(
          415,
          "INVALID_REQUEST",
          "Content-Type must be application/json or " + FORM + ", not " + mediaType(contentType));
    }
    return parseObject(readLimited(body, maxBytes));
  }

  private static final String FORM = "application/x-www-form-urlencoded";

  private static String mediaType(String contentType) {
    return contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
  }

  private static boolean isJson(String mediaType) {
    return mediaType.equals("application/json") || mediaType.endsWith("+json");
  }

  private static ObjectNode parseObject(byte[] bytes) {
    JsonNode node;
    try {
      node = Json.requestBodies().readTree(bytes);
    } catch (JsonProcessingException e) {
      throw ApiException.invalidRequest(
          "Request body is not valid JSON: " + e.getOriginalMessage() + locationOf(e));
    } catch (IOException e) {
      throw ApiException.invalidRequest("Request body could not be read");
    }
    if (node == null || node.isMissingNode()) {
      // Jackson's answer for an empty or all-whitespace body: no second decoding pass needed.
      throw ApiException.invalidRequest("Request body is empty; send a JSON object");
    }
    if (!(node instanceof ObjectNode object)) {
      throw ApiException.invalidRequest("Request body must be a JSON object");
    }
    requireStorable(object);
    return object;
  }

  /**
   * Largest decimal exponent accepted in a JSON number. PostgreSQL's numeric (and so jsonb) cannot
   * hold 1e999999999, and its plain text form alone would be a gigabyte; no amount or count comes
   * anywhere near this.
   */
  static final int MAX_NUMBER_SCALE = 1000;

  /** Enough to show the pattern; a body full of NULs does not need ten thousand entries. */
  private static final int MAX_UNSTORABLE_LISTED = 10;

  /**
   * PostgreSQL cannot store NUL in text or jsonb nor numbers beyond its numeric range, and an
   * unpaired UTF-16 surrogate is not Unicode at all (the driver would silently turn it into '?').
   * Each would otherwise surface as a database error or a changed value, so all are refused up
   * front, every offending field listed by its path.
   */
  static void requireStorable(ObjectNode body) {
    List<FieldError> errors = new ArrayList<>();
    collectUnstorable(body, "", errors);
    if (!errors.isEmpty()) {
      throw ApiException.badFields(
          errors.subList(0, Math.min(errors.size(), MAX_UNSTORABLE_LISTED)));
    }
  }

  private static void collectUnstorable(JsonNode node, String path, List<FieldError> errors) {
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        String fieldPath = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
        String keyProblem = textProblem(field.getKey());
        if (keyProblem != null) {
          errors.add(FieldError.invalid(visible(fieldPath), keyProblem));
        }
        collectUnstorable(field.getValue(), fieldPath, errors);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        collectUnstorable(node.get(i), path + "[" + i + "]", errors);
      }
    } else if (node.isTextual()) {
      String problem = textProblem(node.textValue());
      if (problem != null) {
        errors.add(FieldError.invalid(visible(path), problem));
      }
    } else if (node.isBigDecimal() && Math.abs(node.decimalValue().scale()) > MAX_NUMBER_SCALE) {
      errors.add(FieldError.invalid(visible(path), "is a number out of range"));
    }
  }

  /** Why PostgreSQL could not keep this text as it is, or null when it can. */
  private static String textProblem(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == 0) {
        return "must not contain the NUL character (\\u0000)";
      }
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return "must be valid Unicode (unpaired surrogate)";
      }
    }
    return null;
  }

  /** A path as a developer can read it: NULs written as \\u0000, at most 100 characters. */
  private static String visible(String path) {
    String shown = path.replace("\0", "\\u0000");
    return shown.length() > 100 ? shown.substring(0, 100) + "…" : shown;
  }

  /** A missing Content-Type is read as JSON; anything other than JSON is refused. */
  static void requireJsonContentType(String contentType) {
    if (contentType == null || contentType.isBlank()) {
      return;
    }
    String mediaType = mediaType(contentType);
    if (!isJson(mediaType)) {
      throw ApiException.http(
          415, "INVALID_REQUEST", "Content-Type must be application/json, not " + mediaType);
    }
  }

  private static byte[] readLimited(InputStream body, int maxBytes) {
    if (body == null) {
      return new byte[0];
    }
    try {
      byte[] bytes = body.readNBytes(maxBytes + 1);
      if (bytes.length > maxBytes) {
        throw ApiException.http(
            413, "INVALID_REQUEST", "Request body exceeds the limit of " + maxBytes + " bytes");
      }
      return bytes;
    } catch (IOException e) {
      throw ApiException.invalidRequest("Request body could not be read");
    }
  }

  private static String locationOf(JsonProcessingException e) {
    return e.getLocation() == null
        ? ""
        : " (line "
            + e.getLocation().getLineNr()
            + ", column "
            + e.getLocation().getColumnNr()
            + ")";
  }
}
