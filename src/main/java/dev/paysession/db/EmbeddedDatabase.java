package dev.paysession.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The embedded PostgreSQL 17 that paysession runs when no external database is configured.
 *
 * <p>Durability matters more than start-up speed here: zonky turns {@code fsync} and {@code
 * synchronous_commit} off by default, which would make a 200 from {@code POST /session} a promise
 * we cannot keep after a power cut. Both are switched back on.
 */
public final class EmbeddedDatabase implements AutoCloseable {

  private static final Duration ORPHAN_STOP_TIMEOUT = Duration.ofSeconds(30);

  private final EmbeddedPostgres postgres;

  private EmbeddedDatabase(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  /**
   * Starts PostgreSQL on {@code dataDirectory}, keeping whatever data is already there.
   *
   * @param port 0 for a free port
   */
  public static EmbeddedDatabase start(Path dataDirectory, int port) throws IOException {
    Path pgData = dataDirectory.resolve("pg").toAbsolutePath();
    Files.createDirectories(pgData);
    stopOrphanedPostmaster(pgData);
    if (port > 0) {
      removeStaleSocketLock(Path.of(SOCKET_DIRECTORY, ".s.PGSQL." + port + ".lock"), pgData);
    }
    Path log = dataDirectory.resolve("postgres.log").toAbsolutePath();
    EmbeddedPostgres.Builder builder =
        EmbeddedPostgres.builder()
            .setDataDirectory(pgData)
            .setCleanDataDirectory(false)
            .setRegisterShutdownHook(false)
            .setPGStartupWait(Duration.ofSeconds(60))
            .setServerConfig("fsync", "on")
            .setServerConfig("synchronous_commit", "on")
            .setServerConfig("full_page_writes", "on")
            .setServerConfig("listen_addresses", "127.0.0.1")
            .setServerConfig("max_connections", "100")
            .setOutputRedirector(Redirect.appendTo(log.toFile()))
            .setErrorRedirector(Redirect.appendTo(log.toFile()));
    if (port > 0) {
      builder.setPort(port);
    }
    return new EmbeddedDatabase(builder.start());
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres";
  }

  public String username() {
    return "postgres";
  }

  @Override
  public void close() throws IOException {
    postgres.close();
  }

  /**
   * After a {@code kill -9} of the JVM, the postmaster that pg_ctl daemonised keeps running and
   * holds {@code postmaster.pid}, so a new start would fail. Ask it for a fast shutdown and wait
   * for the pid file to disappear (the process itself lingers as a zombie of PID 1 for a while).
   *
   * <p>If PostgreSQL died too (killed with the JVM, OOM killer), its {@code postmaster.pid} stays
   * behind. While the pid recorded there is still taken, by the postmaster's zombie until PID 1
   * reaps it (seconds on these machines) or by an unrelated process, PostgreSQL refuses to start
   * ("lock file already exists") and zonky waits its whole start-up timeout before failing. Such a
   * file is stale and is removed; PostgreSQL's shared-memory interlock still refuses to start while
   * any old backend remains attached.
   */
  static void stopOrphanedPostmaster(Path pgData) throws IOException {
    Path pidFile = pgData.resolve("postmaster.pid");
    Optional<ProcessHandle> recorded = recordedProcess(pidFile);
    if (recorded.isEmpty()) {
      return; // no pid file, or its pid is free: postgres handles that itself
    }
    long pid = recorded.get().pid();
    Optional<String> command = recorded.get().info().command();
    boolean zombie = isZombie(pid);
    if (zombie || command.map(c -> !c.endsWith("/postgres")).orElse(false)) {
      System.err.println(
          "paysession: removing stale postmaster.pid (pid "
              + pid
              + (zombie ? " has exited" : " is not PostgreSQL")
              + ") left by a crash");
      Files.deleteIfExists(pidFile);
      return;
    }
    if (command.isEmpty()) {
      return; // cannot tell what it is: leave the decision to postgres
    }
    ProcessHandle orphan = recorded.get();
    System.err.println(
        "paysession: stopping orphaned PostgreSQL (pid " + pid + ") left by a crash");
    signal("-INT", pid);
    long deadline = System.nanoTime() + ORPHAN_STOP_TIMEOUT.toNanos();
    while (Files.exists(pidFile) && orphan.isAlive()) {
      if (System.nanoTime() > deadline) {
        signal("-QUIT", pid);
        break;
      }
      sleep(20);
    }
  }

  /** Where these PostgreSQL binaries put their Unix socket and its lock file. */
  static final String SOCKET_DIRECTORY = "/tmp";

  /**
   * With a fixed port ({@code PAYSESSION_PG_PORT}) the Unix socket's lock file has a fixed name,
   * and after PostgreSQL was killed it names a pid that is a zombie until reaped. PostgreSQL then
   * refuses to start ("lock file /tmp/.s.PGSQL.port.lock already exists"): seen for over a minute
   * in CrashRecoveryIT. A lock file left by a dead postmaster of this same data directory is
   * removed, with its socket; any other is left for PostgreSQL to judge.
   */
  static void removeStaleSocketLock(Path lockFile, Path pgData) throws IOException {
    if (!Files.exists(lockFile)) {
      return;
    }
    List<String> lines = Files.readAllLines(lockFile, StandardCharsets.US_ASCII);
    if (lines.size() < 2 || !Path.of(lines.get(1).trim()).equals(pgData)) {
      return; // not ours
    }
    Optional<ProcessHandle> recorded = recordedProcess(lockFile);
    if (recorded.isEmpty()) {
      return; // its pid is free: postgres removes the file itself
    }
    long pid = recorded.get().pid();
    boolean zombie = isZombie(pid);
    if (zombie
        || recorded.get().info().command().map(c -> !c.endsWith("/postgres")).orElse(false)) {
      System.err.println(
          "paysession: removing stale "
              + lockFile
              + " (pid "
              + pid
              + " has exited) left by a crash");
      Files.deleteIfExists(lockFile);
      String name = lockFile.getFileName().toString();
      Files.deleteIfExists(lockFile.resolveSibling(name.substring(0, name.length() - 5)));
    }
  }

  /** The live (or zombie) process whose pid line 1 of a PostgreSQL lock file records. */
  private static Optional<ProcessHandle> recordedProcess(Path pidFile) throws IOException {
    if (!Files.exists(pidFile)) {
      return Optional.empty();
    }
    List<String> lines = Files.readAllLines(pidFile, StandardCharsets.US_ASCII);
    if (lines.isEmpty()) {
      return Optional.empty();
    }
    long pid;
    try {
      pid = Long.parseLong(lines.get(0).trim());
    } catch (NumberFormatException e) {
      return Optional.empty(); // a torn pid file: postgres itself will overwrite it
    }
    return ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
  }

  /** Linux: state Z in {@code /proc/<pid>/stat}. Elsewhere (no /proc) never a zombie. */
  private static boolean isZombie(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      int close = stat.lastIndexOf(')');
      return close > 0 && close + 2 < stat.length() && stat.charAt(close + 2) == 'Z';
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  private static void signal(String signal, long pid) throws IOException {
    try {
      new ProcessBuilder("kill", signal, Long.toString(pid)).inheritIO().start().waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
