package dev.paysession.mandate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.paysession.api.ApiException;
import dev.paysession.api.FieldError;
import dev.paysession.api.RequestFields;
import dev.paysession.rules.InvalidValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The fields of {@code POST /mandates/{mandate_id}}, read leniently where Juspay's own samples are
 * sloppy: Juspay's revoke sample sends {@code command=”revoke”} with smart quotes, so a command or
 * a date is trimmed and stripped of surrounding straight or smart quotes, and a command's case is
 * ignored.
 */
public final class MandateCommandRules {

  /** The commands, by their wire names. */
  public enum Command {
    CHECK_STATUS,
    REVOKE,
    PAUSE,
    RESUME,
    PRE_DEBIT_NOTIFY;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** A pause as asked for; each date defaults at the mandate (now, the mandate's end). */
  public record Pause(Optional<Instant> start, Optional<Instant> end) {}

  private static final Pattern EPOCH_SECONDS = Pattern.compile("[0-9]{1,11}");
  private static final String QUOTES = "\"'“”‘’";

  private MandateCommandRules() {}

  public static Command command(ObjectNode body) {
    RequestFields fields = fields(body);
    Command command = fields.required("command", MandateCommandRules::command);
    fields.throwIfAny();
    return command;
  }

  public static Pause pause(ObjectNode body) {
    RequestFields fields = fields(body);
    Optional<Instant> start = fields.optional("pause_start_date", MandateCommandRules::epoch);
    Optional<Instant> end = fields.optional("pause_end_date", MandateCommandRules::epoch);
    fields.throwIfAny();
    return new Pause(start, end);
  }

  public static Optional<Instant> resumeDate(ObjectNode body) {
    RequestFields fields = fields(body);
    Optional<Instant> at = fields.optional("resume_date", MandateCommandRules::epoch);
    fields.throwIfAny();
    return at;
  }

  /** The body's top-level fields as text, for a command handled elsewhere (pre_debit_notify). */
  public static Map<String, String> texts(ObjectNode body) {
    Map<String, String> texts = new LinkedHashMap<>();
    body.fields()
        .forEachRemaining(
            field -> {
              JsonNode value = field.getValue();
              if (!value.isNull()) {
                texts.put(
                    field.getKey(),
                    value.isValueNode() ? RequestFields.numberText(value) : value.toString());
              }
            });
    return texts;
  }

  static Command command(String sent) {
    String name = unquoted(sent).toUpperCase(Locale.ROOT);
    for (Command command : Command.values()) {
      if (command.name().equals(name)) {
        return command;
      }
    }
    throw new InvalidValue("must be one of check_status, revoke, pause, resume, pre_debit_notify");
  }

  /** Juspay's dates: epoch seconds (UTC), as a number or a string of digits. */
  static Instant epoch(String sent) {
    String digits = unquoted(sent);
    if (!EPOCH_SECONDS.matcher(digits).matches()) {
      throw new InvalidValue("must be epoch seconds, like \"1700000000\"");
    }
    return Instant.ofEpochSecond(Long.parseLong(digits));
  }

  /** Trimmed, without surrounding straight or smart quotes. */
  static String unquoted(String sent) {
    String value = sent.trim();
    while (value.length() >= 2
        && QUOTES.indexOf(value.charAt(0)) >= 0
        && QUOTES.indexOf(value.charAt(value.length() - 1)) >= 0) {
      value = value.substring(1, value.length() - 1).trim();
    }
    return value;
  }

  /** The 400 for a pause whose dates cannot make a pause. */
  static ApiException badPause(String field, String reason) {
    return ApiException.badFields(List.of(FieldError.invalid(field, reason)));
  }

  private static RequestFields fields(ObjectNode body) {
    Map<String, JsonNode> flat = new LinkedHashMap<>();
    body.fields().forEachRemaining(field -> flat.put(field.getKey(), field.getValue()));
    return RequestFields.ofFlatBody(flat, new ArrayList<>());
  }
}
