package dev.paysession.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paysession.checkout.ReturnUrlSignature.Mandate;
import dev.paysession.checkout.ReturnUrlSignature.Outcome;
import dev.paysession.order.OrderStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/**
 * Over random outcomes, return-URL parameters (any script, encoded in the ways merchants write
 * them) and keys: the merchant's verifier accepts every redirect we build, and rejects it after any
 * one character of the query is changed in a way that changes what the merchant reads.
 */
class ReturnUrlSignaturePropertiesTest {

  /** A redirect as built, with what it was built from. */
  record Case(String url, String key, Map<String, String> merchantParams, Outcome outcome) {}

  @Property(tries = 500)
  void everyRedirectVerifiesAndCarriesWhatWasGiven(@ForAll("cases") Case c) {
    assertThat(MerchantSideVerifier.verify(c.url(), c.key())).as(c.url()).isTrue();
    assertThat(MerchantSideVerifier.verify(c.url(), c.key() + "x")).isFalse();
    assertThat(c.url()).matches("\\p{ASCII}*").doesNotContain("#");

    Map<String, String> query = MerchantSideVerifier.query(c.url());
    Map<String, String> expected = new LinkedHashMap<>(c.merchantParams());
    expected.keySet().removeAll(ReturnUrlSignature.RESERVED);
    expected.putAll(c.outcome().params());
    query.remove("signature");
    assertThat(query.remove("signature_algorithm")).isEqualTo("HMAC-SHA256");
    assertThat(query).containsExactlyEntriesOf(expected);
  }

  @Property(tries = 1000)
  void anyOneCharacterTamperInTheQueryIsRejected(
      @ForAll("cases") Case c,
      @ForAll @IntRange(min = 0, max = 10_000) int where,
      @ForAll("replacements") char replacement) {
    String url = c.url();
    int queryStart = url.indexOf('?') + 1;
    int at = queryStart + where % (url.length() - queryStart);
    String tampered = url.substring(0, at) + replacement + url.substring(at + 1);
    // e.g. "%3D" -> "%3d" or "+" -> " ": the merchant reads exactly what was signed.
    boolean same = sameMeaning(url, tampered);
    Statistics.collect(same ? "same meaning" : "changed");
    if (!same) {
      assertThat(MerchantSideVerifier.verify(tampered, c.key())).as(tampered).isFalse();
    }
    // Most tampers must really change something, or this property proves little.
    Statistics.coverage(coverage -> coverage.check("changed").percentage(p -> p > 90));
  }

  @Property(tries = 300)
  void signMatchesTheMerchantsRecomputationForAnyParameters(
      @ForAll("params") Map<String, String> params, @ForAll("keys") String key) {
    assertThat(ReturnUrlSignature.sign(params, key))
        .isEqualTo(MerchantSideVerifier.expectedSignature(params, key));
  }

