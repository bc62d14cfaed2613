package dev.paysession.webhook;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long to wait before each retry of a webhook that failed, read from a setting such as {@code
 * 1m,5m,1h}. The delays count from the failed attempt, not from the first one.
 */
final class RetrySchedule {

  /** The setting whose value {@link #parse} reads; its errors name it. */
  static final String SETTING = "PAYSESSION_WEBHOOK_RETRY_DELAYS";

  /**
   * Juspay's published schedule (UPI in-app "webhook callback retries"): retry 1 after 1 min,
   * retries 2-3 every 5 min, 4-8 every 10 min, 9-13 hourly, 14-16 every 6 h; 24 h 1 min in all.
   */
  static final String JUSPAY = "1m,5m,5m,10m,10m,10m,10m,10m,1h,1h,1h,1h,1h,6h,6h,6h";

  static final int MAX_RETRIES = 100;
  static final Duration MAX_DELAY = Duration.ofDays(7);

  // ASCII digits only, lower-case units only: "5M" could be read as months.
  private static final Pattern ITEM = Pattern.compile("([0-9]+)(ms|s|m|h|d)");

  private final List<Duration> delays;

  private RetrySchedule(List<Duration> delays) {
    this.delays = List.copyOf(delays);
  }

  /**
   * Comma-separated whole amounts of {@code ms}, {@code s}, {@code m}, {@code h} or {@code d};
   * spaces around items are ignored. Each delay is above zero and at most 7 days; 1 to 100 delays.
   *
   * @throws IllegalArgumentException naming the first bad item and the expected form
   */
  static RetrySchedule parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException(
          SETTING + " is empty; expected delays like 1m,5m,1h (units ms, s, m, h, d)");
    }
    String[] items = text.split(",", -1);
    if (items.length > MAX_RETRIES) {
      throw new IllegalArgumentException(
          SETTING + " has " + items.length + " delays; at most " + MAX_RETRIES + " are allowed");
    }
    List<Duration> delays = new ArrayList<>(items.length);
    for (String item : items) {
      delays.add(delay(item.strip()));
    }
    return new RetrySchedule(delays);
  }

  private static Duration delay(String item) {
    Matcher m = ITEM.matcher(item);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          SETTING
              + ": "
              + quote(item)
              + " is not a duration like 30s, 5m or 1h (a whole number, then ms, s, m, h or d)");
    }
    Duration delay;
    try {
      delay = unit(m.group(2)).multipliedBy(Long.parseLong(m.group(1)));
    } catch (ArithmeticException | NumberFormatException tooBig) {
      delay = null;
    }
    if (delay != null && delay.isZero()) {
      throw new IllegalArgumentException(SETTING + ": " + quote(item) + " must be more than zero");
    }
    if (delay == null || delay.compareTo(MAX_DELAY) > 0) {
      throw new IllegalArgumentException(
          SETTING + ": " + quote(item) + " is longer than the 7 days a retry may wait");
    }
    return delay;
  }

  /** The item in quotes, cut short: a pasted blob should not flood the startup error. */
  private static String quote(String item) {
    return "\"" + (item.length() > 40 ? item.substring(0, 40) + "..." : item) + "\"";
  }

  private static Duration unit(String unit) {
    return switch (unit) {
      case "ms" -> Duration.ofMillis(1);
      case "s" -> Duration.ofSeconds(1);
      case "m" -> Duration.ofMinutes(1);
      case "h" -> Duration.ofHours(1);
      case "d" -> Duration.ofDays(1);
      default -> throw new IllegalStateException(unit);
    };
  }

  /**
   * The wait before the next attempt once {@code failedAttempts} attempts have failed, or empty
   * when no retry is left (the delivery has failed for good).
   */
  Optional<Duration> delayAfterFailure(int failedAttempts) {
    if (failedAttempts < 1 || failedAttempts > delays.size()) {
      return Optional.empty();
    }
    return Optional.of(delays.get(failedAttempts - 1));
  }

  int retries() {
    return delays.size();
  }

  List<Duration> delays() {
    return delays;
  }

  @Override
  public String toString() {
    return "RetrySchedule" + delays;
  }
}
