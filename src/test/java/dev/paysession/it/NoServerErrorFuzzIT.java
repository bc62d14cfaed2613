package dev.paysession.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import net.jqwik.engine.SourceOfRandomness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Whatever a client sends to {@code POST /session}, the packaged server answers below 500, in the
 * JSON error envelope when it refuses, always with an {@code x-request-id}, and never hangs.
 *
 * <p>Requests come from jqwik generators (malformed and mutated JSON, wrong types, huge, empty and
 * deeply nested values, odd Unicode, wrong or duplicated headers and credentials, another
 * merchant's key, bodies over the limit, chunked bodies) and are sent from several threads, some as
 * raw bytes so headers can carry UTF-8, Latin-1 and duplicates. {@code -Dpaysession.fuzz.requests}
 * (default 2,000), {@code .threads} (4) and {@code .seed} (random, printed) control the run; a
 * failure prints the seed and the offending requests. Requests the HTTP codec rejects before any
 * route runs are {@link MalformedHttpIT}'s subject, not this one's.
 */
class NoServerErrorFuzzIT {

  private static final Pattern ACCEPTABLE_REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
  private static final String ADMIN_TOKEN = "fuzz-admin-token-0123456789-0123";
  private static final int REQUESTS = Integer.getInteger("paysession.fuzz.requests", 2000);
  private static final int THREADS = Integer.getInteger("paysession.fuzz.threads", 4);
  private static final Duration HANG = Duration.ofSeconds(20);

  private static Path dataDir;
  private static PackagedServer server;
  private static String apiKey;

  /** A valid key of another merchant: with x-merchantid paysession_demo it must be refused. */
  private static String otherMerchantKey;

  @BeforeAll
  static void startServer() throws Exception {
    dataDir = PackagedServer.newDataDir("fuzz");
    server = PackagedServer.start(dataDir, Map.of("PAYSESSION_ADMIN_TOKEN", ADMIN_TOKEN));
    apiKey = server.printedApiKey().orElseThrow();
    otherMerchantKey =
        Sessions.newMerchant(server, ADMIN_TOKEN, "fuzz_other", "Other", "fuzz_other").apiKey();
    System.out.printf(
        "NoServerErrorFuzzIT: server ready in %d ms%n", server.startupTime().toMillis());
  }

  @AfterAll
  static void stopServer() {
    if (server != null) {
      server.close();
    }
    PackagedServer.deleteDataDir(dataDir);
  }

  /** A request header as raw bytes: what {@link java.net.http.HttpClient} will not send. */
  record RawHeader(String name, byte[] value) {
    @Override
    public String toString() {
      return name + ": " + new String(value, StandardCharsets.UTF_8);
    }
  }

  /** One generated request. Raw headers, when present, make it go out over {@link RawHttp}. */
  record Fuzz(
      String method,
      Map<String, String> headers,
      List<RawHeader> rawHeaders,
      byte[] body,
      boolean chunked,
      String bodyKind,
      String offeredRequestId) {

    boolean raw() {
      return !rawHeaders.isEmpty();
    }

    @Override
    public String toString() {
      String text = new String(body, StandardCharsets.UTF_8);
      return method
          + " /session "
          + headers
          + (raw() ? " raw" + rawHeaders : "")
          + (chunked ? " chunked" : "")
          + " ["
          + bodyKind
          + ", "
          + body.length
          + " bytes] "
          + (text.length() > 300 ? text.substring(0, 300) + "…" : text);
    }
  }

  /** The status, headers and body of an answer, whichever client fetched it. */
  private record Answer(int status, String contentType, String requestId, String body) {}

  @Test
  void generatedRequestsNeverGetAServerErrorAndAlwaysTheEnvelope() throws Exception {
    long seed = Long.getLong("paysession.fuzz.seed", new Random().nextLong());
    System.out.printf(
        "NoServerErrorFuzzIT: %d requests from %d threads, seed %d"
            + " (-Dpaysession.fuzz.seed=%d repeats them)%n",
        REQUESTS, THREADS, seed, seed);
    // jqwik's generators need its lifecycle; sampleStream() provides one, drawing from this
    // thread's source of randomness, which the seed fixes.
    SourceOfRandomness.create(Long.toString(seed));
    Iterator<Fuzz> generated = requests().sampleStream().iterator();
    BlockingQueue<Fuzz> queue = new ArrayBlockingQueue<>(THREADS * 16);
    Queue<String> failures = new ConcurrentLinkedQueue<>();
    Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
    Map<String, LongAdder> kinds = new ConcurrentHashMap<>();
    long[] millis = new long[REQUESTS];
    Map<Long, String> slowestRequest = new ConcurrentHashMap<>();
    AtomicInteger sent = new AtomicInteger();
    LongAdder raw = new LongAdder();
    Fuzz poison = new Fuzz("", Map.of(), List.of(), new byte[0], false, "", null);
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    List<Future<?>> senders = new ArrayList<>();
    long start = System.nanoTime();
    for (int t = 0; t < THREADS; t++) {
      senders.add(
          pool.submit(
              () -> {
                for (Fuzz fuzz = queue.take(); fuzz != poison; fuzz = queue.take()) {
                  long began = System.nanoTime();
                  String problem = check(fuzz, statuses);
                  long took = (System.nanoTime() - began) / 1_000_000;
                  if (took > 1000) {
                    slowestRequest.put(took, fuzz.toString());
                  }
                  kinds.computeIfAbsent(fuzz.bodyKind(), k -> new LongAdder()).increment();
                  if (fuzz.raw()) {
                    raw.increment();
                  }
                  if (problem != null && failures.size() < 20) {
                    failures.add(problem + "\n    for " + fuzz);
                  }
                  millis[sent.getAndIncrement()] = took;
                }
                return null;
              }));
    }
    try {
      for (int i = 0; i < REQUESTS && failures.isEmpty(); i++) {
        while (!queue.offer(generated.next(), 1, TimeUnit.SECONDS)) {
          if (senders.stream().anyMatch(Future::isDone)) {
            break;
          }
        }
      }
    } finally {
      for (int t = 0; t < THREADS; t++) {
        queue.offer(poison, 60, TimeUnit.SECONDS);
      }
      pool.shutdown();
    }
    for (Future<?> sender : senders) {
      sender.get(HANG.toSeconds() * 2, TimeUnit.SECONDS);
    }
    long seconds = Math.max(1, (System.nanoTime() - start) / 1_000_000_000);
    long[] sorted = Arrays.copyOf(millis, sent.get());
    Arrays.sort(sorted);
    System.out.printf(
        "NoServerErrorFuzzIT: %d requests (%d with raw headers) in %d s, statuses %s; latency p50"
            + " %d ms, p99 %d ms, max %d ms; bodies %s%n",
        sent.get(),
        raw.sum(),
        seconds,
        new TreeMap<>(statuses),
        percentile(sorted, 50),
        percentile(sorted, 99),
        sorted.length == 0 ? 0 : sorted[sorted.length - 1],
        new TreeMap<>(kinds));
    slowestRequest.entrySet().stream()
        .sorted(Map.Entry.<Long, String>comparingByKey().reversed())
        .limit(3)
        .forEach(
            e ->
                System.out.printf(
                    "NoServerErrorFuzzIT: slow (%d ms): %.200s%n", e.getKey(), e.getValue()));
    assertThat(failures).as("seed %d", seed).isEmpty();
    assertThat(sent.get()).isEqualTo(REQUESTS);

    HttpResponse<String> ready =
        server
            .http()
            .send(
                HttpRequest.newBuilder(URI.create(server.url("/q/health/ready")))
                    .timeout(Duration.ofSeconds(10))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(ready.statusCode()).as("ready after the fuzzing: " + ready.body()).isEqualTo(200);
    Sessions.Reply valid = Sessions.demo(server, apiKey).createOrFail("fuzz-after-1", "10.00");
    assertThat(valid.status()).as("a valid request still works: " + valid.raw()).isEqualTo(200);
    long unhandled = server.output().lines().filter(l -> l.contains("Unhandled failure")).count();
    System.out.printf("NoServerErrorFuzzIT: 'Unhandled failure' log lines: %d%n", unhandled);
    assertThat(unhandled).as("no request reached the catch-all 500 mapper").isZero();
  }

  private static long percentile(long[] sorted, int p) {
    return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, sorted.length * p / 100)];
  }

  /** Sends one request; returns what is wrong with the answer, or null. */
  private static String check(Fuzz fuzz, Map<Integer, LongAdder> statuses) {
    Answer answer;
    try {
      answer = fuzz.raw() ? sendRaw(fuzz) : sendWithHttpClient(fuzz);
    } catch (IOException e) {
      return "no HTTP response within "
          + HANG.toSeconds()
          + " s (server alive: "
          + server.isAlive()
          + "): "
          + e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
    int status = answer.status();
    statuses.computeIfAbsent(status, k -> new LongAdder()).increment();
    if (status >= 500) {
      return "status " + status + ": " + answer.body();
    }
    if (answer.requestId() == null || answer.requestId().isBlank()) {
      return "no x-request-id (status " + status + ")";
    }
    if (fuzz.offeredRequestId() != null
        && ACCEPTABLE_REQUEST_ID.matcher(fuzz.offeredRequestId()).matches()
        && !answer.requestId().equals(fuzz.offeredRequestId())) {
      return "request id " + answer.requestId() + " instead of " + fuzz.offeredRequestId();
    }
    if (status >= 400) {
      JsonNode body = Sessions.parse(answer.body());
      if (!body.isObject() || !body.path("error_code").isTextual()) {
        return "status " + status + " without the JSON envelope: " + answer.body();
      }
      if (answer.contentType() == null || !answer.contentType().startsWith("application/json")) {
        return "status " + status + " with content-type " + answer.contentType();
      }
    } else if (status == 200 && fuzz.method().equals("POST")) {
      if (!Sessions.parse(answer.body()).path("id").asText().startsWith("ordeh_")) {
        return "200 without an order id: " + answer.body();
      }
    }
    return null;
  }

  private static Answer sendWithHttpClient(Fuzz fuzz) throws IOException, InterruptedException {
    HttpRequest.BodyPublisher publisher = HttpRequest.BodyPublishers.ofByteArray(fuzz.body());
    if (fuzz.chunked()) {
      publisher = HttpRequest.BodyPublishers.fromPublisher(publisher); // no length: chunked
    }
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(server.baseUrl() + "/session"))
            .timeout(HANG)
            .method(fuzz.method(), publisher);
    fuzz.headers().forEach(builder::header);
    HttpResponse<String> response =
        server.http().send(builder.build(), HttpResponse.BodyHandlers.ofString());
    return new Answer(
        response.statusCode(),
        response.headers().firstValue("content-type").orElse(null),
        response.headers().firstValue("x-request-id").orElse(null),
        response.body());
  }

  private static Answer sendRaw(Fuzz fuzz) throws IOException {
    ByteArrayOutputStream request = new ByteArrayOutputStream();
    request.writeBytes(
        (fuzz.method()
                + " /session HTTP/1.1\r\nHost: 127.0.0.1:"
                + server.port()
                + "\r\nConnection: close\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    for (Map.Entry<String, String> header : fuzz.headers().entrySet()) {
      request.writeBytes(
          (header.getKey() + ": " + header.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
    }
    for (RawHeader header : fuzz.rawHeaders()) {
      request.writeBytes((header.name() + ": ").getBytes(StandardCharsets.US_ASCII));
      request.writeBytes(header.value());
      request.writeBytes(new byte[] {'\r', '\n'});
    }
    if (fuzz.chunked()) {
      request.writeBytes("Transfer-Encoding: chunked\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      if (fuzz.body().length > 0) {
        request.writeBytes(
            (Integer.toHexString(fuzz.body().length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        request.writeBytes(fuzz.body());
        request.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
      }
      request.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    } else {
      request.writeBytes(
          ("Content-Length: " + fuzz.body().length + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      request.writeBytes(fuzz.body());
    }
    RawHttp.Response response = RawHttp.exchange(server, request.toByteArray(), HANG);
    if (response == RawHttp.Response.NONE) {
      throw new IOException("connection closed without an answer");
    }
    return new Answer(
        response.status(),
        response.header("content-type"),
        response.header("x-request-id"),
        response.bodyText());
  }

  // --- generators -------------------------------------------------------------------------------

  static Arbitrary<Fuzz> requests() {
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
    Arbitrary<Fuzz> viaHttpClient =
        Combinators.combine(
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
                  return new Fuzz(
                      m, headers, List.of(), body.get2(), chunked, body.get1(), rid.orElse(null));
                });
    return Combinators.combine(viaHttpClient, rawHeaders())
        .as(
            (fuzz, raw) ->
                new Fuzz(
                    fuzz.method(),
                    fuzz.headers(),
                    raw,
                    fuzz.body(),
                    fuzz.chunked(),
                    fuzz.bodyKind(),
                    fuzz.offeredRequestId()));
  }

  /** Text a header value can carry once encoded: no control characters (CR and LF included). */
  private static final List<String> ODD_UNICODE =
      List.of(
          "Zürich",
          "😀🇮🇳👩‍👩‍👧",
          "\u202eRTL override\u202c",
          "שלום عربى",
          "раymentPage",
          "Cafe\u0301",
          "a\u200Db\u200B",
          "\uFEFFpaysession_demo",
          "paysession_demo\u00A0",
          "ı İ ß ẞ",
          "𝟏𝟎.𝟎𝟎",
          "१०.००",
          "１０.００",
          "\uFFFE\uFFFF",
          "\uDB40\uDC41",
          "e\u0301\u0301\u0301\u0301");

  /**
   * Headers sent as bytes: UTF-8 and Latin-1 values, duplicates of single-valued headers, empty
   * values, upper-case names, long values. Three 4 KB values plus the longest other headers stay
   * under the 20 KiB header limit, beyond which the codec answers (MalformedHttpIT's subject).
   */
  private static Arbitrary<List<RawHeader>> rawHeaders() {
    Arbitrary<String> name =
        Arbitraries.of(
            "x-merchantid",
            "X-MERCHANTID",
            "Authorization",
            "x-routing-id",
            "x-customerid",
            "x-merchant-id",
            "Content-Type",
            "version",
            "x-request-id");
    Arbitrary<String> oddText =
        Arbitraries.frequencyOf(
            Tuple.of(3, Arbitraries.of(ODD_UNICODE)),
            Tuple.of(
                2,
                Arbitraries.strings()
                    .all()
                    .ofMaxLength(30)
                    .map(
                        t ->
                            t.codePoints()
                                .filter(c -> c >= 0x20 && c != 0x7F && !(c >= 0x80 && c < 0xA0))
                                .collect(
                                    StringBuilder::new,
                                    StringBuilder::appendCodePoint,
                                    StringBuilder::append)
                                .toString())));
    Arbitrary<byte[]> value =
        Arbitraries.frequencyOf(
            Tuple.of(4, oddText.map(t -> t.getBytes(StandardCharsets.UTF_8))),
            Tuple.of(2, oddText.map(t -> t.getBytes(StandardCharsets.ISO_8859_1))),
            Tuple.of(
                1,
                Arbitraries.bytes()
                    .between((byte) 0x80, (byte) 0xFF)
                    .array(byte[].class)
                    .ofMinSize(1)
                    .ofMaxSize(40)),
            Tuple.of(1, Arbitraries.just(new byte[0])),
            Tuple.of(
                1,
                Arbitraries.integers()
                    .between(1_000, 4_000)
                    .map(n -> "é".repeat(n / 2).getBytes(StandardCharsets.UTF_8))));
    Arbitrary<RawHeader> odd = Combinators.combine(name, value).as(RawHeader::new);
    Arbitrary<RawHeader> duplicate =
        Arbitraries.of(
            new RawHeader("Authorization", ascii(Sessions.basic("0".repeat(32)))),
            new RawHeader("x-merchantid", ascii(Sessions.DEMO_MERCHANT)),
            new RawHeader("x-merchantid", ascii("fuzz_other")),
            new RawHeader("Content-Type", ascii("application/json")),
            new RawHeader("X-Merchant-Id", ascii(Sessions.DEMO_MERCHANT)));
    return Arbitraries.frequencyOf(
        Tuple.of(17, Arbitraries.just(List.<RawHeader>of())),
        Tuple.of(2, odd.list().ofMinSize(1).ofMaxSize(3)),
        Tuple.of(1, duplicate.list().ofMinSize(1).ofMaxSize(2)));
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  private static Arbitrary<Optional<String>> authorization() {
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
                    "Basic " + valid.substring(6) + "==",
                    Sessions.basic(otherMerchantKey),
                    "Basic " + b64(otherMerchantKey))
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
        Tuple.of(3, hugeValue().map(s -> body("huge-value", s))),
        Tuple.of(2, wideBody().map(s -> body("wide", s))),
        Tuple.of(2, emptyValues().map(s -> body("empty-values", s))),
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
          "\"１０.００\"",
          "\"१०.००\"",
          "\"𝟏𝟎\"",
          "\"10\u00A0\"",
          "\" 10 \"",
          "\"1٫5\"",
          "\"paymentPag\u0435\"",
          "\"PAYMENTPAGE\"",
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
                "\"{{7*7}}\"",
                "\"\uFFFE\uFFFF\u0085\"",
                "\"раymentPage\"",
                "\"Cafe\u0301\"",
                "\"a\u200Db\"",
                "\"ı İ ß\"",
                "\"\uDB40\uDC41\"",
                "\"\\uDB40\\uDC41\"",
                "\"\\uFFFF\"")),
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

  /** One field of the README body holding 10–60 KB of text: under the 64 KiB body limit. */
  private static Arbitrary<String> hugeValue() {
    return Combinators.combine(
            Arbitraries.of(FIELDS),
            Arbitraries.integers().between(10_000, 60_000),
            Arbitraries.of("a", "é", "😀", "\\u00e9", "1", " "))
        .as(
            (field, n, unit) -> {
              String value =
                  unit.repeat(Math.max(1, n / unit.getBytes(StandardCharsets.UTF_8).length));
              return "{\"order_id\":\"fz-huge\",\"amount\":\"1.0\",\"customer_id\":\"c1\","
                  + "\"payment_page_client_id\":\"paysession_demo\",\"action\":\"paymentPage\","
                  + quote(field)
                  + ":\""
                  + value
                  + "\"}";
            });
  }

  /** Hundreds to thousands of keys, each small: flattening and validation cost, not size. */
  private static Arbitrary<String> wideBody() {
    return Combinators.combine(
            Arbitraries.integers().between(100, 4_000), Arbitraries.of("udf", "metadata.k", "x"))
        .as(
            (n, prefix) -> {
              StringBuilder body = new StringBuilder("{\"order_id\":\"fz-wide\",\"amount\":\"1\"");
              for (int i = 0; i < n; i++) {
                body.append(",\"").append(prefix).append(i).append("\":\"v\"");
              }
              return body.append('}').toString();
            });
  }

  /** Every README field present but empty, blank or null. */
  private static Arbitrary<String> emptyValues() {
    return Arbitraries.of("\"\"", "\" \"", "null", "[]", "{}", "\"\\u0000\"")
        .map(
            empty ->
                List.of(
                        "order_id",
                        "amount",
                        "customer_id",
                        "customer_email",
                        "customer_phone",
                        "payment_page_client_id",
                        "action",
                        "return_url",
                        "description",
                        "first_name",
                        "last_name")
                    .stream()
                    .map(f -> quote(f) + ":" + empty)
                    .collect(Collectors.joining(",", "{", "}")));
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
