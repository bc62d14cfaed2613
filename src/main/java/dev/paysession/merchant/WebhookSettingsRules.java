package dev.paysession.merchant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.paysession.api.RequestFields;
import dev.paysession.api.Secret;
import dev.paysession.rules.InvalidValue;
import dev.paysession.rules.Texts;
import dev.paysession.rules.Urls;
import java.util.Iterator;
import java.util.LinkedHashMap;
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

  private final RequestFields fields;

  private WebhookSettingsRules(ObjectNode body) {
    this.fields = RequestFields.ofObject(body);
  }

  static WebhookSettings parse(ObjectNode body, boolean sandbox) {
    WebhookSettingsRules rules = new WebhookSettingsRules(body);
    body.fieldNames()
        .forEachRemaining(
            name -> {
              if (!FIELDS.contains(name)) {
                rules.fields.invalid(name, "is not a webhook setting");
              }
            });
    Optional<String> url =
        rules.fields.optional("url", v -> Urls.webhookUrl(v, sandbox).toString());
    Optional<String> username = rules.fields.optional("username", WebhookSettingsRules::username);
    Optional<String> password = rules.fields.optional("password", v -> Texts.printable(v, 255));
    if (username.isPresent() != password.isPresent() && rules.fields.errors().isEmpty()) {
      rules.fields.invalid(
          username.isPresent() ? "password" : "username",
          "username and password go together (Basic auth)");
    }
    Map<String, Secret> headers = rules.headers();
    rules.fields.throwIfAny();
    return new WebhookSettings(url, username, password.map(Secret::of), headers);
  }

  private Map<String, Secret> headers() {
    JsonNode node = fields.raw("custom_headers");
    Map<String, Secret> headers = new LinkedHashMap<>();
    if (node == null || node.isNull()) {
      return headers;
    }
    if (!node.isObject()) {
      fields.invalid("custom_headers", "must be an object of header names to values");
      return headers;
    }
    if (node.size() > MAX_HEADERS) {
      fields.invalid("custom_headers", "at most " + MAX_HEADERS + " headers");
      return headers;
    }
    Iterator<Map.Entry<String, JsonNode>> entries = node.fields();
    while (entries.hasNext()) {
      Map.Entry<String, JsonNode> header = entries.next();
      String field = "custom_headers." + header.getKey();
      String name = header.getKey();
      if (!HEADER_NAME.matcher(name).matches()) {
        fields.invalid(field, "a header name is 1-64 letters, digits or '-'");
      } else if (RESERVED_HEADERS.contains(name.toLowerCase(Locale.ROOT))
          || name.toLowerCase(Locale.ROOT).startsWith("proxy-")) {
        fields.invalid(field, "is set by paysession and cannot be overridden");
      } else if (headers.keySet().stream().anyMatch(name::equalsIgnoreCase)) {
        fields.invalid(field, "is given twice");
      } else if (!header.getValue().isTextual()) {
        fields.invalid(field, "must be a string");
      } else {
        String value =
            fields.apply(field, header.getValue().asText(), WebhookSettingsRules::headerValue);
        if (value != null) {
          headers.put(name, Secret.of(value));
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
