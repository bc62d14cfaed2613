package dev.paysession.api;

/** One offending request field, as listed in {@code error_info.fields}. */
public record FieldError(String field, String reason, Kind kind) {

  /** Missing mandatory fields and invalid values get different top-level error codes. */
  public enum Kind {
    MISSING,
    INVALID
  }

  public static final String MISSING_REASON = "Mandatory fields are missing";

  public static FieldError missing(String field) {
    return new FieldError(field, MISSING_REASON, Kind.MISSING);
  }

  public static FieldError invalid(String field, String reason) {
    return new FieldError(field, reason, Kind.INVALID);
  }
}
