package dev.paysession.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** URL rules never fail with anything but InvalidValue, and what they accept obeys the seed. */
class UrlsPropertiesTest {

  private static final Pattern IPV4 = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");

  @Provide
  Arbitrary<String> anyUrl() {
    Arbitrary<String> scheme =
        Arbitraries.of(
            "https://",
            "http://",
            "HTTPS://",
            "HtTp://",
            "ftp://",
            "",
            "https:",
            "//",
            "https:///",
            "javascript:",
            "mailto:",
            "https:/",
            "1http://",
            "ht tps://");
    Arbitrary<String> userInfo = Arbitraries.of("", "", "", "user@", "u:p@", "@", "%40@");
    Arbitrary<String> host =
        Arbitraries.oneOf(
            Arbitraries.of(
                "shop.merchant.com",
                "localhost",
                "LOCALHOST",
                "127.0.0.1",
                "8.8.8.8",
                "256.1.1.1",
                "[::1]",
                "[2001:db8::1]",
                "[::",
                "xn--bcher-kva.example",
                "a..b",
                "-a.com",
                "a-.com",
                "a_b.com",
                "example",
                "ex ample.com",
                "例え.jp",
                "",
                "shop.merchant.com.",
                "a.b.c.d.e.f",
                "x".repeat(64) + ".com",
                "%61.com"),
            Arbitraries.strings().withChars("abz.-_[]:%019@").ofMaxLength(20),
            Arbitraries.strings().all().ofMaxLength(10));
    Arbitrary<String> port = Arbitraries.of("", "", ":8080", ":", ":99999", ":-1", ":abc", ":0");
    Arbitrary<String> rest =
        Arbitraries.oneOf(
            Arbitraries.of(
                "",
                "/",
                "/return",
                "/a b",
                "/%",
                "/%zz",
                "/%41",
                "/ü",
                "?x=1",
                "#frag",
                "/?",
                "/#",
                "/a?b#c",
                "\\path",
                "/" + "p".repeat(300)),
            Arbitraries.strings().all().ofMaxLength(20).map(s -> "/" + s));
    return Arbitraries.oneOf(
        Combinators.combine(scheme, userInfo, host, port, rest)
            .as((s, u, h, p, r) -> s + u + h + p + r),
        Arbitraries.strings().all().ofMaxLength(60));
  }

  @Property(tries = 1000)
  void returnUrlThrowsOnlyInvalidValue(@ForAll("anyUrl") String text, @ForAll boolean sandbox) {
    URI uri;
    try {
      uri = Urls.returnUrl(text, sandbox);
    } catch (InvalidValue expected) {
      return;
    }
    assertThat(text.length()).isLessThanOrEqualTo(Urls.MAX_RETURN_URL_LENGTH);
    assertThat(text).doesNotContain("?");
    assertThat(uri.getRawQuery()).isNull();
    assertThat(uri.getRawFragment()).isNull();
    assertThat(uri.getRawUserInfo()).isNull();
    assertAllowedHostAndScheme(uri, sandbox);
  }

  @Property(tries = 500)
  void webhookUrlThrowsOnlyInvalidValue(@ForAll("anyUrl") String text, @ForAll boolean sandbox) {
    URI uri;
    try {
      uri = Urls.webhookUrl(text, sandbox);
    } catch (InvalidValue expected) {
      return;
    }
    assertThat(text.length()).isLessThanOrEqualTo(Urls.MAX_WEBHOOK_URL_LENGTH);
    assertAllowedHostAndScheme(uri, sandbox);
  }

  private static void assertAllowedHostAndScheme(URI uri, boolean sandbox) {
    String host = uri.getHost();
    assertThat(host).isNotNull();
    boolean localhost = host.equalsIgnoreCase("localhost");
    if (localhost) {
      assertThat(sandbox).as("localhost only for sandbox merchants").isTrue();
      assertThat(uri.getScheme()).matches("(?i)https?");
    } else {
      assertThat(uri.getScheme()).isEqualToIgnoringCase("https");
      assertThat(host).doesNotStartWith("[");
      assertThat(IPV4.matcher(host).matches()).as("IP host %s", host).isFalse();
      assertThat(host).contains(".");
    }
  }
}
