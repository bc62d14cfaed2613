package dev.paysession.rules;

/**
 * A value that does not satisfy its rule. The message is the reason shown to the developer in
 * {@code error_info.fields[].reason}; it never echoes the value itself (which may be personal
 * data).
 */
public final class InvalidValue extends RuntimeException {

  public InvalidValue(String reason) {
    super(reason, null, false, false);
  }
}
