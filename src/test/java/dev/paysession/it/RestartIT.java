package dev.paysession.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paysession.db.ExternalTestDatabase;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** SIGTERM stops PostgreSQL cleanly, and orders survive a restart. */
class RestartIT {

  @BeforeAll
  static void onlyOnTheEmbeddedDatabase() {
    ExternalTestDatabase.skipIfConfigured("it checks that SIGTERM stops the embedded PostgreSQL");
  }

  private Path dataDir;
  private PackagedServer server;

  @AfterEach
  void cleanUp() {
    if (server != null) {
      server.close();
    }
    PackagedServer.deleteDataDir(dataDir);
  }

  @Test
  void sigtermStopsPostgresCleanlyAndOrdersSurviveARestart() {
    dataDir = PackagedServer.newDataDir("restart");
    server = PackagedServer.start(dataDir);
    System.out.printf("RestartIT: first start ready in %d ms%n", server.startupTime().toMillis());
    String key = server.printedApiKey().orElseThrow();
    Sessions sessions = Sessions.demo(server, key);

    Map<String, String> ids = new LinkedHashMap<>();
    for (int i = 1; i <= 5; i++) {
      String orderId = "restart-" + i;
      Sessions.Reply reply = sessions.createOrFail(orderId, i + ".50");
      assertThat(reply.status()).as(reply.raw()).isEqualTo(200);
      ids.put(orderId, reply.id());
    }
    assertThat(PackagedServer.postgresProcessesOn(server.pgDir()))
        .as("precondition: the embedded PostgreSQL runs on the data directory")
        .isNotEmpty();

    long stopStart = System.nanoTime();
    int exit = server.stop();
    System.out.printf(
        "RestartIT: SIGTERM -> exit %d in %d ms%n",
        exit, (System.nanoTime() - stopStart) / 1_000_000);

    assertThat(server.pgDir().resolve("postmaster.pid"))
        .as("PostgreSQL must be stopped (not left running) when the server stops")
        .doesNotExist();
    assertThat(PackagedServer.postgresProcessesOn(server.pgDir()))
        .as("no PostgreSQL process may still hold the data directory")
        .isEmpty();
    assertThat(server.output())
        .as("the server should not report a failed PostgreSQL stop")
        .doesNotContain("could not stop embedded PostgreSQL");

    server = PackagedServer.start(dataDir);
    System.out.printf("RestartIT: restart ready in %d ms%n", server.startupTime().toMillis());
    sessions = Sessions.demo(server, key);
    for (int i = 1; i <= 5; i++) {
      String orderId = "restart-" + i;
      Sessions.Reply reply = sessions.createOrFail(orderId, i + ".50");
      assertThat(reply.status()).as(reply.raw()).isEqualTo(200);
      assertThat(reply.id()).as("order %s kept its id", orderId).isEqualTo(ids.get(orderId));
    }
    // Before any payment a repeated session may change the amount (Decision 16, issue 11): the
    // restarted server re-opens the stored order, same id, at the new amount.
    Sessions.Reply changed = sessions.createOrFail("restart-1", "99.00");
    assertThat(changed.status()).as(changed.raw()).isEqualTo(200);
    assertThat(changed.id()).as("the stored order is re-opened").isEqualTo(ids.get("restart-1"));
    assertThat(changed.raw()).contains("\"amount\":\"99.0\"");
  }
}
