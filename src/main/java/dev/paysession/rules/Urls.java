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

  /**
   * A webhook URL: absolute HTTPS (query allowed), with the same sandbox localhost exception, and a
   * path that means the same to every server (see {@link #hasAmbiguousPath}).
   */
  public static URI webhookUrl(String text, boolean sandbox) {
    if (text.length() > MAX_WEBHOOK_URL_LENGTH) {
      throw new InvalidValue("must be at most " + MAX_WEBHOOK_URL_LENGTH + " characters");
    }
    URI uri = absolute(text, sandbox);
    if (hasAmbiguousPath(uri.getRawPath())) {
      throw new InvalidValue(
          "must not contain dot segments (. or ..), encoded slashes or backslashes in its path");
    }
    return uri;
  }

  /**
   * Whether a raw URL path could lead a receiving server somewhere other than where it reads: a
   * {@code .} or {@code ..} segment (also percent-encoded, in any case, or followed by {@code
   * ;parameters}), or an encoded {@code /} or {@code \}. Servers and proxies resolve these
   * differently, so {@code /tenantA/%2e%2e/tenantB} can pass a "path under" check and land on
   * another tenant's path. Such paths are refused rather than normalised: no legitimate webhook
   * receiver needs one, and a refusal cannot be undone by a server that decodes once more.
   */
  public static boolean hasAmbiguousPath(String rawPath) {
    if (rawPath == null || rawPath.isEmpty()) {
      return false;
    }
    String path = rawPath;
    // Decode until nothing changes, so %252e (a double-encoded dot) is judged as a dot too.
    for (int round = 0; round < 4; round++) {
      if (encodesSlash(path)) {
        return true;
      }
      String decoded = percentDecoded(path);
      if (decoded.equals(path)) {
        break;
      }
      path = decoded;
    }
    if (path.indexOf('\\') >= 0) {
      return true;
    }
    for (String segment : path.split("/", -1)) {
      int parameters = segment.indexOf(';');
      String name = parameters < 0 ? segment : segment.substring(0, parameters);
      if (name.equals(".") || name.equals("..")) {
        return true;
      }
    }
    return false;
  }

  private static boolean encodesSlash(String rawPath) {
    String lower = rawPath.toLowerCase(Locale.ROOT);
    return lower.contains("%2f") || lower.contains("%5c");
  }

  /** Percent-decoding of %XX escapes only; anything malformed is left as it is. */
  private static String percentDecoded(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '%'
          && i + 2 < text.length()
          && isHex(text.charAt(i + 1))
          && isHex(text.charAt(i + 2))) {
        out.append((char) Integer.parseInt(text.substring(i + 1, i + 3), 16));
        i += 2;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static boolean isHex(char c) {
    return Character.digit(c, 16) >= 0;
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
