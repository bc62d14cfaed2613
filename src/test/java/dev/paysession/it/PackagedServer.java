package dev.paysession.it;

import dev.paysession.db.EmbeddedDatabase;
import dev.paysession.db.ExternalTestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The packaged server ({@code target/quarkus-app/quarkus-run.jar}) as a child process: a free HTTP
 * port, a data directory, stdout and stderr in {@code server-<n>.log} inside that directory.
 *
 * <p>Cleanup is the point of this class as much as starting is: {@link #close()} kills the JVM if
 * it still runs and then stops any PostgreSQL left holding the data directory, and a JVM shutdown
 * hook does the same for every server still alive if the test JVM itself goes down.
 *
 * <p>When the run uses an external database ({@link ExternalTestDatabase}, CI's second pass), a
 * server started without a datasource of its own gets a database on that server named after its
 * data directory (so a restart on the same directory finds its data), its master key beside the
 * data as with the embedded default, and an admin token; {@link #printedApiKey} then stands in for
 * the demo merchant (made only on a fresh embedded install) with a sandbox merchant of the same ids
 * made through the admin API.
 */
final class PackagedServer implements AutoCloseable {

  static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  private static final Pattern API_KEY = Pattern.compile("API key\\s+:\\s+([0-9A-F]{32})");
  private static final Set<PackagedServer> LIVE = ConcurrentHashMap.newKeySet();

  /** The admin token given to servers on the external database when the test sets none. */
  static final String EXTERNAL_ADMIN_TOKEN = "it-external-admin-token-0123456789";

  private static final String DEMO_KEY_FILE = "demo-api-key";

  static {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> LIVE.forEach(PackagedServer::closeQuietly), "packaged-server-cleanup"));
  }

  private final Process process;
  private final Path dataDir;
  private final Path log;
  private final int port;
  private final int managementPort;
  private final HttpClient http;
  private final long startedAtNanos;
  private final Optional<String> externalAdminToken;
  private Duration startupTime;

  private PackagedServer(
      Process process,
      Path dataDir,
      Path log,
      int port,
      int managementPort,
      HttpClient http,
      long startedAtNanos,
      Optional<String> externalAdminToken) {
    this.process = process;
    this.dataDir = dataDir;
    this.log = log;
    this.port = port;
    this.managementPort = managementPort;
    this.http = http;
    this.startedAtNanos = startedAtNanos;
    this.externalAdminToken = externalAdminToken;
  }

  /** Starts the jar on {@code dataDir} with the embedded database and waits until it is ready. */
  static PackagedServer start(Path dataDir) {
    return start(dataDir, Map.of());
  }

  /**
   * Starts the jar with {@code PAYSESSION_DATA_DIR=dataDir}, a free {@code QUARKUS_HTTP_PORT}, a
   * free {@code PAYSESSION_MANAGEMENT_PORT} and {@code extraEnv}, and waits for {@code GET
   * /q/health/ready} on the management port to answer 200.
   */
  static PackagedServer start(Path dataDir, Map<String, String> extraEnv) {
    try {
      Files.createDirectories(dataDir);
      int port = FreePorts.next();
      int managementPort = FreePorts.next();
      Path log = nextLogFile(dataDir);
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      ProcessBuilder builder =
          new ProcessBuilder(java, "-jar", jar().toString())
              .directory(dataDir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      Map<String, String> env = builder.environment();
      // Hermetic: nothing the developer's shell exports may change which database is used.
      env.keySet().removeIf(k -> k.startsWith("QUARKUS_") || k.startsWith("PAYSESSION_"));
      env.put("PAYSESSION_DATA_DIR", dataDir.toAbsolutePath().toString());
      env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
      env.put("PAYSESSION_MANAGEMENT_PORT", Integer.toString(managementPort));
      env.putAll(extraEnv);
      Optional<String> externalAdminToken = Optional.empty();
      Optional<ExternalTestDatabase> external = ExternalTestDatabase.configured();
      if (external.isPresent() && !extraEnv.containsKey("QUARKUS_DATASOURCE_JDBC_URL")) {
        env.put(
            "QUARKUS_DATASOURCE_JDBC_URL",
            external.get().createDatabase(externalDatabaseName(dataDir)));
        env.put("QUARKUS_DATASOURCE_USERNAME", external.get().user());
        env.put("QUARKUS_DATASOURCE_PASSWORD", external.get().password());
        env.putIfAbsent(
            "PAYSESSION_MASTER_KEY_FILE",
            dataDir.resolve("master-key").toAbsolutePath().toString());
        env.putIfAbsent("PAYSESSION_ADMIN_TOKEN", EXTERNAL_ADMIN_TOKEN);
        externalAdminToken = Optional.of(env.get("PAYSESSION_ADMIN_TOKEN"));
      }
      HttpClient http =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .connectTimeout(Duration.ofSeconds(2))
              .build();
      long started = System.nanoTime();
      Process process = builder.start();
      PackagedServer server =
          new PackagedServer(
              process, dataDir, log, port, managementPort, http, started, externalAdminToken);
      LIVE.add(server);
      try {
        server.awaitReady(START_TIMEOUT);
      } catch (RuntimeException | Error e) {
        server.close();
        throw e;
      }
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Path jar() {
    Path jar =
        Path.of(System.getProperty("paysession.jar", "target/quarkus-app/quarkus-run.jar"))
            .toAbsolutePath();
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("No packaged server at " + jar + "; run mvn package first");
    }
    return jar;
  }

  static Path newDataDir(String prefix) {
    try {
      return Files.createTempDirectory("paysession-it-" + prefix + "-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Stable per data directory, so a server restarted on it finds its orders. */
  private static String externalDatabaseName(Path dataDir) {
    return "it_" + dataDir.toAbsolutePath().getFileName();
  }

  private static Path nextLogFile(Path dataDir) {
    for (int n = 1; ; n++) {
      Path candidate = dataDir.resolve("server-" + n + ".log");
      if (!Files.exists(candidate)) {
        return candidate;
      }
    }
  }

  private void awaitReady(Duration timeout) {
    long deadline = startedAtNanos + timeout.toNanos();
    HttpRequest ready =
        HttpRequest.newBuilder(URI.create(managementUrl() + "/q/health/ready"))
            .timeout(Duration.ofSeconds(2))
            .GET()
            .build();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "Server exited with " + process.exitValue() + " before it was ready:\n" + output());
      }
      try {
        if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          startupTime = Duration.ofNanos(System.nanoTime() - startedAtNanos);
          return;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      sleep(50);
    }
    throw new IllegalStateException(
        "Server not ready within " + timeout.toSeconds() + " s:\n" + output());
  }

  String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  /** Health, metrics, the OpenAPI document and the admin API. */
  String managementUrl() {
    return "http://127.0.0.1:" + managementPort;
  }

  /** The URL of {@code path} on the listener that serves it: management or public. */
  String url(String path) {
    boolean management =
        path.equals("/admin") || path.startsWith("/admin/") || path.startsWith("/q/");
    return (management ? managementUrl() : baseUrl()) + path;
  }

  int port() {
    return port;
  }

  HttpClient http() {
    return http;
  }

  Path dataDir() {
    return dataDir;
  }

  Path pgDir() {
    return dataDir.resolve("pg");
  }

  long pid() {
    return process.pid();
  }

  /**
   * The embedded PostgreSQL's port, from line 4 of {@code postmaster.pid}: for tests that must
   * change what the server cannot be asked to (e.g. move an order's expiry into the past).
   */
  int pgPort() {
    try {
      List<String> lines = Files.readAllLines(pgDir().resolve("postmaster.pid"));
      return Integer.parseInt(lines.get(3).trim());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A JDBC URL for this server's database (user {@code postgres}, {@link #dbPassword}): the
   * embedded one, or its database on the external server.
   */
  String jdbcUrl() {
    if (externalAdminToken.isPresent()) {
      return ExternalTestDatabase.configured().orElseThrow().urlOf(externalDatabaseName(dataDir));
    }
    return "jdbc:postgresql://127.0.0.1:" + pgPort() + "/postgres";
  }

  /** The database's password: the embedded one's from its owner-only file, or the external's. */
  String dbPassword() {
    if (externalAdminToken.isPresent()) {
      return ExternalTestDatabase.configured().orElseThrow().password();
    }
    return dbPassword(dataDir);
  }

  static String dbPassword(Path dataDir) {
    try {
      return Files.readString(dataDir.resolve(EmbeddedDatabase.PASSWORD_FILE)).trim();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** From process start to the first 200 from the readiness check. */
  Duration startupTime() {
    return startupTime;
  }

  /** Everything this instance wrote to stdout and stderr so far. */
  String output() {
    try {
      return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The demo merchant's API key, if this instance printed one; on the external database, the key of
   * its stand-in (made on first use, kept in the data directory for restarts).
   */
  Optional<String> printedApiKey() {
    Matcher matcher = API_KEY.matcher(output());
    if (matcher.find()) {
      return Optional.of(matcher.group(1));
    }
    return externalAdminToken.map(this::demoMerchantOnExternalDatabase);
  }

  private String demoMerchantOnExternalDatabase(String adminToken) {
    Path keyFile = dataDir.resolve(DEMO_KEY_FILE);
    try {
      if (Files.exists(keyFile)) {
        return Files.readString(keyFile).trim();
      }
      String key =
          Sessions.newMerchant(
                  this,
                  adminToken,
                  Sessions.DEMO_MERCHANT,
                  "Paysession Demo Store",
                  Sessions.DEMO_MERCHANT)
              .apiKey();
      Files.writeString(keyFile, key);
      return key;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** SIGTERM and wait for the JVM to exit; returns its exit code. */
  int stop() {
    process.destroy();
    return awaitExit(Duration.ofSeconds(40));
  }

  /** SIGKILL and wait for the JVM to be gone; returns its exit code. */
  int kill() {
    process.destroyForcibly();
    return awaitExit(Duration.ofSeconds(10));
  }

  /**
   * SIGKILL for the JVM and every PostgreSQL process on its data directory in one {@code kill}
   * call, as if the whole process tree died at once: PostgreSQL must then recover from its WAL.
   */
  int killWithPostgres() {
    List<String> command = new ArrayList<>(List.of("kill", "-KILL", Long.toString(pid())));
    postgresProcessesOn(pgDir()).forEach(pg -> command.add(Long.toString(pg)));
    try {
      new ProcessBuilder(command)
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start()
          .waitFor(5, TimeUnit.SECONDS);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    int exit = awaitExit(Duration.ofSeconds(10));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!postgresProcessesOn(pgDir()).isEmpty() && System.nanoTime() < deadline) {
      sleep(20);
    }
    return exit;
  }

  private int awaitExit(Duration timeout) {
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException(
            "Server pid " + pid() + " still running " + timeout.toSeconds() + " s after signal");
      }
      LIVE.remove(this);
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Kills the JVM if needed and stops any PostgreSQL still running on this data directory. */
  @Override
  public void close() {
    LIVE.remove(this);
    if (process.isAlive()) {
      process.destroyForcibly();
      try {
        process.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    stopOrphanedPostgres(pgDir());
  }

  private static void closeQuietly(PackagedServer server) {
    try {
      server.close();
    } catch (RuntimeException e) {
      System.err.println("Could not clean up server " + server.pid() + ": " + e);
    }
  }

  // --- PostgreSQL processes on a data directory ------------------------------------------------

  /**
   * Postmaster pid from line 1 of {@code postmaster.pid}: {@code kill -INT} (fast shutdown), wait
   * for the pid file to go, then SIGQUIT; finally SIGKILL anything whose working directory is still
   * {@code pgDir}.
   */
  static void stopOrphanedPostgres(Path pgDir) {
    Path pidFile = pgDir.resolve("postmaster.pid");
    Optional<Long> postmaster = postmasterPid(pgDir);
    if (postmaster.isPresent()) {
      signal("-INT", postmaster.get());
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (Files.exists(pidFile) && System.nanoTime() < deadline) {
        sleep(20);
      }
      if (Files.exists(pidFile)) {
        signal("-QUIT", postmaster.get());
        sleep(500);
      }
    }
    for (long pid : postgresProcessesOn(pgDir)) {
      ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    }
  }

  static Optional<Long> postmasterPid(Path pgDir) {
    Path pidFile = pgDir.resolve("postmaster.pid");
    try {
      if (!Files.exists(pidFile)) {
        return Optional.empty();
      }
      List<String> lines = Files.readAllLines(pidFile, StandardCharsets.US_ASCII);
      return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).trim()));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  /**
   * Live (non-zombie) processes that hold {@code pgDir}: PostgreSQL changes its working directory
   * to the data directory, and the postmaster has it on its command line ({@code -D}).
   */
  static List<Long> postgresProcessesOn(Path pgDir) {
    String dir = pgDir.toAbsolutePath().normalize().toString();
    String real = realPath(pgDir).orElse(dir);
    List<Long> found = new ArrayList<>();
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      for (Path proc : (Iterable<Path>) procs::iterator) {
        String name = proc.getFileName().toString();
        if (!name.chars().allMatch(Character::isDigit)) {
          continue;
        }
        long pid = Long.parseLong(name);
        if (pid == ProcessHandle.current().pid() || isZombie(proc)) {
          continue;
        }
        String cwd = readLink(proc.resolve("cwd")).orElse("");
        String cmdline = readCmdline(proc);
        boolean holds =
            cwd.equals(dir)
                || cwd.equals(real)
                || (cmdline.contains("postgres")
                    && (cmdline.contains(" " + dir + " ")
                        || cmdline.endsWith(" " + dir)
                        || cmdline.contains(" " + real + " ")
                        || cmdline.endsWith(" " + real)));
        if (holds) {
          found.add(pid);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return found;
  }

  private static Optional<String> realPath(Path path) {
    try {
      return Optional.of(path.toRealPath().toString());
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static boolean isZombie(Path proc) {
    try {
      String stat = Files.readString(proc.resolve("stat"));
      int close = stat.lastIndexOf(')');
      return close > 0 && stat.length() > close + 2 && stat.charAt(close + 2) == 'Z';
    } catch (IOException e) {
      return true; // gone
    }
  }

  private static Optional<String> readLink(Path link) {
    try {
      return Optional.of(Files.readSymbolicLink(link).toString());
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return Optional.empty();
    }
  }

  private static String readCmdline(Path proc) {
    try {
      byte[] bytes = Files.readAllBytes(proc.resolve("cmdline"));
      return new String(bytes, StandardCharsets.UTF_8).replace('\0', ' ').trim();
    } catch (IOException e) {
      return "";
    }
  }

  private static void signal(String signal, long pid) {
    try {
      new ProcessBuilder("kill", signal, Long.toString(pid))
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start()
          .waitFor(5, TimeUnit.SECONDS);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  // --- data directories -----------------------------------------------------------------------

  /** Deletes a data directory unless {@code -Dpaysession.it.keep=true} asks to keep it. */
  static void deleteDataDir(Path dataDir) {
    if (dataDir == null || Boolean.getBoolean("paysession.it.keep")) {
      return;
    }
    stopOrphanedPostgres(dataDir.resolve("pg"));
    ExternalTestDatabase.configured().ifPresent(e -> e.dropDatabase(externalDatabaseName(dataDir)));
    if (!Files.exists(dataDir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dataDir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      System.err.println("Could not delete " + dataDir + ": " + e);
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A copy of the environment map for servers pointed at an external database. */
  static Map<String, String> env(String... keyValues) {
    Map<String, String> env = new HashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      env.put(keyValues[i], keyValues[i + 1]);
    }
    return env;
  }
}
