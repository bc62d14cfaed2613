package dev.paysession.api;

import io.quarkus.runtime.configuration.DurationConverter;
import java.time.Duration;
import org.eclipse.microprofile.config.spi.Converter;

/**
 * Bounds on configuration values, checked while Quarkus builds the config mappings at start: a
 * value out of bounds stops the start with the key, the value and the bound in the message, rather
 * than failing later on first use. Use with {@code @WithConverter} on a mapping method.
 */
public final class ConfigBounds {

  private ConfigBounds() {}

  /** A count that must be at least 1 (senders, a batch size, a byte limit). */
  public static final class AtLeastOne implements Converter<Integer> {
    @Override
    public Integer convert(String value) {
      return atLeast(Integer.parseInt(value.trim()), 1);
    }
  }

  /** A count that may be 0 (0 usually means "off"). */
  public static final class NotNegative implements Converter<Integer> {
    @Override
    public Integer convert(String value) {
      return atLeast(Integer.parseInt(value.trim()), 0);
    }
  }

  /** The admin token: at least 32 characters, so it cannot be guessed online. */
  public static final class AdminToken implements Converter<Secret> {
    static final int MIN_LENGTH = 32;

    @Override
    public Secret convert(String value) {
      String token = value.trim();
      if (token.length() < MIN_LENGTH) {
        throw new IllegalArgumentException(
            "must be at least "
                + MIN_LENGTH
                + " characters (for example: openssl rand -hex 32), not "
                + token.length());
      }
      return Secret.of(token);
    }
  }

  /** A duration longer than zero (timeouts, intervals, lifetimes). */
  public static final class Positive implements Converter<Duration> {
    @Override
    public Duration convert(String value) {
      Duration duration = DurationConverter.parseDuration(value);
      if (duration == null || duration.isZero() || duration.isNegative()) {
        throw new IllegalArgumentException("must be a duration longer than zero, like 10S");
      }
      return duration;
    }
  }

  /** A duration that may be zero (0S usually means "off"). */
  public static final class NotNegativeDuration implements Converter<Duration> {
    @Override
    public Duration convert(String value) {
      Duration duration = DurationConverter.parseDuration(value);
      if (duration == null || duration.isNegative()) {
        throw new IllegalArgumentException("must be a duration of zero or more, like 5S");
      }
      return duration;
    }
  }

  private static int atLeast(int value, int minimum) {
    if (value < minimum) {
      throw new IllegalArgumentException("must be at least " + minimum + ", not " + value);
    }
    return value;
  }
}
