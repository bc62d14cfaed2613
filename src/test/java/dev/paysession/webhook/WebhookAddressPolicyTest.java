package dev.paysession.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WebhookAddressPolicyTest {

  private static final Map<String, List<String>> DNS =
      Map.of(
          "merchant.example", List.of("93.184.215.14"),
          "dual.example", List.of("93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c"),
          "internal.example", List.of("10.0.0.5"),
          "split.example", List.of("93.184.215.14", "10.0.0.5"),
          "split-late.example", List.of("93.184.215.14", "8.8.8.8", "169.254.169.254"),
          "lan.example", List.of("192.168.1.20", "fd00::20"),
          "empty.example", List.of());

  private final List<String> lookedUp = new ArrayList<>();

  private final WebhookAddressPolicy.Resolver fakeDns =
      host -> {
        lookedUp.add(host);
        List<String> addresses = DNS.get(host);
        if (addresses == null) {
          throw new UnknownHostException(host);
        }
        InetAddress[] found = new InetAddress[addresses.size()];
        for (int i = 0; i < found.length; i++) {
          found[i] = InetAddress.getByAddress(host, ip(addresses.get(i)).getAddress());
        }
        return found;
      };

  private final WebhookAddressPolicy strict = new WebhookAddressPolicy(false, fakeDns);
  private final WebhookAddressPolicy lenient = new WebhookAddressPolicy(true, fakeDns);

  // --- isPublic: each range, just inside and just outside its edges ---

  @ParameterizedTest(name = "{0} public={1}")
  @CsvSource({
    // 0.0.0.0/8
    "0.0.0.0, false",
    "0.255.255.255, false",
    "1.0.0.0, true",
    // 10/8
    "9.255.255.255, true",
    "10.0.0.0, false",
    "10.255.255.255, false",
    "11.0.0.0, true",
    // 100.64/10
    "100.63.255.255, true",
    "100.64.0.0, false",
    "100.127.255.255, false",
    "100.128.0.0, true",
    // 127/8
    "126.255.255.255, true",
    "127.0.0.1, false",
    "127.255.255.255, false",
    "128.0.0.0, true",
    // 169.254/16
    "169.253.255.255, true",
    "169.254.0.0, false",
    "169.254.169.254, false",
    "169.254.255.255, false",
    "169.255.0.0, true",
    // 172.16/12
    "172.15.255.255, true",
    "172.16.0.0, false",
    "172.31.255.255, false",
    "172.32.0.0, true",
    // 192.0.0.0/24 and 192.0.2.0/24
    "191.255.255.255, true",
    "192.0.0.0, false",
    "192.0.0.255, false",
    "192.0.1.0, true",
    "192.0.2.0, false",
    "192.0.2.255, false",
    "192.0.3.0, true",
    // 192.168/16
    "192.167.255.255, true",
    "192.168.0.0, false",
    "192.168.255.255, false",
    "192.169.0.0, true",
    // 198.18/15
    "198.17.255.255, true",
    "198.18.0.0, false",
    "198.19.255.255, false",
    "198.20.0.0, true",
    // 198.51.100/24
    "198.51.99.255, true",
    "198.51.100.0, false",
    "198.51.100.255, false",
    "198.51.101.0, true",
    // 203.0.113/24
    "203.0.112.255, true",
    "203.0.113.0, false",
    "203.0.113.255, false",
    "203.0.114.0, true",
    // 224/4 and 240/4
    "223.255.255.255, true",
    "224.0.0.0, false",
    "239.255.255.255, false",
    "240.0.0.0, false",
    "255.255.255.255, false",
    // ordinary public addresses
    "8.8.8.8, true",
    "93.184.215.14, true",
    // IPv6 loopback, unspecified
    "::1, false",
    "::, false",
    // fe80::/10 (and the old site-local fec0::/10 after it)
    "fe7f:ffff:ffff:ffff:ffff:ffff:ffff:ffff, false",
    "fe80::, false",
    "febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff, false",
    "fec0::1, false",
    // fc00::/7
    "fbff:ffff:ffff:ffff:ffff:ffff:ffff:ffff, false",
    "fc00::, false",
    "fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff, false",
    // ff00::/8
    "ff00::, false",
    "ff02::1, false",
    "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff, false",
    // 2001:db8::/32
    "2001:db7:ffff:ffff:ffff:ffff:ffff:ffff, true",
    "2001:db8::, false",
    "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff, false",
    "2001:db9::, true",
    // global unicast 2000::/3 is public, space outside it is not
    "1fff:ffff:ffff:ffff:ffff:ffff:ffff:ffff, false",
    "2000::, true",
    "2606:4700:4700::1111, true",
    "3fff:ffff:ffff:ffff:ffff:ffff:ffff:ffff, true",
    "4000::, false",
    "100::1, false",
    // IPv4-compatible ::a.b.c.d
    "::7f00:1, false",
    "::a00:5, false",
    "::808:808, true",
    // NAT64 64:ff9b::/96, and the local-use 64:ff9b:1::/48
    "64:ff9b::7f00:1, false",
    "64:ff9b::a9fe:a9fe, false",
    "64:ff9b::808:808, true",
    "64:ff9b:1::808:808, false",
    // 6to4 2002::/16: the IPv4 address is bytes 2-5
    "2002:7f00:1::1, false",
    "2002:a00:5::, false",
    "2002:c0a8:101::1, false",
    "2002:808:808::1, true",
  })
  void isPublic(String address, boolean expected) {
    assertThat(WebhookAddressPolicy.isPublic(ip(address))).isEqualTo(expected);
  }

  /**
   * {@code InetAddress.getByName} turns {@code ::ffff:a.b.c.d} into an Inet4Address; built from raw
   * bytes it stays an Inet6Address, as a resolver may hand it over.
   */
  @ParameterizedTest(name = "::ffff:{0} public={1}")
  @CsvSource({
    "127.0.0.1, false",
    "10.0.0.5, false",
    "169.254.169.254, false",
    "0.0.0.0, false",
    "255.255.255.255, false",
    "8.8.8.8, true",
  })
  void anIpv4MappedAddressIsJudgedByItsIpv4Address(String v4, boolean expected) throws Exception {
    byte[] bytes = new byte[16];
    bytes[10] = (byte) 0xff;
    bytes[11] = (byte) 0xff;
    System.arraycopy(ip(v4).getAddress(), 0, bytes, 12, 4);
    InetAddress mapped = Inet6Address.getByAddress(null, bytes, -1);

    assertThat(mapped).isInstanceOf(Inet6Address.class);
    assertThat(WebhookAddressPolicy.isPublic(mapped)).isEqualTo(expected);
  }

  // --- check ---

  @Test
  void aPublicHttpsUrlGivesTheAddressToConnectTo() throws Exception {
    InetAddress address = strict.check(URI.create("https://merchant.example/hooks/paysession"));

    assertThat(address.getHostAddress()).isEqualTo("93.184.215.14");
    assertThat(lookedUp).containsExactly("merchant.example");
  }

  @Test
  void theFirstOfSeveralAllowedAddressesIsPinned() throws Exception {
    assertThat(strict.check(URI.create("https://dual.example:8443/x")).getHostAddress())
        .isEqualTo("93.184.215.14");
  }

  @Test
  void aNameWithOnePrivateAddressAmongPublicOnesIsRefused() {
    assertThatThrownBy(() -> strict.check(URI.create("https://split.example/")))
        .isInstanceOf(WebhookRefused.class)
        .hasMessage(
            "split.example resolves to a private address (10.0.0.5);"
                + " set PAYSESSION_WEBHOOK_ALLOW_PRIVATE=true to allow it");
    assertThatThrownBy(() -> strict.check(URI.create("https://split-late.example/")))
        .isInstanceOf(WebhookRefused.class)
        .hasMessageContaining("(169.254.169.254)");
  }

  @Test
  void aPrivateNameIsRefusedUnlessPrivateAddressesAreAllowed() throws Exception {
    URI url = URI.create("https://internal.example/hook");

    assertThatThrownBy(() -> strict.check(url))
        .isInstanceOf(WebhookRefused.class)
        .hasMessage(
            "internal.example resolves to a private address (10.0.0.5);"
                + " set PAYSESSION_WEBHOOK_ALLOW_PRIVATE=true to allow it");
    assertThat(lenient.check(url).getHostAddress()).isEqualTo("10.0.0.5");
    assertThat(lenient.check(URI.create("https://split.example/")).getHostAddress())
        .isEqualTo("93.184.215.14");
  }

  @Test
  void httpIsRefusedWithoutAllowPrivateEvenForAPublicHost() {
    assertThatThrownBy(() -> strict.check(URI.create("http://merchant.example/")))
        .isInstanceOf(WebhookRefused.class)
        .hasMessage(
            "the URL must use https; http is allowed only to private addresses,"
                + " with PAYSESSION_WEBHOOK_ALLOW_PRIVATE=true");
    assertThatThrownBy(() -> strict.check(URI.create("http://internal.example/")))
        .isInstanceOf(WebhookRefused.class);
    assertThat(lookedUp).isEmpty();
  }

  @Test
  void httpToAPublicAddressIsRefusedEvenWithAllowPrivate() {
    assertThatThrownBy(() -> lenient.check(URI.create("http://merchant.example/")))
        .isInstanceOf(WebhookRefused.class)
        .hasMessage(
            "merchant.example resolves to a public address (93.184.215.14);"
                + " public addresses must be called over https");
    assertThatThrownBy(() -> lenient.check(URI.create("http://split.example/")))
        .isInstanceOf(WebhookRefused.class)
        .hasMessageContaining("(93.184.215.14)");
    assertThatThrownBy(() -> lenient.check(URI.create("http://8.8.8.8/")))
        .isInstanceOf(WebhookRefused.class);
  }

  @Test
  void httpToPrivateAddressesIsAllowedWithAllowPrivate() throws Exception {
    assertThat(lenient.check(URI.create("http://lan.example:8080/hook")).getHostAddress())
        .isEqualTo("192.168.1.20");
    assertThat(lenient.check(URI.create("HTTP://127.0.0.1:9000/")).getHostAddress())
        .isEqualTo("127.0.0.1");
    assertThat(lenient.check(URI.create("http://[::1]:9000/")).isLoopbackAddress()).isTrue();
  }

  @ParameterizedTest
  @CsvSource({
    "https://127.0.0.1/, 127.0.0.1 resolves to a private address (127.0.0.1)",
    "https://[::1]/, [::1] resolves to a private address (0:0:0:0:0:0:0:1)",
    "https://[::ffff:127.0.0.1]/, resolves to a private address (127.0.0.1)",
    "https://[::ffff:a9fe:a9fe]/, resolves to a private address (169.254.169.254)",
    "https://[fd00::1]:8443/, resolves to a private address",
    "https://0.0.0.0/, resolves to a private address (0.0.0.0)",
  })
  void ipLiteralsStandForThemselvesAndAreNeverLookedUp(String url, String reason) {
    assertThatThrownBy(() -> strict.check(URI.create(url)))
        .isInstanceOf(WebhookRefused.class)
        .hasMessageContaining(reason)
        .hasMessageEndingWith("; set PAYSESSION_WEBHOOK_ALLOW_PRIVATE=true to allow it");
    assertThat(lookedUp).isEmpty();
  }

  @Test
  void aPublicIpLiteralIsAllowed() throws Exception {
    assertThat(strict.check(URI.create("https://8.8.8.8/hook")).getHostAddress())
        .isEqualTo("8.8.8.8");
    assertThat(strict.check(URI.create("https://[2606:4700:4700::1111]/hook")).getHostAddress())
        .isEqualTo("2606:4700:4700:0:0:0:0:1111");
    assertThat(lookedUp).isEmpty();
  }

  @Test
  void anUnknownHostDoesNotResolve() {
    assertThatThrownBy(() -> strict.check(URI.create("https://nowhere.example/")))
        .isInstanceOf(WebhookRefused.class)
        .hasMessage("nowhere.example does not resolve");
    assertThatThrownBy(() -> lenient.check(URI.create("https://empty.example/")))
        .isInstanceOf(WebhookRefused.class)
        .hasMessage("empty.example does not resolve");
  }

  @ParameterizedTest
  @CsvSource({
    "ftp://merchant.example/, the URL must start with https://",
    "file:///etc/passwd, the URL must start with https://",
    "//merchant.example/hook, the URL must start with https://",
    "mailto:ops@merchant.example, the URL must start with https://",
    "https:///hook, the URL has no valid host name",
    "https://under_score.example/, the URL has no valid host name",
  })
  void otherUrlsAreRefused(String url, String reason) {
    assertThatThrownBy(() -> lenient.check(URI.create(url)))
        .isInstanceOf(WebhookRefused.class)
        .hasMessage(reason);
    assertThat(lookedUp).isEmpty();
  }

  @Test
  void theSystemResolverTreatsLocalhostAsPrivate() {
    WebhookAddressPolicy policy = new WebhookAddressPolicy(false, WebhookAddressPolicy.SYSTEM);

    assertThatThrownBy(() -> policy.check(URI.create("https://localhost/")))
        .isInstanceOf(WebhookRefused.class)
        .hasMessageStartingWith("localhost resolves to a private address");
  }

  /** An IP literal: InetAddress parses literals without a lookup. */
  private static InetAddress ip(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(literal, e);
    }
  }
}
