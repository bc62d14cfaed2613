package dev.paysession.checkout;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The languages the payment page is shipped in, and which one a customer gets: the session's {@code
 * language} when given (Juspay's names such as {@code hindi}, or an ISO 639-1 code such as {@code
 * hi}), else the browser's {@code Accept-Language}, else English.
 */
public enum PageLanguage {
  ENGLISH("english", "en"),
  HINDI("hindi", "hi"),
  TAMIL("tamil", "ta"),
  BENGALI("bengali", "bn");

  private final String juspayName;
  private final String code;

  PageLanguage(String juspayName, String code) {
    this.juspayName = juspayName;
    this.code = code;
  }

  /** The ISO 639-1 code: {@code <html lang>}, and the message bundle's file suffix. */
  public String code() {
    return code;
  }

  public String juspayName() {
    return juspayName;
  }

  public Locale locale() {
    return Locale.forLanguageTag(code);
  }

  /**
   * The page's language.
   *
   * @param requested the session's {@code language} (already checked by /session to be 2-32
   *     letters, {@code _} or {@code -})
   * @param fellBack true when {@code requested} named a language the page is not shipped in
   */
  public record Choice(PageLanguage language, boolean fellBack) {}

  public static Choice choose(Optional<String> requested, String acceptLanguage) {
    if (requested.isPresent()) {
      Optional<PageLanguage> named = named(requested.get());
      return named
          .map(language -> new Choice(language, false))
          .orElseGet(() -> new Choice(ENGLISH, true));
    }
    return new Choice(fromAcceptLanguage(acceptLanguage).orElse(ENGLISH), false);
  }

  /**
   * A shipped language by Juspay's name ({@code hindi}) or a language tag ({@code hi}, {@code
   * hi-IN}, {@code hi_IN}), case-insensitive.
   */
  public static Optional<PageLanguage> named(String name) {
    String lower = name.trim().toLowerCase(Locale.ROOT);
    for (PageLanguage language : values()) {
      if (language.juspayName.equals(lower)) {
        return Optional.of(language);
      }
    }
    return byTag(lower.replace('_', '-'));
  }

  /** A shipped language by the primary subtag of a language tag: {@code hi}, {@code hi-IN}. */
  private static Optional<PageLanguage> byTag(String tag) {
    String lower = tag.toLowerCase(Locale.ROOT);
    String primary = lower.contains("-") ? lower.substring(0, lower.indexOf('-')) : lower;
    for (PageLanguage language : values()) {
      if (language.code.equals(primary)) {
        return Optional.of(language);
      }
    }
    return Optional.empty();
  }

  /**
   * The first shipped language of an {@code Accept-Language} header by its q-values (RFC 9110
   * 12.5.4); a range with {@code q=0} is refused, {@code *} never picks one. Empty for a missing or
   * unreadable header.
   */
  static Optional<PageLanguage> fromAcceptLanguage(String header) {
    if (header == null || header.isBlank() || header.length() > 1024) {
      return Optional.empty();
    }
    record Ranked(String range, double q, int position) {}
    List<Ranked> ranges = new ArrayList<>();
    String[] parts = header.split(",");
    for (int i = 0; i < parts.length && i < 32; i++) {
      String[] pieces = parts[i].trim().split(";");
      double q = 1;
      for (int p = 1; p < pieces.length; p++) {
        String param = pieces[p].trim();
        if (param.startsWith("q=") || param.startsWith("Q=")) {
          try {
            q = Double.parseDouble(param.substring(2));
          } catch (NumberFormatException e) {
            q = 0; // an unreadable weight is no preference
          }
        }
      }
      if (q > 0 && q <= 1 && !pieces[0].isBlank()) {
        ranges.add(new Ranked(pieces[0].trim(), q, i));
      }
    }
    ranges.sort(
        Comparator.comparingDouble(Ranked::q).reversed().thenComparingInt(Ranked::position));
    for (Ranked ranked : ranges) {
      if (ranked.range().equals("*")) {
        continue;
      }
      Optional<PageLanguage> language = byTag(ranked.range());
      if (language.isPresent()) {
        return language;
      }
    }
    return Optional.empty();
  }
}
