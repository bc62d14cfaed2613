package dev.paysession.rules;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

/** URL rules shared by return URLs and webhook URLs. */
public final class Urls {

  public static final int MAX_RETURN_URL_LENGTH = 255;
  public static final int MAX_WEBHOOK_URL_LENGTH = 2048;

  private static final Pattern IPV4 = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
  private static final Pattern DNS_LABEL =
      Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?");

  private Urls() {}

  /**
   * A return URL per the seed: absolute HTTPS, no query string, no IP-address host, at most 255
   * characters. Sandbox merchants may also use {@code http://localhost[:port]} for local testing.
   */
  public static URI returnUrl(String text, boolean sandbox) {
    if (text.length() > MAX_RETURN_URL_LENGTH) {
      throw new InvalidValue("must be at most " + MAX_RETURN_URL_LENGTH + " characters");
    }
    URI uri = absolute(text, sandbox);
    if (uri.getRawQuery() != null || text.contains("?")) {
      throw new InvalidValue("must not contain query parameters");
    }
    return uri;
  }

  /** A webhook URL: absolute HTTPS (query allowed), with the same sandbox localhost exception. */
  public static URI webhookUrl(String text, boolean sandbox) {
    if (text.length() > MAX_WEBHOOK_URL_LENGTH) {
      throw new InvalidValue("must be at most " + MAX_WEBHOOK_URL_LENGTH + " characters");
    }
    return absolute(text, sandbox);
  }

  private static URI absolute(String text, boolean sandbox) {
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      throw new InvalidValue("must be a valid absolute URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    String host = uri.getHost();
    if (!uri.isAbsolute() || uri.isOpaque() || host == null) {
      throw new InvalidValue("must be a valid absolute URL like https://shop.example.com/return");
    }
    if (uri.getRawUserInfo() != null) {
      throw new InvalidValue("must not contain user credentials");
    }
    if (uri.getRawFragment() != null) {
      throw new InvalidValue("must not contain a fragment");
    }
    boolean localhost = host.equalsIgnoreCase("localhost");
    if (localhost) {
      if (!sandbox) {
        throw new InvalidValue("must not point to localhost for a production merchant");
      }
      if (!scheme.equals("https") && !scheme.equals("http")) {
        throw new InvalidValue("must use https (or http for localhost)");
      }
      return uri;
    }
    if (!scheme.equals("https")) {
      throw new InvalidValue(
          sandbox
              ? "must use https (http is accepted only for localhost on a sandbox merchant)"
              : "must use https");
    }
    if (host.startsWith("[") || IPV4.matcher(host).matches()) {
      throw new InvalidValue("must use a domain name, not an IP address");
    }
    String[] labels = host.split("\\.", -1);
    if (labels.length < 2) {
      throw new InvalidValue("must use a fully qualified domain name");
    }
    for (String label : labels) {
      if (!DNS_LABEL.matcher(label).matches()) {
        throw new InvalidValue("must use a valid domain name");
      }
    }
    return uri;
  }
}
