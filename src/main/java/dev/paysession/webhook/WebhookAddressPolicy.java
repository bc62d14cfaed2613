package dev.paysession.webhook;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which webhook URLs we call, against server-side request forgery: a merchant's URL must not make
 * paysession post into its own network (the database, cloud metadata at 169.254.169.254, admin
 * ports on localhost).
 *
 * <p>{@link #check} resolves the host once and returns the address to connect to. The caller must
 * connect to that address, not resolve the name again: a name with a short TTL could otherwise
 * answer a public address here and a private one to the HTTP client ("DNS rebinding").
 */
final class WebhookAddressPolicy {

  /** Resolves a host name to its addresses; tests pass a fake. */
  interface Resolver {
    InetAddress[] resolve(String host) throws UnknownHostException;
  }

  static final Resolver SYSTEM = InetAddress::getAllByName;

  static final String ALLOW_PRIVATE_SETTING = "PAYSESSION_WEBHOOK_ALLOW_PRIVATE";

  private static final Pattern DOTTED_QUAD =
      Pattern.compile("([0-9]{1,3})\\.([0-9]{1,3})\\.([0-9]{1,3})\\.([0-9]{1,3})");

  /**
   * IPv4 blocks that are not the public internet (RFC 6890 and the IANA special-purpose registry):
   * network, prefix length.
   */
  private static final int[][] NON_PUBLIC_V4 = {
    {ipv4(0, 0, 0, 0), 8}, // "this network", including 0.0.0.0
    {ipv4(10, 0, 0, 0), 8}, // private
    {ipv4(100, 64, 0, 0), 10}, // carrier-grade NAT
    {ipv4(127, 0, 0, 0), 8}, // loopback
    {ipv4(169, 254, 0, 0), 16}, // link-local, where cloud metadata services live
    {ipv4(172, 16, 0, 0), 12}, // private
    {ipv4(192, 0, 0, 0), 24}, // IETF protocol assignments
    {ipv4(192, 0, 2, 0), 24}, // documentation (TEST-NET-1)
    {ipv4(192, 168, 0, 0), 16}, // private
    {ipv4(198, 18, 0, 0), 15}, // benchmarking
    {ipv4(198, 51, 100, 0), 24}, // documentation (TEST-NET-2)
    {ipv4(203, 0, 113, 0), 24}, // documentation (TEST-NET-3)
    {ipv4(224, 0, 0, 0), 4}, // multicast
    {ipv4(240, 0, 0, 0), 4}, // reserved, including 255.255.255.255
  };

  private final boolean allowPrivate;
  private final Resolver resolver;

  WebhookAddressPolicy(boolean allowPrivate, Resolver resolver) {
    this.allowPrivate = allowPrivate;
    this.resolver = Objects.requireNonNull(resolver, "resolver");
  }

  /**
   * The address to connect to for {@code url}, or the reason we will not call it.
   *
   * <p>https always; http only when private addresses are allowed and the host is private (a
   * receiver on the merchant's own network, or a test). Every address the name resolves to must be
   * allowed, not just the first: the HTTP client could pick any of them.
   */
  InetAddress check(URI url) throws WebhookRefused {
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    boolean http = scheme.equals("http");
    if (!http && !scheme.equals("https")) {
      throw new WebhookRefused("the URL must start with https://");
    }
    if (http && !allowPrivate) {
      throw new WebhookRefused(
          "the URL must use https; http is allowed only to private addresses, with "
              + ALLOW_PRIVATE_SETTING
              + "=true");
    }
    String host = url.getHost();
    if (host == null || host.isEmpty()) {
      throw new WebhookRefused("the URL has no valid host name");
    }
    InetAddress[] addresses = resolve(host);
    for (InetAddress address : addresses) {
      if (!allowPrivate && !isPublic(address)) {
        throw new WebhookRefused(
            host
                + " resolves to a private address ("
                + address.getHostAddress()
                + "); set "
                + ALLOW_PRIVATE_SETTING
                + "=true to allow it");
      }
      if (http && isPublic(address)) {
        throw new WebhookRefused(
            host
                + " resolves to a public address ("
                + address.getHostAddress()
                + "); public addresses must be called over https");
      }
    }
    return addresses[0];
  }

  /** An IP literal stands for itself and is never looked up; a name goes to the resolver. */
  private InetAddress[] resolve(String host) throws WebhookRefused {
    InetAddress literal = literal(host);
    if (literal != null) {
      return new InetAddress[] {literal};
    }
    InetAddress[] found;
    try {
      found = resolver.resolve(host);
    } catch (UnknownHostException e) {
      found = null;
    }
    if (found == null || found.length == 0) {
      throw new WebhookRefused(host + " does not resolve");
    }
    return found;
  }

  private static InetAddress literal(String host) throws WebhookRefused {
    try {
      if (host.startsWith("[")) {
        // A bracketed host is parsed as an IPv6 literal, never looked up (InetAddress contract).
        return InetAddress.getByName(host);
      }
      Matcher quad = DOTTED_QUAD.matcher(host);
      if (quad.matches()) {
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
          int part = Integer.parseInt(quad.group(i + 1));
          if (part > 255) {
            throw new WebhookRefused(host + " is not a valid IP address");
          }
          bytes[i] = (byte) part;
        }
        return InetAddress.getByAddress(bytes);
      }
      return null;
    } catch (UnknownHostException e) {
      throw new WebhookRefused(host + " is not a valid IP address");
    }
  }

  /**
   * True when {@code address} is on the public internet. Judged on the raw bytes: a string test
   * misses the many spellings of one address. IPv6 forms that carry an IPv4 address (mapped,
   * compatible, NAT64, 6to4) are judged by that address, so {@code ::ffff:127.0.0.1} is loopback.
   */
  static boolean isPublic(InetAddress address) {
    byte[] b = address.getAddress();
    return b.length == 4 ? isPublicV4(b, 0) : isPublicV6(b);
  }

  private static boolean isPublicV4(byte[] b, int at) {
    int ip =
        (b[at] & 0xff) << 24
            | (b[at + 1] & 0xff) << 16
            | (b[at + 2] & 0xff) << 8
            | b[at + 3] & 0xff;
    for (int[] block : NON_PUBLIC_V4) {
      int mask = -1 << (32 - block[1]);
      if ((ip & mask) == block[0]) {
        return false;
      }
    }
    return true;
  }

  private static boolean isPublicV6(byte[] b) {
    if (zero(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
      return isPublicV4(b, 12); // IPv4-mapped ::ffff:a.b.c.d
    }
    if (zero(b, 0, 12)) {
      return isPublicV4(b, 12); // IPv4-compatible ::a.b.c.d, and :: and ::1 (0.0.0.0/8)
    }
    if (startsWith(b, 0x00, 0x64, 0xff, 0x9b) && zero(b, 4, 12)) {
      return isPublicV4(b, 12); // NAT64 well-known prefix 64:ff9b::/96
    }
    if (startsWith(b, 0x00, 0x64, 0xff, 0x9b, 0x00, 0x01)) {
      return false; // NAT64 local-use 64:ff9b:1::/48: translates into a network of its own
    }
    if (startsWith(b, 0x20, 0x02)) {
      return isPublicV4(b, 2); // 6to4 2002:aabb:ccdd::/48
    }
    if (startsWith(b, 0x20, 0x01, 0x0d, 0xb8)) {
      return false; // documentation 2001:db8::/32
    }
    // Global unicast is 2000::/3; everything else is reserved or local: fc00::/7 unique local,
    // fe80::/10 link-local, fec0::/10 old site-local, ff00::/8 multicast, unassigned space.
    return (b[0] & 0xe0) == 0x20;
  }

  private static boolean zero(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return true;
  }

  private static boolean startsWith(byte[] b, int... prefix) {
    for (int i = 0; i < prefix.length; i++) {
      if ((b[i] & 0xff) != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private static int ipv4(int a, int b, int c, int d) {
    return a << 24 | b << 16 | c << 8 | d;
  }
}