  /** What the merchant reads: the decoded parameters, with the signature decoded to Base64. */
  private static boolean sameMeaning(String original, String tampered) {
    try {
      Map<String, String> a = MerchantSideVerifier.query(original);
      Map<String, String> b = MerchantSideVerifier.query(tampered);
      a.computeIfPresent("signature", (k, v) -> fullyDecoded(v));
      b.computeIfPresent("signature", (k, v) -> fullyDecoded(v));
      return a.equals(b) && List.copyOf(a.keySet()).equals(List.copyOf(b.keySet()));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static String fullyDecoded(String value) {
    String decoded = value;
    for (int i = 0; i < 3 && decoded.contains("%"); i++) {
      decoded = java.net.URLDecoder.decode(decoded, StandardCharsets.UTF_8);
    }
    return decoded;
  }

  @Provide
  Arbitrary<Character> replacements() {
    return Arbitraries.oneOf(
        Arbitraries.chars().range(' ', '~'), Arbitraries.of('é', '€', '\u0000', '\n', '\t'));
  }

  @Provide
  Arbitrary<Case> cases() {
    Arbitrary<Map<String, String>> merchantParams =
        Arbitraries.maps(merchantKeys(), values()).ofMaxSize(4);
    Arbitrary<String> encoding = Arbitraries.of("form", "percent20", "minimal");
    return Combinators.combine(
            Arbitraries.of(
                "https://shop.example.com/return",
                "https://shop.example.com/",
                "http://localhost:8080/pay/done",
                "https://shop.example.com/caf\u00e9/retour"),
            merchantParams,
            encoding,
            outcomes(),
            keys())
        .as(
            (base, params, how, outcome, key) -> {
              String returnUrl = params.isEmpty() ? base : base + "?" + query(params, how);
              String url = ReturnUrlSignature.redirectUrl(returnUrl, outcome, key).toString();
              return new Case(url, key, params, outcome);
            });
  }

  /** The query as a merchant might have written it: form encoding, %20 for spaces, or minimal. */
  private static String query(Map<String, String> params, String how) {
    StringBuilder query = new StringBuilder();
    params.forEach(
        (key, value) -> {
          String encoded = URLEncoder.encode(value, StandardCharsets.UTF_8);
          encoded =
              switch (how) {
                case "percent20" -> encoded.replace("+", "%20");
                // Only what must be escaped for the query to split right: '%', '&', '+', '#'.
                case "minimal" ->
                    value
                        .replace("%", "%25")
                        .replace("&", "%26")
                        .replace("+", "%2B")
                        .replace("#", "%23")
                        .replace(" ", "+");
                default -> encoded;
              };
          query.append(query.isEmpty() ? "" : "&").append(key).append('=').append(encoded);
        });
    return query.toString();
  }

  private static Arbitrary<String> merchantKeys() {
    return Arbitraries.oneOf(
        Arbitraries.strings().withChars("abcXYZ019._-").ofMinLength(1).ofMaxLength(8),
        Arbitraries.of("status", "order_id", "signature", "mandate_id", "myQP"));
  }

  private static Arbitrary<String> values() {
    return Arbitraries.oneOf(
        Arbitraries.strings().ascii().ofMaxLength(12),
        Arbitraries.strings()
            .withCharRange(' ', '~')
            .withCharRange('\u00a0', '\u024f')
            .withCharRange('\u0900', '\u097f')
            .withCharRange('\u4e00', '\u4e20')
            .ofMaxLength(12),
        Arbitraries.of("aGVsbG9Xb3JsZA==", "a+b/c=", "100%", "\uD83D\uDE00 ok", "=&?#"));
  }

  private static Arbitrary<Outcome> outcomes() {
    Arbitrary<String> orderId =
        Arbitraries.strings().withChars("abcdefXYZ0123456789_-").ofMinLength(1).ofMaxLength(21);
    Arbitrary<Optional<Mandate>> mandate =
        Combinators.combine(
                Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(16),
                Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(32),
                Arbitraries.of("CREATED", "ACTIVE", "PAUSED", "REVOKED", "FAILURE", "EXPIRED"))
            .as((id, token, status) -> new Mandate(id, token, status))
            .optional(0.3);
    return Combinators.combine(orderId, Arbitraries.of(OrderStatus.class), mandate)
        .as(
            (id, status, m) -> {
              Outcome outcome = Outcome.of(id, status);
              return m.map(outcome::withMandate).orElse(outcome);
            });
  }

  @Provide
  Arbitrary<String> keys() {
    return Arbitraries.oneOf(
        Arbitraries.strings().withChars("0123456789ABCDEF").ofLength(32),
        Arbitraries.strings()
            .withCharRange('!', '~')
            .withCharRange('à', 'ÿ')
            .ofMinLength(1)
            .ofMaxLength(40));
  }

  @Provide
  Arbitrary<Map<String, String>> params() {
    Arbitrary<String> anyText =
        Arbitraries.strings()
            .withCharRange('\u0000', '\u00ff')
            .withCharRange('\u0900', '\u097f')
            .withChars("\uD83D\uDE00&=%+ ~*")
            .ofMaxLength(10)
            .filter(ReturnUrlSignaturePropertiesTest::wellFormed);
    return Arbitraries.maps(anyText, anyText).ofMaxSize(6);
  }

  private static boolean wellFormed(String text) {
    return StandardCharsets.UTF_8.newEncoder().canEncode(text);
  }
}
