package dev.paysession.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Clients that hold connections open without finishing their requests, many at once, while a
 * merchant sends real orders: headers that stop or trickle, bodies that stop or trickle (more of
 * them than there are worker threads), and a client that pipelines requests and never reads the
 * answers. Real orders must go on being served quickly; every stalled body must get a JSON 408 and
 * a closed connection; stalled headers must be dropped at the idle timeout.
 *
 * <p>The server runs with short timeouts so the run stays short ({@code paysession.slow.*} system
 * properties; the shipped defaults are 10 s for a body and 30 s idle). Counts scale with {@code
 * -Dpaysession.slow.scale}.
 */
class SlowClientsIT {

  private static final Duration BODY_TIMEOUT =
      Duration.parse("PT" + System.getProperty("paysession.slow.body-timeout", "2S"));
  private static final Duration IDLE_TIMEOUT =
      Duration.parse("PT" + System.getProperty("paysession.slow.idle-timeout", "3S"));
  private static final int SCALE = Integer.getInteger("paysession.slow.scale", 1);

  /** More than the 24 worker threads: before the fix, 24 stalled bodies stopped the server. */
  private static final int STALLED_BODIES = 60 * SCALE;

  private static final int TRICKLED_BODIES = 30 * SCALE;
  private static final int STALLED_HEADERS = 100 * SCALE;
  private static final int TRICKLED_HEADERS = 100 * SCALE;
  private static final int PIPELINERS = 5;
  private static final int PIPELINED_REQUESTS = 1000 * SCALE;
  private static final int VALID_ORDERS = 30;

  /**
   * A worker pool held by slow clients means 60 s here (the read timeout). 10 s still tells that
   * apart, and leaves room for a shared 2-core machine: at load 10 the first order took 3.2 s.
   */
  private static final Duration MAX_VALID_LATENCY = Duration.ofSeconds(10);

  /** Slack on top of the server's own timeouts for timers, scheduling and a busy machine. */
  private static final Duration SLACK = Duration.ofSeconds(3);

  private Path dataDir;
  private PackagedServer server;
  private final List<RawHttp> connections = new ArrayList<>();
  private final ScheduledExecutorService trickler = Executors.newSingleThreadScheduledExecutor();
  private ExecutorService readers;

  /** What one slow body connection saw. */
  private record Outcome(String kind, RawHttp.Response response, long afterMillis, String error) {}

  @AfterEach
  void cleanUp() {
    trickler.shutdownNow();
    if (readers != null) {
      readers.shutdownNow();
    }
    connections.forEach(RawHttp::close);
    if (server != null) {
      server.close();
    }
    PackagedServer.deleteDataDir(dataDir);
  }

