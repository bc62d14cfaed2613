package dev.paysession.merchant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.paysession.api.ApiException;
import dev.paysession.api.FieldError;
import dev.paysession.rules.InvalidValue;
import dev.paysession.rules.Texts;
import dev.paysession.rules.Urls;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns {@code PUT /admin/merchants/{id}/webhook} into {@link WebhookSettings}, or a 400 listing
 * every bad field. The body replaces the settings whole; {@code "url": null} turns webhooks off.
 */
final class WebhookSettingsRules {

  // Juspay: "the username must not contain special characters such as @!#$%&'*+-/=?^_.{|}~".
  private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9]{1,64}");
  private static final Pattern HEADER_NAME = Pattern.compile("[A-Za-z0-9-]{1,64}");
  private static final int MAX_HEADERS = 10;
  private static final int MAX_HEADER_VALUE = 1024;
  // Headers the dispatcher sets itself, or that would change how the request is framed.
  private static final Set<String> RESERVED_HEADERS =
      Set.of(
          "authorization",
          "connection",
          "content-length",
          "content-type",
          "expect",
          "host",
          "keep-alive",
          "te",
          "trailer",
          "transfer-encoding",
          "upgrade",
          "user-agent",
          "webhook-id",
          "webhook-signature",
          "webhook-timestamp");
  private static final Set<String> FIELDS = Set.of("url", "username", "password", "custom_headers");

  private final ObjectNode body;
  private final List<FieldError> errors = new ArrayList<>();

  private WebhookSettingsRules(ObjectNode body) {
    this.body = body;
  }

  static WebhookSettings parse(ObjectNode body, boolean sandbox) {
    WebhookSettingsRules rules = new WebhookSettingsRules(body);
    body.fieldNames()
        .forEachRemaining(
            name -> {
              if (!FIELDS.contains(name)) {
                rules.errors.add(FieldError.invalid(name, "is not a webhook setting"));
              }
            });
    Optional<String> url = rules.text("url", v -> Urls.webhookUrl(v, sandbox).toString());
    Optional<String> username = rules.text("username", WebhookSettingsRules::username);
    Optional<String> password = rules.text("password", v -> Texts.printable(v, 255));
    if (username.isPresent() != password.isPresent() && rules.errors.isEmpty()) {
      rules.errors.add(
          FieldError.invalid(
              username.isPresent() ? "password" : "username",
              "username and password go together (Basic auth)"));
    }
    Map<String, String> headers = rules.headers();
    if (!rules.errors.isEmpty()) {
      throw ApiException.badFields(rules.errors);
    }
    return new WebhookSettings(url, username, password, headers);
  }

  private interface Rule {
    String apply(String value);
  }

  private Optional<String> text(String field, Rule rule) {
    JsonNode node = body.get(field);
    if (node == null || node.isNull() || (node.isTextual() && node.asText().isEmpty())) {
      return Optional.empty();
    }
    if (!node.isTextual()) {
      errors.add(FieldError.invalid(field, "must be a string"));
      return Optional.empty();
    }
    try {
      return Optional.of(rule.apply(node.asText()));
    } catch (InvalidValue e) {
      errors.add(FieldError.invalid(field, e.getMessage()));
      return Optional.empty();
    }
  }

  private Map<String, String> headers() {
    JsonNode node = body.get("custom_headers");
    Map<String, String> headers = new LinkedHashMap<>();
    if (node == null || node.isNull()) {
      return headers;
    }
    if (!node.isObject()) {
      errors.add(
          FieldError.invalid("custom_headers", "must be an object of header names to values"));
      return headers;
    }
    if (node.size() > MAX_HEADERS) {
      errors.add(FieldError.invalid("custom_headers", "at most " + MAX_HEADERS + " headers"));
      return headers;
    }
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> header = fields.next();
      String field = "custom_headers." + header.getKey();
      String name = header.getKey();
      if (!HEADER_NAME.matcher(name).matches()) {
        errors.add(FieldError.invalid(field, "a header name is 1-64 letters, digits or '-'"));
      } else if (RESERVED_HEADERS.contains(name.toLowerCase(Locale.ROOT))
          || name.toLowerCase(Locale.ROOT).startsWith("proxy-")) {
        errors.add(FieldError.invalid(field, "is set by paysession and cannot be overridden"));
      } else if (headers.keySet().stream().anyMatch(name::equalsIgnoreCase)) {
        errors.add(FieldError.invalid(field, "is given twice"));
      } else if (!header.getValue().isTextual()) {
        errors.add(FieldError.invalid(field, "must be a string"));
      } else {
        try {
          headers.put(name, headerValue(header.getValue().asText()));
        } catch (InvalidValue e) {
          errors.add(FieldError.invalid(field, e.getMessage()));
        }
      }
    }
    return headers;
  }

  /** Printable ASCII only: anything else is not a portable HTTP header value. */
  private static String headerValue(String value) {
    Texts.maxLength(value, MAX_HEADER_VALUE);
    if (!value.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
      throw new InvalidValue("must be printable ASCII");
    }
    return value;
  }

  private static String username(String value) {
    if (!USERNAME.matcher(value).matches()) {
      throw new InvalidValue(
          "must be 1-64 letters or digits (Juspay allows no special characters)");
    }
    return value;
  }
}
