package dev.paysession.db;

import dev.paysession.api.RandomTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One real PostgreSQL 17 for all {@code @QuarkusTest}s, started the same way the server starts its
 * embedded default (fsync and synchronous_commit on, password required, master key in a file), in a
 * throw-away data directory. With {@code PAYSESSION_TEST_DATABASE_URL} set ({@link
 * ExternalTestDatabase}), a fresh database on that server instead, dropped at the end.
 */
@QuarkusTestResource(EmbeddedPostgresTestResource.class)
public class EmbeddedPostgresTestResource implements QuarkusTestResourceLifecycleManager {

  private Path dataDirectory;
  private EmbeddedDatabase database;
  private String externalName;

  @Override
  public Map<String, String> start() {
    try {
      dataDirectory = Files.createTempDirectory("paysession-test-db");
      Optional<ExternalTestDatabase> external = ExternalTestDatabase.configured();
      if (external.isPresent()) {
        return onExternal(external.get());
      }
      database = EmbeddedDatabase.start(dataDirectory, 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Map.of(
        "quarkus.datasource.jdbc.url", database.jdbcUrl(),
        "quarkus.datasource.username", database.username(),
        "quarkus.datasource.password", database.password(),
        // As the packaged server does with the embedded database: the key beside it, not in it.
        "paysession.master-key-file", dataDirectory.resolve("master-key").toString());
  }

  private Map<String, String> onExternal(ExternalTestDatabase external) {
    // One database per application start, as the embedded default gives each start a new server.
    externalName = "paysession_test_" + RandomTokens.hex32().substring(0, 12);
    return Map.of(
        "quarkus.datasource.jdbc.url", external.createDatabase(externalName),
        "quarkus.datasource.username", external.user(),
        "quarkus.datasource.password", external.password(),
        "paysession.master-key-file", dataDirectory.resolve("master-key").toString());
  }

  @Override
  public void stop() {
    try {
      if (database != null) {
        database.close();
      }
      if (externalName != null) {
        ExternalTestDatabase.configured().ifPresent(e -> e.dropDatabase(externalName));
      }
      if (dataDirectory != null) {
        try (Stream<Path> paths = Files.walk(dataDirectory)) {
          paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
