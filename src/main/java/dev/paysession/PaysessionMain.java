package dev.paysession;

import dev.paysession.api.HttpPlumbing;
import dev.paysession.db.EmbeddedDatabase;
import dev.paysession.merchant.MasterKeyRotation;
import io.quarkus.arc.Arc;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.nio.file.Path;

/**
 * Entry point. Starts the embedded PostgreSQL before Quarkus reads its datasource configuration,
 * unless the operator pointed us at an external database with {@code QUARKUS_DATASOURCE_JDBC_URL}.
 * It sits in the root package because it wires the whole application together (the database from
 * {@code db}, the HTTP switch from {@code api}); no feature depends on it.
 */
@QuarkusMain
public class PaysessionMain {

  /**
   * A configuration key set to "true" when this process runs the embedded database; the demo
   * merchant receives it as configuration, not by reading this class.
   */
  public static final String EMBEDDED_PROPERTY = "paysession.embedded-database";

  /** Where a generated master key is kept (see merchant/InstallationKeys). */
  public static final String MASTER_KEY_FILE_PROPERTY = "paysession.master-key-file";

  /** The master key file's name in the embedded database's data directory. */
  public static final String EMBEDDED_MASTER_KEY_FILE = "master-key";

  public static void main(String... args) throws Exception {
    // HttpPlumbing makes the same URI check inside the router, where a refusal gets the JSON
    // envelope instead of Quarkus's empty 400.
    System.setProperty(HttpPlumbing.QUARKUS_URI_VALIDATION_OFF, "true");
    if (isCommand(args)) {
      // A one-off run beside a stopped server: no public listener on the server's port.
      System.setProperty("quarkus.http.port", "0");
      System.setProperty("quarkus.http.host", "127.0.0.1");
    }
    if (externalDatabaseConfigured()) {
      Quarkus.run(Application.class, PaysessionMain::exit, args);
      return;
    }
    Path dataDir = Path.of(envOr("PAYSESSION_DATA_DIR", "./data")).toAbsolutePath();
    int port = Integer.parseInt(envOr("PAYSESSION_PG_PORT", "0"));
    EmbeddedDatabase database = EmbeddedDatabase.start(dataDir, port);
    System.setProperty("quarkus.datasource.jdbc.url", database.jdbcUrl());
    System.setProperty("quarkus.datasource.username", database.username());
    System.setProperty("quarkus.datasource.password", database.password());
    System.setProperty(EMBEDDED_PROPERTY, "true");
    if (System.getProperty(MASTER_KEY_FILE_PROPERTY) == null
        && System.getenv("PAYSESSION_MASTER_KEY_FILE") == null) {
      // Beside the database, never in it: a dump of the database alone reveals no secret.
      System.setProperty(
          MASTER_KEY_FILE_PROPERTY, dataDir.resolve(EMBEDDED_MASTER_KEY_FILE).toString());
    }

    // Quarkus's own shutdown hook does not wait for main() to return, so stopping PostgreSQL in a
    // finally block would race the JVM halt on SIGTERM. This hook keeps the JVM alive until main()
    // has let Quarkus stop (closing the pool first) and then stops PostgreSQL itself.
    Thread mainThread = Thread.currentThread();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    mainThread.join(20_000);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                  closeQuietly(database);
                },
                "paysession-stop-postgres"));
    try {
      Quarkus.run(Application.class, PaysessionMain::exit, args);
    } finally {
      closeQuietly(database);
    }
  }

  static boolean externalDatabaseConfigured() {
    String env = System.getenv("QUARKUS_DATASOURCE_JDBC_URL");
    String property = System.getProperty("quarkus.datasource.jdbc.url");
    return (env != null && !env.isBlank()) || (property != null && !property.isBlank());
  }

  private static String envOr(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }

  private static void exit(int code, Throwable failure) {
    if (failure != null) {
      failure.printStackTrace();
    }
    if (code != 0) {
      // Runtime.halt would skip our shutdown hook and orphan PostgreSQL; System.exit runs it.
      new Thread(() -> System.exit(code)).start();
    }
  }

  private static void closeQuietly(EmbeddedDatabase database) {
    try {
      database.close();
    } catch (Exception e) {
      System.err.println("paysession: could not stop embedded PostgreSQL cleanly: " + e);
    }
  }

  private static boolean isCommand(String... args) {
    return args.length > 0 && args[0].equals(MasterKeyRotation.COMMAND);
  }

  /**
   * Runs until Quarkus is asked to stop; or, with {@code rotate-master-key} as its argument,
   * re-seals every secret under a new master key and stops (docs/operations.md).
   */
  public static class Application implements QuarkusApplication {
    @Override
    public int run(String... args) throws Exception {
      if (isCommand(args)) {
        MasterKeyRotation.Result result =
            Arc.container().instance(MasterKeyRotation.class).get().rotate();
        System.out.printf(
            "paysession: master key rotated; %d merchants re-sealed under key %s. Next: %s%n",
            result.merchants(), result.keyId(), result.next());
        return 0;
      }
      Quarkus.waitForExit();
      return 0;
    }
  }
}
