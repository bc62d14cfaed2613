package dev.paysession.it;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Debian's PostgreSQL ({@code apt-get install postgresql}) run by the test as a database the server
 * does not own: initdb in a temporary directory, pg_ctl to start it and to stop it as abruptly as a
 * crash ({@code -m immediate}). PostgreSQL refuses to run as root, so as root every command runs as
 * the {@code postgres} user through {@code runuser}.
 */
final class AptPostgres implements AutoCloseable {

  private final Path bin;
  private final Path dir;
  private final int port;
  private boolean running;

  private AptPostgres(Path bin, Path dir, int port) {
    this.bin = bin;
    this.dir = dir;
    this.port = port;
  }

  /** The newest {@code /usr/lib/postgresql/<version>/bin} that has pg_ctl and initdb. */
  static Optional<Path> binaries() {
    Path root = Path.of("/usr/lib/postgresql");
    if (!Files.isDirectory(root)) {
      return Optional.empty();
    }
    try (Stream<Path> versions = Files.list(root)) {
      return versions
          .map(v -> v.resolve("bin"))
          .filter(b -> Files.isExecutable(b.resolve("pg_ctl")))
          .filter(b -> Files.isExecutable(b.resolve("initdb")))
          .max(Comparator.comparingInt(AptPostgres::majorVersion));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int majorVersion(Path bin) {
    try {
      return Integer.parseInt(bin.getParent().getFileName().toString());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** initdb with trust authentication on a free port; not started yet. */
  static AptPostgres create(Path bin, Path dir) {
    try {
      Files.createDirectories(dir);
      if (isRoot()) {
        run(List.of("chown", "-R", "postgres:", dir.toString()), Path.of("/dev/null"));
      }
      int port = FreePorts.next();
      AptPostgres postgres = new AptPostgres(bin, dir, port);
      postgres.asPostgres(
          bin.resolve("initdb").toString(),
          "-D",
          postgres.data().toString(),
          "-U",
          "postgres",
          "--auth=trust",
          "-E",
          "UTF8",
          "--no-sync");
      return postgres;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Starts (or restarts) on the same port and data, with commits durable before they return. */
  void start() {
    asPostgres(
        bin.resolve("pg_ctl").toString(),
        "-D",
        data().toString(),
        "-l",
        dir.resolve("postgres.log").toString(),
        "-w",
        "-t",
        "60",
        "-o",
        "-p "
            + port
            + " -c listen_addresses=127.0.0.1 -c unix_socket_directories="
            + dir
            + " -c fsync=on -c synchronous_commit=on -c full_page_writes=on",
        "start");
    running = true;
  }

  /** As if the machine under it died: no checkpoint, recovery from the WAL on the next start. */
  void stopImmediately() {
    asPostgres(
        bin.resolve("pg_ctl").toString(), "-D", data().toString(), "-m", "immediate", "stop");
    running = false;
  }

  String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
  }

  String log() {
    try {
      Path log = dir.resolve("postgres.log");
      return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      return e.toString();
    }
  }

  private Path data() {
    return dir.resolve("data");
  }

  @Override
  public void close() {
    if (running || Files.exists(data().resolve("postmaster.pid"))) {
      try {
        stopImmediately();
      } catch (RuntimeException e) {
        System.err.println("Could not stop PostgreSQL in " + dir + ": " + e.getMessage());
      }
    }
  }

  private void asPostgres(String... command) {
    List<String> full = new ArrayList<>();
    if (isRoot()) {
      full.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    full.addAll(List.of(command));
    run(full, dir.resolve("commands.log"));
  }

  /** Runs a command to completion, its output appended to {@code log}; fails on a non-zero exit. */
  private static void run(List<String> command, Path log) {
    try {
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("timed out: " + command);
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException(
            String.join(" ", command)
                + " exited with "
                + process.exitValue()
                + ":\n"
                + Files.readString(log, StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }
}
