package dev.paysession.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The database disappears under load and comes back. The server runs against an external PostgreSQL
 * (Debian's, via apt) with {@code synchronous_commit=on}; merchants keep sending orders while the
 * test stops PostgreSQL in immediate mode (as a crash would), waits, and starts it again.
 *
 * <p>While it is gone, every request must fail fast (within {@link #MAX_LATENCY}) with a 503 in the
 * JSON envelope, and readiness must report DOWN while liveness stays UP. Once it is back, the same
 * server process must serve orders again without a restart, and every order acknowledged with a 200
 * (before, during and after) must be in the database with the id and amount it was acknowledged
 * with.
 *
 * <p>Needs {@code /usr/lib/postgresql/<version>/bin}; skipped without it, except under {@code
 * CI=true} where it fails. {@code -Dpaysession.outage.cycles} and {@code
 * -Dpaysession.outage.seconds} make it longer.
 */
class DatabaseOutageIT {

  private static final String ADMIN_TOKEN = "outage-admin-token-0123456789-01";
  private static final int CYCLES = Integer.getInteger("paysession.outage.cycles", 1);
  private static final Duration OUTAGE =
      Duration.ofSeconds(Integer.getInteger("paysession.outage.seconds", 5));
  private static final int THREADS = 4;
  private static final int MIN_ACKS_PER_PHASE = 30;
  private static final Duration MIN_PHASE = Duration.ofSeconds(2);

  /** "Fails fast": Agroal's acquisition timeout is 3 s; nothing may wait longer than this. */
  private static final Duration MAX_LATENCY = Duration.ofSeconds(5);

  /** From PostgreSQL accepting connections again to the first 200. */
  private static final Duration MAX_RECOVERY = Duration.ofSeconds(15);

  private Path pgDir;
  private AptPostgres postgres;
  private Path dataDir;
  private PackagedServer server;

  /** One request of the load, with when it was sent and answered. */
  private record Call(
      String orderId,
      String amount,
      long sentNanos,
      long answeredNanos,
      int status,
      String id,
      String errorCode,
      String failure) {

    long millis() {
      return (answeredNanos - sentNanos) / 1_000_000;
    }
  }

  @AfterEach
  void cleanUp() {
    try {
      if (server != null) {
        server.close();
      }
      PackagedServer.deleteDataDir(dataDir);
    } finally {
      if (postgres != null) {
        postgres.close();
      }
      PackagedServer.deleteDataDir(pgDir);
    }
  }

  @Test
  void requestsFailFastWhileTheDatabaseIsDownAndTheServerRecoversWithoutARestart()
      throws Exception {
    Optional<Path> bin = AptPostgres.binaries();
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      assertThat(bin)
          .as("CI must install PostgreSQL (apt-get install postgresql): .ci/run does")
          .isPresent();
    }
    Assumptions.assumeTrue(bin.isPresent(), "no /usr/lib/postgresql/*/bin/pg_ctl");

    pgDir = PackagedServer.newDataDir("outage-pg");
    postgres = AptPostgres.create(bin.get(), pgDir);
    postgres.start();
    dataDir = PackagedServer.newDataDir("outage-app");
    server =
        PackagedServer.start(
            dataDir,
            PackagedServer.env(
                "QUARKUS_DATASOURCE_JDBC_URL",
                postgres.jdbcUrl(),
                "QUARKUS_DATASOURCE_USERNAME",
                "postgres",
                "QUARKUS_DATASOURCE_PASSWORD",
                "",
                "PAYSESSION_ADMIN_TOKEN",
                ADMIN_TOKEN));
    long pid = server.pid();
    Sessions sessions = createMerchant();
    System.out.printf(
        "DatabaseOutageIT: server ready in %d ms on %s (%s)%n",
        server.startupTime().toMillis(), postgres.jdbcUrl(), bin.get());

    Queue<Call> calls = new ConcurrentLinkedQueue<>();
    AtomicBoolean stop = new AtomicBoolean();
    AtomicInteger acks = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    List<Future<?>> workers = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      int thread = t;
      workers.add(pool.submit(() -> load(sessions, thread, stop, calls, acks)));
    }
    List<String> figures = new ArrayList<>();
    try {
      awaitAcks(acks, calls, c -> true);
      for (int cycle = 1; cycle <= CYCLES; cycle++) {
        figures.add(outage(cycle, calls, acks));
      }
    } finally {
      stop.set(true);
      pool.shutdown();
      for (Future<?> worker : workers) {
        worker.get(60, TimeUnit.SECONDS);
      }
    }

    assertThat(server.isAlive()).isTrue();
    assertThat(server.pid()).as("the same server process throughout").isEqualTo(pid);
    List<String> problems = new ArrayList<>();
    Map<Integer, Integer> byStatus = new HashMap<>();
    long slowest = 0;
    for (Call call : calls) {
      byStatus.merge(call.status(), 1, Integer::sum);
      slowest = Math.max(slowest, call.millis());
      if (call.failure() != null) {
        problems.add(call.orderId() + ": no answer: " + call.failure());
      } else if (call.status() == 503) {
        if (!"SERVICE_UNAVAILABLE".equals(call.errorCode())) {
          problems.add(call.orderId() + ": 503 without SERVICE_UNAVAILABLE: " + call.errorCode());
        }
      } else if (call.status() != 200) {
        problems.add(call.orderId() + ": status " + call.status() + " " + call.errorCode());
      }
      if (call.millis() > MAX_LATENCY.toMillis()) {
        problems.add(call.orderId() + ": answered after " + call.millis() + " ms");
      }
    }
    List<Call> acknowledged = calls.stream().filter(c -> c.status() == 200).toList();
    int stored = verifyStored(acknowledged, problems);
    figures.forEach(f -> System.out.println("DatabaseOutageIT: " + f));
    System.out.printf(
        "DatabaseOutageIT: %d requests %s, slowest %d ms; %d acknowledged, all %d in PostgreSQL"
            + " with their id and amount (%d rows in all)%n",
        calls.size(), byStatus, slowest, acknowledged.size(), acknowledged.size(), stored);
    assertThat(problems).as("failures beyond a fast, clean 503").isEmpty();
    long unhandled = server.output().lines().filter(l -> l.contains("Unhandled failure")).count();
    assertThat(unhandled).as("500s in the server log").isZero();
  }

  /** Stops PostgreSQL for {@link #OUTAGE}, starts it again; returns this cycle's figures. */
  private String outage(int cycle, Queue<Call> calls, AtomicInteger acks) throws Exception {
    long stopped = System.nanoTime();
    postgres.stopImmediately();
    long down = System.nanoTime();

    long readinessDownAfter = awaitHealth("/q/health/ready", 503, "DOWN", stopped);
    HealthCheck live = health("/q/health/live");
    assertThat(live.status())
        .as("liveness stays UP during the outage: " + live.body())
        .isEqualTo(200);
    long remaining = OUTAGE.toNanos() - (System.nanoTime() - down);
    if (remaining > 0) {
      TimeUnit.NANOSECONDS.sleep(remaining);
    }
    List<Call> during =
        calls.stream()
            .filter(c -> c.sentNanos() > down + 500_000_000L && c.answeredNanos() > 0)
            .toList();
    assertThat(during).as("requests sent during the outage").isNotEmpty();
    assertThat(during)
        .as("every request during the outage is a 503")
        .allSatisfy(c -> assertThat(c.status()).isEqualTo(503));

    long restarted = System.nanoTime();
    postgres.start();
    long up = System.nanoTime();
    long firstOk = awaitFirst(calls, c -> c.status() == 200 && c.sentNanos() > up, MAX_RECOVERY);
    long readinessUpAfter = awaitHealth("/q/health/ready", 200, "UP", up);
    awaitAcks(acks, calls, c -> c.sentNanos() > up);
    long slowestDuring = during.stream().mapToLong(Call::millis).max().orElse(0);
    return String.format(
        "cycle %d: PostgreSQL down %d ms (stop took %d ms, start %d ms); %d requests during the"
            + " outage, all 503 SERVICE_UNAVAILABLE, slowest %d ms; readiness DOWN %d ms after the"
            + " stop, UP %d ms after the start; first 200 %d ms after the start",
        cycle,
        (up - down) / 1_000_000,
        (down - stopped) / 1_000_000,
        (up - restarted) / 1_000_000,
        during.size(),
        slowestDuring,
        readinessDownAfter,
        readinessUpAfter,
        (firstOk - up) / 1_000_000);
  }

  private static Void load(
      Sessions sessions, int thread, AtomicBoolean stop, Queue<Call> calls, AtomicInteger acks) {
    for (int seq = 0; !stop.get(); seq++) {
      String orderId = "out-" + thread + "-" + seq;
      String amount = (1 + seq % 900) + "." + String.format("%02d", (seq * 13) % 100);
      long sent = System.nanoTime();
      try {
        Sessions.Reply reply = sessions.create(orderId, amount);
        JsonNode json = reply.json();
        calls.add(
            new Call(
                orderId,
                amount,
                sent,
                System.nanoTime(),
                reply.status(),
                reply.id(),
                json.path("error_code").asText(null),
                null));
        if (reply.status() == 200) {
          acks.incrementAndGet();
        } else {
          Thread.sleep(50); // a client backing off a little, not a hot loop of 503s
        }
      } catch (IOException e) {
        calls.add(new Call(orderId, amount, sent, System.nanoTime(), -1, null, null, e.toString()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      }
    }
    return null;
  }

  /** At least {@link #MIN_PHASE} and {@link #MIN_ACKS_PER_PHASE} new acknowledgements. */
  private static void awaitAcks(AtomicInteger acks, Queue<Call> calls, Predicate<Call> inPhase)
      throws InterruptedException {
    long start = System.nanoTime();
    long deadline = start + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      long inThisPhase =
          calls.stream().filter(c -> c.status() == 200 && c.sentNanos() > start).count();
      if (System.nanoTime() - start > MIN_PHASE.toNanos() && inThisPhase >= MIN_ACKS_PER_PHASE) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("fewer than " + MIN_ACKS_PER_PHASE + " orders acknowledged in 60 s");
  }

  private static long awaitFirst(Queue<Call> calls, Predicate<Call> match, Duration within)
      throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    while (System.nanoTime() < deadline) {
      Optional<Long> first =
          calls.stream().filter(match).map(Call::answeredNanos).min(Long::compare);
      if (first.isPresent()) {
        return first.get();
      }
      Thread.sleep(20);
    }
    throw new AssertionError(
        "no order acknowledged within " + within + " of the database's return");
  }

  private record HealthCheck(int status, String body, long millis) {}

  private HealthCheck health(String path) throws Exception {
    long sent = System.nanoTime();
    HttpResponse<String> response =
        server
            .http()
            .send(
                HttpRequest.newBuilder(URI.create(server.url(path)))
                    .timeout(Duration.ofSeconds(15))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    return new HealthCheck(
        response.statusCode(), response.body(), (System.nanoTime() - sent) / 1_000_000);
  }

  /**
   * Polls until the check answers {@code status} with {@code state}; millis since {@code since}.
   */
  private long awaitHealth(String path, int status, String state, long since) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    HealthCheck last = null;
    while (System.nanoTime() < deadline) {
      last = health(path);
      assertThat(last.millis())
          .as("%s answered within %s", path, MAX_LATENCY)
          .isLessThanOrEqualTo(MAX_LATENCY.toMillis());
      if (last.status() == status
          && Sessions.parse(last.body()).path("status").asText().equals(state)) {
        return (System.nanoTime() - since) / 1_000_000;
      }
      Thread.sleep(100);
    }
    throw new AssertionError(path + " never answered " + status + " " + state + ": " + last);
  }

  private Sessions createMerchant() throws Exception {
    return Sessions.newMerchant(server, ADMIN_TOKEN, "outage_merchant", "Outage", "outage_client");
  }

  /** Each acknowledged order, read back from PostgreSQL itself; returns the rows stored. */
  private int verifyStored(List<Call> acknowledged, List<String> problems) throws Exception {
    Map<String, String[]> rows = new HashMap<>();
    try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(), "postgres", "");
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT order_id, id, amount FROM orders WHERE merchant_id = 'outage_merchant'");
        ResultSet row = select.executeQuery()) {
      while (row.next()) {
        // (merchant_id, order_id) is the primary key: one row per order at most.
        rows.put(
            row.getString("order_id"),
            new String[] {row.getString("id"), row.getBigDecimal("amount").toPlainString()});
      }
    }
    for (Call call : acknowledged) {
      String[] row = rows.get(call.orderId());
      if (row == null) {
        problems.add(call.orderId() + " acknowledged as " + call.id() + " but not in PostgreSQL");
      } else if (!row[0].equals(call.id())
          || new BigDecimal(row[1]).compareTo(new BigDecimal(call.amount())) != 0) {
        problems.add(
            call.orderId()
                + " stored as "
                + row[0]
                + " "
                + row[1]
                + ", acknowledged as "
                + call.id()
                + " "
                + call.amount());
      }
    }
    return rows.size();
  }
}
