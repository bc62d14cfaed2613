package dev.paysession.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * Whatever a client sends to {@code POST /session}, the packaged server answers below 500, in the
 * JSON error envelope when it refuses, and always with an {@code x-request-id}.
 */
class NoServerErrorFuzzIT {

  private static final Pattern ACCEPTABLE_REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

  private static Path dataDir;
  private static PackagedServer server;
  private static String apiKey;

  @BeforeContainer
  static void startServer() {
    dataDir = PackagedServer.newDataDir("fuzz");
    server = PackagedServer.start(dataDir);
    apiKey = server.printedApiKey().orElseThrow();
    System.out.printf(
        "NoServerErrorFuzzIT: server ready in %d ms%n", server.startupTime().toMillis());
  }

  @AfterContainer
  static void checkHealthAndStop() throws Exception {
    try {
      if (server == null) {
        return;
      }
      HttpResponse<String> ready =
          server
              .http()
              .send(
                  HttpRequest.newBuilder(URI.create(server.baseUrl() + "/q/health/ready"))
                      .timeout(Duration.ofSeconds(10))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(ready.statusCode()).as("ready after the fuzzing: " + ready.body()).isEqualTo(200);
      Sessions.Reply valid = Sessions.demo(server, apiKey).createOrFail("fuzz-after-1", "10.00");
      assertThat(valid.status()).as("a valid request still works: " + valid.raw()).isEqualTo(200);
      long unhandled = server.output().lines().filter(l -> l.contains("Unhandled failure")).count();
      System.out.printf("NoServerErrorFuzzIT: 'Unhandled failure' log lines: %d%n", unhandled);
      assertThat(unhandled).as("no request reached the catch-all 500 mapper").isZero();
    } finally {
      if (server != null) {
        server.close();
      }
      PackagedServer.deleteDataDir(dataDir);
    }
  }

  /** One generated request. {@code null} header values mean "header absent". */
  record Fuzz(
      String method,
      Map<String, String> headers,
      byte[] body,
      boolean chunked,
      String bodyKind,
      String offeredRequestId) {

    @Override
    public String toString() {
      String text = new String(body, StandardCharsets.UTF_8);
      return method
          + " /session "
          + headers
          + (chunked ? " chunked" : "")
          + " ["
          + bodyKind
          + ", "
          + body.length
          + " bytes] "
          + (text.length() > 300 ? text.substring(0, 300) + "…" : text);
    }
  }

  @Property(tries = 2000, shrinking = net.jqwik.api.ShrinkingMode.BOUNDED)
  void neverAServerErrorAlwaysTheEnvelopeAndARequestId(@ForAll("requests") Fuzz fuzz)
      throws Exception {
    HttpRequest.BodyPublisher publisher = HttpRequest.BodyPublishers.ofByteArray(fuzz.body());
    if (fuzz.chunked()) {
      publisher = HttpRequest.BodyPublishers.fromPublisher(publisher); // no length: chunked
    }
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(server.baseUrl() + "/session"))
            .timeout(Duration.ofSeconds(20))
            .method(fuzz.method(), publisher);
    fuzz.headers().forEach(builder::header);
    HttpResponse<String> response;
    try {
      response = server.http().send(builder.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new AssertionError(
          "no HTTP response (server alive: " + server.isAlive() + ") for " + fuzz, e);
    }
    int status = response.statusCode();
    Statistics.label("status").collect(status);
    Statistics.label("body").collect(fuzz.bodyKind());

    assertThat(status).as("status for %s: %s", fuzz, response.body()).isLessThan(500);
    Optional<String> requestId = response.headers().firstValue("x-request-id");
    assertThat(requestId).as("x-request-id for %s", fuzz).isPresent();
    assertThat(requestId.get()).isNotBlank();
    if (fuzz.offeredRequestId() != null
        && ACCEPTABLE_REQUEST_ID.matcher(fuzz.offeredRequestId()).matches()) {
      assertThat(requestId.get())
          .as("the caller's own request id is echoed")
          .isEqualTo(fuzz.offeredRequestId());
    }
    if (status >= 400) {
      JsonNode body = Sessions.parse(response.body());
      assertThat(body.isObject())
          .as("JSON error body for %s, got %s: %s", fuzz, status, response.body())
          .isTrue();
      assertThat(body.path("error_code").isTextual())
          .as("error_code in %s", response.body())
          .isTrue();
      assertThat(response.headers().firstValue("content-type").orElse(""))
          .startsWith("application/json");
    } else if (status == 200 && fuzz.method().equals("POST")) {
      JsonNode body = Sessions.parse(response.body());
      assertThat(body.path("id").asText()).as(response.body()).startsWith("ordeh_");
    }
  }

  // --- generators -------------------------------------------------------------------------------

  @Provide
  Arbitrary<Fuzz> requests() {
    Arbitrary<String> method =
        Arbitraries.frequencyOf(
            Tuple.of(20, Arbitraries.just("POST")),
            Tuple.of(1, Arbitraries.of("PUT", "PATCH", "DELETE", "GET", "OPTIONS", "FOO")));
    Arbitrary<Optional<String>> requestId =
        Arbitraries.frequencyOf(
            Tuple.of(6, Arbitraries.just(Optional.<String>empty())),
            Tuple.of(
                2,
                Arbitraries.strings()
                    .withChars("abcXYZ019._:-")
                    .ofMinLength(1)
                    .ofMaxLength(64)
                    .map(Optional::of)),
            Tuple.of(2, printable(200).map(Optional::of)));
    Arbitrary<Map<String, String>> extra =
        Arbitraries.frequencyOf(
            Tuple.of(6, Arbitraries.just(Map.<String, String>of())),
            Tuple.of(1, printable(300).map(v -> Map.of("x-routing-id", v))),
            Tuple.of(1, printable(300).map(v -> Map.of("x-customerid", v))),
            Tuple.of(1, Arbitraries.just(Map.of("version", "2023-06-30"))),
            Tuple.of(1, Arbitraries.just(Map.of("Content-Encoding", "gzip"))),
            Tuple.of(
                1,
                Arbitraries.of("text/html", "application/xml", "*/*", "garbage/", ";;")
                    .map(v -> Map.of("Accept", v))),
            Tuple.of(1, printable(100).map(v -> Map.of("x-merchant-id", v))));
    return Combinators.combine(
            method,
            authorization(),
            merchantHeader(),
            contentType(),
            requestId,
            extra,
            bodies(),
            Arbitraries.integers().between(0, 9).map(n -> n == 0))
        .as(
            (m, auth, merchant, type, rid, more, body, chunked) -> {
              Map<String, String> headers = new LinkedHashMap<>();
              auth.ifPresent(v -> headers.put("Authorization", v));
              merchant.ifPresent(v -> headers.put("x-merchantid", v));
              type.ifPresent(v -> headers.put("Content-Type", v));
              rid.ifPresent(v -> headers.put("x-request-id", v));
              headers.putAll(more);
              return new Fuzz(m, headers, body.get2(), chunked, body.get1(), rid.orElse(null));
            });
  }

  private Arbitrary<Optional<String>> authorization() {
    String valid = Sessions.basic(apiKey);
    String noColon =
        "Basic " + Base64.getEncoder().encodeToString(apiKey.getBytes(StandardCharsets.UTF_8));
    return Arbitraries.frequencyOf(
        Tuple.of(14, Arbitraries.just(Optional.of(valid))),
        Tuple.of(2, Arbitraries.just(Optional.of(noColon))),
        Tuple.of(2, Arbitraries.just(Optional.<String>empty())),
        Tuple.of(
            1,
            Arbitraries.of(
                    "Basic",
                    "Basic ",
                    "Basic !!!not-base64!!!",
                    "basic " + valid.substring(6),
                    "BASIC    " + valid.substring(6) + "   ",
                    "Bearer " + apiKey,
                    "Digest username=x",
                    Sessions.basic(apiKey.toLowerCase()),
                    Sessions.basic("0".repeat(32)),
                    "Basic " + b64(apiKey + ":password"),
                    "Basic " + b64(":"),
                    "Basic " + b64(""),
                    "Basic " + b64("x".repeat(400) + ":"),
                    "Basic " + b64(apiKey + "\u0000:"),
                    "Basic " + b64("😀" + apiKey + ":"),
                    "Basic " + valid.substring(6) + "==")
                .map(Optional::of)),
        Tuple.of(1, printable(500).map(Optional::of)),
        Tuple.of(1, printable(60).map(s -> Optional.of("Basic " + b64(s)))));
  }

  private static Arbitrary<Optional<String>> merchantHeader() {
    return Arbitraries.frequencyOf(
        Tuple.of(14, Arbitraries.just(Optional.of(Sessions.DEMO_MERCHANT))),
        Tuple.of(2, Arbitraries.just(Optional.<String>empty())),
        Tuple.of(
            1,
            Arbitraries.of(
                    "",
                    " ",
                    " paysession_demo ",
                    "PAYSESSION_DEMO",
                    "other_merchant",
                    "paysession_demo,other",
                    "'; DROP TABLE orders; --",
                    "x".repeat(4000))
                .map(Optional::of)),
        Tuple.of(1, printable(200).map(Optional::of)));
  }

  private static Arbitrary<Optional<String>> contentType() {
    return Arbitraries.frequencyOf(
        Tuple.of(12, Arbitraries.just(Optional.of("application/json"))),
        Tuple.of(2, Arbitraries.just(Optional.<String>empty())),
        Tuple.of(
            3,
            Arbitraries.of(
                    "application/json; charset=utf-8",
                    "application/json;charset=UTF-16",
                    "application/json; charset=latin1",
                    "application/json; charset=nonsense",
                    "APPLICATION/JSON",
                    "application/vnd.api+json",
                    "application/merge-patch+json",
                    "text/plain",
                    "text/json",
                    "application/xml",
                    "application/x-www-form-urlencoded",
                    "multipart/form-data",
                    "multipart/form-data; boundary=xyz",
                    "application/octet-stream",
                    "*/*",
                    "application/*",
                    "application/",
                    "/",
                    ";",
                    ";;charset=",
                    "application/json; boundary=\"",
                    "json")
                .map(Optional::of)),
        Tuple.of(1, printable(100).map(Optional::of)));
  }

  /** (kind, bytes) */
  private static Arbitrary<Tuple.Tuple2<String, byte[]>> bodies() {
    return Arbitraries.frequencyOf(
        Tuple.of(40, mutatedSessionBody().map(s -> body("mutated", s))),
        Tuple.of(6, jsonValue(3).map(s -> body("any-json", s))),
        Tuple.of(8, malformed().map(s -> body("malformed", s))),
        Tuple.of(4, deepNesting().map(s -> body("deep", s))),
        Tuple.of(3, hugeBody().map(s -> body("huge", s))),
        Tuple.of(
            3,
            Arbitraries.bytes().array(byte[].class).ofMaxSize(300).map(b -> Tuple.of("bytes", b))),
        Tuple.of(
            2,
            Arbitraries.of("", " ", "\n\t ", "\u00a0", "\uFEFF", "\uFEFF{}", "{}", "[]", "null")
                .map(s -> body("tiny", s))),
        Tuple.of(
            2,
            mutatedSessionBody()
                .map(s -> Tuple.of("non-utf8", s.getBytes(StandardCharsets.UTF_16LE)))));
  }

  private static Tuple.Tuple2<String, byte[]> body(String kind, String text) {
    return Tuple.of(kind, text.getBytes(StandardCharsets.UTF_8));
  }

  private static final List<String> FIELDS =
      List.of(
          "order_id",
          "amount",
          "currency",
          "customer_id",
          "customer_email",
          "customer_phone",
          "mobile_country_code",
          "payment_page_client_id",
          "action",
          "return_url",
          "description",
          "first_name",
          "last_name",
          "language",
          "service",
          "order_type",
          "udf1",
          "udf10",
          "gateway_reference_id",
          "options.get_upi_deep_links",
          "options.create_mandate",
          "mandate.max_amount",
          "mandate_max_amount",
          "mandate.amount_rule",
          "mandate.frequency",
          "mandate.start_date",
          "mandate.end_date",
          "mandate.rule_value",
          "mandate.block_funds",
          "mandate.revokable_by_customer",
          "metadata.expiryInMins",
          "metadata.webhook_url",
          "metadata.subvention_amount",
          "metadata.bank_account_details",
          "metadata.txns.allow_card_no_3ds",
          "metadata.JUSPAY:gateway_reference_id",
          "metadata.RAZORPAY:notes",
          "order_fullfillment_threshold_in_mins",
          "bank_account_number",
          "bank_ifsc",
          "juspay_bank_code",
          "mutual_fund_details",
          "options",
          "mandate",
          "metadata",
          "x",
          "");

  private static final List<String> PLAUSIBLE =
      List.of(
          "\"1.0\"",
          "\"1\"",
          "1",
          "1.0",
          "\"0.99\"",
          "\"1.005\"",
          "\"-1\"",
          "\"99999999999999\"",
          "\"1e3\"",
          "\"INR\"",
          "\"USD\"",
          "\"inr\"",
          "\"paymentPage\"",
          "\"paymentManagement\"",
          "\"REQUIRED\"",
          "\"OPTIONAL\"",
          "\"MONTHLY\"",
          "\"ONETIME\"",
          "\"ASPRESENTED\"",
          "\"FIXED\"",
          "\"VARIABLE\"",
          "\"TPV_PAYMENT\"",
          "\"true\"",
          "\"false\"",
          "true",
          "\"15\"",
          "15",
          "\"1767225600\"",
          "\"2030-01-01\"",
          "\"https://shop.merchant.com/return?x=1\"",
          "\"javascript:alert(1)\"",
          "\"http://[::1\"",
          "\"paysession_demo\"",
          "\"a@b.co\"",
          "\"9876543210\"",
          "\"+91\"",
          "\"[{\\\"bank_account_number\\\":\\\"1234\\\",\\\"bank_ifsc\\\":\\\"HDFC0000001\\\"}]\"",
          "[{\"bank_account_number\":\"1234\",\"bank_ifsc\":\"HDFC0000001\"}]",
          "\"[{\\\"MemberId\\\":\\\"m\\\",\\\"SchemeCode\\\":\\\"s\\\",\\\"Amount\\\":\\\"1.00\\\"}]\"",
          "{\"notes\":{\"a\":1}}",
          "{\"get_upi_deep_links\":true,\"create_mandate\":\"REQUIRED\"}",
          "{\"max_amount\":\"1000\",\"frequency\":\"MONTHLY\",\"start_date\":\"1767225600\"}");

  /** The README body with a unique order id and 0–4 fields replaced, removed or added. */
  private static Arbitrary<String> mutatedSessionBody() {
    Arbitrary<String> orderId =
        Arbitraries.frequencyOf(
            Tuple.of(
                8,
                Arbitraries.strings().alpha().numeric().ofLength(16).map(s -> "\"fz-" + s + "\"")),
            Tuple.of(2, jsonString()));
    Arbitrary<Optional<String>> value =
        Arbitraries.frequencyOf(
            Tuple.of(5, Arbitraries.of(PLAUSIBLE).map(Optional::of)),
            Tuple.of(3, jsonValue(2).map(Optional::of)),
            Tuple.of(1, Arbitraries.just(Optional.<String>empty())));
    Arbitrary<Tuple.Tuple2<String, Optional<String>>> mutation =
        Combinators.combine(
                Arbitraries.frequencyOf(
                    Tuple.of(8, Arbitraries.of(FIELDS)),
                    Tuple.of(1, Arbitraries.strings().ofMaxLength(20))),
                value)
            .as(Tuple::of);
    Arbitrary<List<Tuple.Tuple2<String, Optional<String>>>> mutationLists =
        Arbitraries.frequencyOf(
            Tuple.of(1, Arbitraries.just(List.of())),
            Tuple.of(4, mutation.list().ofMinSize(1).ofMaxSize(4)));
    return Combinators.combine(orderId, mutationLists, Arbitraries.of(true, false))
        .as(
            (id, mutations, duplicateKey) -> {
              Map<String, String> fields = new LinkedHashMap<>();
              fields.put("order_id", id);
              fields.put("amount", "\"1.0\"");
              fields.put("customer_id", "\"customer-1234\"");
              fields.put("customer_email", "\"test.customer@example.com\"");
              fields.put("customer_phone", "\"9876543210\"");
              fields.put("payment_page_client_id", "\"paysession_demo\"");
              fields.put("action", "\"paymentPage\"");
              fields.put("return_url", "\"https://shop.merchant.com\"");
              fields.put("description", "\"Complete your payment\"");
              fields.put("first_name", "\"John\"");
              fields.put("last_name", "\"Wick\"");
              for (Tuple.Tuple2<String, Optional<String>> m : mutations) {
                if (m.get2().isPresent()) {
                  fields.put(m.get1(), m.get2().get());
                } else {
                  fields.remove(m.get1());
                }
              }
              String object =
                  fields.entrySet().stream()
                      .map(e -> quote(e.getKey()) + ":" + e.getValue())
                      .collect(Collectors.joining(",", "{", "}"));
              if (duplicateKey
                  && !mutations.isEmpty()
                  && fields.containsKey(mutations.get(0).get1())) {
                String k = mutations.get(0).get1();
                object = object.substring(0, object.length() - 1) + "," + quote(k) + ":\"dup\"}";
              }
              return object;
            });
  }

  private static Arbitrary<String> jsonValue(int depth) {
    Arbitrary<String> scalar =
        Arbitraries.frequencyOf(
            Tuple.of(5, jsonString()),
            Tuple.of(2, Arbitraries.integers().map(String::valueOf)),
            Tuple.of(2, Arbitraries.bigDecimals().ofScale(3).map(Object::toString)),
            Tuple.of(
                2,
                Arbitraries.of(
                    "true",
                    "false",
                    "null",
                    "0",
                    "-0",
                    "1e309",
                    "-1e309",
                    "1e-400",
                    "1E+2",
                    "0.1e1",
                    "123456789012345678901234567890",
                    "9".repeat(70),
                    "0." + "0".repeat(60) + "1")));
    if (depth <= 0) {
      return scalar;
    }
    Arbitrary<String> inner = jsonValue(depth - 1);
    Arbitrary<String> array =
        inner.list().ofMaxSize(4).map(l -> l.stream().collect(Collectors.joining(",", "[", "]")));
    Arbitrary<String> object =
        Combinators.combine(jsonString(), inner)
            .as((k, v) -> k + ":" + v)
            .list()
            .ofMaxSize(4)
            .map(l -> l.stream().collect(Collectors.joining(",", "{", "}")));
    return Arbitraries.frequencyOf(Tuple.of(6, scalar), Tuple.of(1, array), Tuple.of(1, object));
  }

  /** JSON string literals, quotes included: odd Unicode, escapes, lone surrogates, NULs. */
  private static Arbitrary<String> jsonString() {
    return Arbitraries.frequencyOf(
        Tuple.of(3, Arbitraries.strings().ofMaxLength(40).map(NoServerErrorFuzzIT::quote)),
        Tuple.of(2, Arbitraries.strings().all().ofMaxLength(20).map(NoServerErrorFuzzIT::quote)),
        Tuple.of(
            3,
            Arbitraries.of(
                "\"\"",
                "\" \"",
                "\"😀🇮🇳👩‍👩‍👧\"",
                "\"\u202eRTL override\u202c\"",
                "\"שלום عربى\"",
                "\"\\u0000\"",
                "\"a\\u0000b\"",
                "\"\\ud800\"",
                "\"\\udfff\\ud800\"",
                "\"x\\ud83d\"",
                "\"\\uD83D\\uDE00\"",
                "\"\\uFEFF\\u200B\\u2028\\u2029\"",
                "\"\\\\\\\"\\/\\b\\f\\n\\r\\t\"",
                "\"e\u0301\u0301\u0301\"",
                "\"<script>alert(1)</script>\"",
                "\"' OR 1=1 --\"",
                "\"%00%ff\"",
                "\"${jndi:ldap://x}\"",
                "\"{{7*7}}\"")),
        Tuple.of(1, Arbitraries.integers().between(100, 70_000).map(n -> quote("é".repeat(n)))));
  }

  private static Arbitrary<String> malformed() {
    Arbitrary<String> truncated =
        Combinators.combine(mutatedSessionBody(), Arbitraries.doubles().between(0, 1))
            .as((s, f) -> s.substring(0, (int) (s.length() * f)));
    return Arbitraries.frequencyOf(
        Tuple.of(3, truncated),
        Tuple.of(2, Arbitraries.strings().ofMaxLength(200)),
        Tuple.of(
            3,
            Arbitraries.of(
                "{",
                "}",
                "{\"order_id\":}",
                "{\"order_id\":\"a\",}",
                "{'order_id':'a'}",
                "{order_id:\"a\"}",
                "{\"a\":1}{\"b\":2}",
                "{\"a\":1} trailing",
                "{\"a\":NaN}",
                "{\"a\":Infinity}",
                "{\"a\":01}",
                "{\"a\":\"\\x41\"}",
                "{\"a\":\"\\u12\"}",
                "{\"a\":\"raw\ttab\"}",
                "{\"a\":\"raw\u0000nul\"}",
                "{\"a\":\"unterminated}",
                "/* comment */ {}",
                "{\"amount\": 1.0.0}",
                "{\"a\":[1,2,}",
                "\"just a string\"",
                "42",
                "[{\"order_id\":\"x\"}]",
                "{\"\":\"\"}",
                "\uFEFF{\"order_id\":\"bom\"}")));
  }

  private static Arbitrary<String> deepNesting() {
    return Combinators.combine(Arbitraries.integers().between(10, 20_000), Arbitraries.of(0, 1, 2))
        .as(
            (n, shape) ->
                switch (shape) {
                  case 0 -> "[".repeat(n) + "]".repeat(n);
                  case 1 -> "{\"a\":".repeat(n) + "1" + "}".repeat(n);
                  default -> "{\"metadata\":" + "{\"m\":".repeat(n) + "1" + "}".repeat(n + 1);
                });
  }

  /** Bodies around and over the 64 KiB /session limit (well under the 1 MiB hard limit). */
  private static Arbitrary<String> hugeBody() {
    return Combinators.combine(
            Arbitraries.integers().between(60_000, 300_000), Arbitraries.of("a", "😀", "\\u0000"))
        .as(
            (n, unit) ->
                "{\"order_id\":\"huge\",\"amount\":\"1.0\",\"description\":\""
                    + unit.repeat(n / unit.length() / (unit.equals("😀") ? 2 : 1))
                    + "\"}");
  }

  private static Arbitrary<String> printable(int maxLength) {
    return Arbitraries.strings().withCharRange(' ', '~').ofMinLength(1).ofMaxLength(maxLength);
  }

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  /** A JSON string literal; a lone surrogate becomes a {@code \\uXXXX} escape. */
  static String quote(String s) {
    StringBuilder b = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean pairedHigh =
          Character.isHighSurrogate(c)
              && i + 1 < s.length()
              && Character.isLowSurrogate(s.charAt(i + 1));
      if (pairedHigh) {
        b.append(c).append(s.charAt(++i));
      } else if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c < 0x20 || Character.isSurrogate(c)) {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.append('"').toString();
  }
}