  @Test
  void slowClientsNeitherHangNorStarveTheServer() throws Exception {
    dataDir = PackagedServer.newDataDir("slow");
    server =
        PackagedServer.start(
            dataDir,
            Map.of(
                "PAYSESSION_HTTP_BODY_TIMEOUT", BODY_TIMEOUT.toString().substring(2),
                "QUARKUS_HTTP_IDLE_TIMEOUT", IDLE_TIMEOUT.toString().substring(2)));
    String key = server.printedApiKey().orElseThrow();
    Sessions sessions = Sessions.demo(server, key);
    String authorization = Sessions.basic(key);
    readers = Executors.newFixedThreadPool(STALLED_BODIES + TRICKLED_BODIES + PIPELINERS);
    Queue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
    List<Future<?>> reads = new ArrayList<>();
    long start = System.nanoTime();

    // Headers complete, body promised and never (or slowly) sent: these reach a route.
    String bodyHead =
        "POST /session HTTP/1.1\r\nHost: localhost\r\nAuthorization: "
            + authorization
            + "\r\nx-merchantid: paysession_demo\r\nContent-Type: application/json\r\n";
    for (int i = 0; i < STALLED_BODIES; i++) {
      RawHttp connection = open();
      connection.send(bodyHead + "Content-Length: 4000\r\n\r\n{\"order_id\":\"stalled-" + i);
      reads.add(readers.submit(() -> awaitAnswer("stalled body", connection, start, outcomes)));
    }
    List<RawHttp> trickledBodies = new ArrayList<>();
    for (int i = 0; i < TRICKLED_BODIES; i++) {
      RawHttp connection = open();
      connection.send(bodyHead + "Transfer-Encoding: chunked\r\n\r\n1\r\n{\r\n");
      trickledBodies.add(connection);
      reads.add(readers.submit(() -> awaitAnswer("trickled body", connection, start, outcomes)));
    }
    // Headers never finished: Vert.x has no request to route yet.
    List<RawHttp> stalledHeaders = new ArrayList<>();
    for (int i = 0; i < STALLED_HEADERS; i++) {
      RawHttp connection = open();
      connection.send("POST /session HTTP/1.1\r\nHost: localhost\r\nx-slow: ");
      stalledHeaders.add(connection);
    }
    List<RawHttp> trickledHeaders = new ArrayList<>();
    for (int i = 0; i < TRICKLED_HEADERS; i++) {
      RawHttp connection = open();
      connection.send("POST /session HTTP/1.1\r\nHost: localhost\r\nx-slow: ");
      trickledHeaders.add(connection);
    }
    // Requests pipelined without ever reading an answer.
    byte[] pipelined =
        "GET /q/health/live HTTP/1.1\r\nHost: localhost\r\n\r\n"
            .repeat(PIPELINED_REQUESTS)
            .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    for (int i = 0; i < PIPELINERS; i++) {
      RawHttp connection = open();
      readers.submit(
          () -> {
            connection.send(pipelined); // may block once the server stops reading: that is fine
            return null;
          });
    }
    trickler.scheduleAtFixedRate(
        () -> {
          trickledBodies.forEach(c -> quietly(() -> c.send("1\r\na\r\n")));
          trickledHeaders.forEach(c -> quietly(() -> c.send("a")));
        },
        300,
        300,
        TimeUnit.MILLISECONDS);
    System.out.printf(
        "SlowClientsIT: %d stalled and %d trickled bodies, %d stalled and %d trickled headers,"
            + " %d pipeliners x %d unread requests open%n",
        STALLED_BODIES,
        TRICKLED_BODIES,
        STALLED_HEADERS,
        TRICKLED_HEADERS,
        PIPELINERS,
        PIPELINED_REQUESTS);

    // Meanwhile, real orders: all served, and quickly.
    long maxLatency = 0;
    for (int i = 0; i < VALID_ORDERS; i++) {
      long sent = System.nanoTime();
      Sessions.Reply reply = sessions.createOrFail("slow-valid-" + i, "10.00");
      long millis = (System.nanoTime() - sent) / 1_000_000;
      maxLatency = Math.max(maxLatency, millis);
      assertThat(reply.status()).as(reply.raw()).isEqualTo(200);
      assertThat(millis)
          .as("order %d answered while slow clients hold connections", i)
          .isLessThanOrEqualTo(MAX_VALID_LATENCY.toMillis());
      Thread.sleep(100);
    }
    System.out.printf(
        "SlowClientsIT: %d valid orders during the slow clients, slowest %d ms%n",
        VALID_ORDERS, maxLatency);

    for (Future<?> read : reads) {
      read.get(BODY_TIMEOUT.plus(SLACK).plus(Duration.ofSeconds(30)).toSeconds(), TimeUnit.SECONDS);
    }
    trickler.shutdownNow();
    List<String> problems = new ArrayList<>();
    long slowest408 = 0;
    for (Outcome outcome : outcomes) {
      if (outcome.error() != null) {
        problems.add(outcome.kind() + ": " + outcome.error());
        continue;
      }
      RawHttp.Response response = outcome.response();
      JsonNode json = Sessions.parse(response.bodyText());
      slowest408 = Math.max(slowest408, outcome.afterMillis());
      if (response.status() != 408
          || !json.path("error_code").isTextual()
          || !"close".equalsIgnoreCase(response.header("connection"))
          || outcome.afterMillis() > BODY_TIMEOUT.plus(SLACK).toMillis()) {
        problems.add(outcome.kind() + " after " + outcome.afterMillis() + " ms: " + response);
      }
    }
    System.out.printf(
        "SlowClientsIT: %d slow bodies answered 408 (JSON, connection closed), the last after"
            + " %d ms (body timeout %d ms)%n",
        outcomes.size() - problems.size(), slowest408, BODY_TIMEOUT.toMillis());
    assertThat(problems).as("slow bodies not refused with a JSON 408 in time").isEmpty();
    assertThat(outcomes).hasSize(STALLED_BODIES + TRICKLED_BODIES);

    long stillOpen = 0;
    for (RawHttp connection : stalledHeaders) {
      if (!connection.closedByServer(IDLE_TIMEOUT.plus(SLACK))) {
        stillOpen++;
      }
    }
    System.out.printf(
        "SlowClientsIT: stalled headers closed by the idle timeout: %d of %d%n",
        STALLED_HEADERS - stillOpen, STALLED_HEADERS);
    assertThat(stillOpen).as("stalled header connections left open").isZero();

    assertReady();
    assertThat(sessions.createOrFail("slow-after", "10.00").status()).isEqualTo(200);
    long unhandled = server.output().lines().filter(l -> l.contains("Unhandled failure")).count();
    assertThat(unhandled).as("server log: " + server.output()).isZero();
  }

  private RawHttp open() {
    RawHttp connection = RawHttp.connect(server);
    connections.add(connection);
    return connection;
  }

  private static Void awaitAnswer(
      String kind, RawHttp connection, long start, Queue<Outcome> outcomes) {
    try {
      RawHttp.Response response = connection.read(BODY_TIMEOUT.plus(SLACK).multipliedBy(2));
      long after = (System.nanoTime() - start) / 1_000_000;
      if (response == RawHttp.Response.NONE) {
        outcomes.add(new Outcome(kind, null, after, "closed without an answer"));
      } else if (!connection.closedByServer(Duration.ofSeconds(5))) {
        outcomes.add(new Outcome(kind, null, after, "not closed after " + response));
      } else {
        outcomes.add(new Outcome(kind, response, after, null));
      }
    } catch (IOException e) {
      outcomes.add(new Outcome(kind, null, 0, e.toString()));
    }
    return null;
  }

  private void assertReady() throws Exception {
    HttpResponse<String> ready =
        server
            .http()
            .send(
                HttpRequest.newBuilder(URI.create(server.url("/q/health/ready")))
                    .timeout(Duration.ofSeconds(10))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
  }

  private interface IoAction {
    void run() throws IOException;
  }

  private static void quietly(IoAction action) {
    try {
      action.run();
    } catch (IOException e) {
      // closed by the server: what we are waiting for
    }
  }
}
