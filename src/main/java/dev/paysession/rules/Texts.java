package dev.paysession.rules;

import java.util.regex.Pattern;

/** Character-set rules from the seed, in one place so each is written once. */
public final class Texts {

  /** Seed: alphanumeric plus {@code ().-_}; we also allow spaces and letters of any script. */
  private static final Pattern PERSON_NAME = Pattern.compile("[\\p{L}\\p{M}\\p{N} ().\\-_]+");

  private static final Pattern EMAIL_LOCAL = Pattern.compile("[A-Za-z0-9!#$%&'*+\\-/=?^_.{|}~]+");
  private static final Pattern EMAIL_DOMAIN =
      Pattern.compile(
          "[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*");

  private static final Pattern PHONE = Pattern.compile("\\+?[0-9][0-9 ()\\-]*");

  private static final Pattern COUNTRY_CODE = Pattern.compile("\\+?[0-9]{1,4}");

  private static final int ZERO_WIDTH_NON_JOINER = 0x200C;
  private static final int ZERO_WIDTH_JOINER = 0x200D;

  private Texts() {}

  public static String maxLength(String value, int max) {
    if (value.length() > max) {
      throw new InvalidValue("must be at most " + max + " characters");
    }
    return value;
  }

  /** Free text (descriptions, udf6–udf10): any printable character, no control characters. */
  public static String printable(String value, int max) {
    maxLength(value, max);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isISOControl(c)) {
        throw new InvalidValue("must not contain control characters");
      }
    }
    return value;
  }

  public static String personName(String value) {
    maxLength(value, 255);
    if (!PERSON_NAME.matcher(value).matches()) {
      throw new InvalidValue("may contain only letters, digits, spaces and ( ) . - _");
    }
    return value;
  }

  /**
   * Text shown to people (udfs, descriptions): printable, and without the invisible characters that
   * reorder or hide what a reader sees: bidi controls such as U+202E, zero-width and other format
   * characters (ZWJ and ZWNJ stay: scripts such as Devanagari need them), and line or paragraph
   * separators.
   */
  public static String displayed(String value, int max) {
    printable(value, max);
    if (value.codePoints().anyMatch(Texts::hidesText)) {
      throw new InvalidValue("must not contain invisible formatting characters (such as U+202E)");
    }
    return value;
  }

  private static boolean hidesText(int c) {
    int type = Character.getType(c);
    return type == Character.FORMAT && c != ZERO_WIDTH_JOINER && c != ZERO_WIDTH_NON_JOINER
        || type == Character.LINE_SEPARATOR
        || type == Character.PARAGRAPH_SEPARATOR;
  }

  /**
   * Seed: alphanumerics and {@code !#$%&'*+-/=?^_.{|}~} around one {@code @}; {@code _} and {@code
   * .} may not start or end the local part; at most 300 characters.
   */
  public static String email(String value) {
    maxLength(value, 300);
    int at = value.indexOf('@');
    if (at <= 0 || at != value.lastIndexOf('@') || at == value.length() - 1) {
      throw new InvalidValue("must be an e-mail address like name@example.com");
    }
    String local = value.substring(0, at);
    String domain = value.substring(at + 1);
    if (!EMAIL_LOCAL.matcher(local).matches()) {
      throw new InvalidValue(
          "may contain only letters, digits and !#$%&'*+-/=?^_.{|}~ before the @");
    }
    if (edge(local, '.') || edge(local, '_')) {
      throw new InvalidValue("must not start or end its local part with '.' or '_'");
    }
    if (local.contains("..")) {
      throw new InvalidValue("must not contain '..'");
    }
    if (!EMAIL_DOMAIN.matcher(domain).matches()) {
      throw new InvalidValue("must have a valid domain after the @");
    }
    return value;
  }

  /** A mobile or fixed-line number: digits with optional leading +, spaces, dashes, brackets. */
  public static String phone(String value) {
    maxLength(value, 300);
    if (!PHONE.matcher(value).matches()) {
      throw new InvalidValue("must be a phone number of digits, like 9876543210");
    }
    long digits = value.chars().filter(Character::isDigit).count();
    if (digits < 4 || digits > 15) {
      throw new InvalidValue("must have between 4 and 15 digits");
    }
    return value;
  }

  /** A country calling code of 1–4 digits; a leading {@code +} is tolerated and dropped. */
  public static String countryCode(String value) {
    maxLength(value, 64);
    if (!COUNTRY_CODE.matcher(value).matches()) {
      throw new InvalidValue("must be a country calling code of 1-4 digits, like 91");
    }
    return value.startsWith("+") ? value.substring(1) : value;
  }

  private static boolean edge(String s, char c) {
    return s.charAt(0) == c || s.charAt(s.length() - 1) == c;
  }
}
