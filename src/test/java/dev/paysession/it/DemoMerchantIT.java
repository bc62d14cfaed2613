package dev.paysession.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paysession.db.ExternalTestDatabase;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The first start prints sandbox credentials once; they work, and survive a restart. */
class DemoMerchantIT {

  @BeforeAll
  static void onlyOnTheEmbeddedDatabase() {
    ExternalTestDatabase.skipIfConfigured(
        "the demo merchant is made on a fresh embedded install only");
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
  void firstStartPrintsWorkingDemoCredentialsOnceAndARestartKeepsThem() {
    dataDir = PackagedServer.newDataDir("demo");
    server = PackagedServer.start(dataDir);
    System.out.printf("DemoMerchantIT: first start ready in %d ms%n", millis(server));
    String firstOutput = server.output();

    assertThat(count(firstOutput, "merchant id : paysession_demo")).isEqualTo(1);
    assertThat(count(firstOutput, "client id   : paysession_demo")).isEqualTo(1);
    assertThat(count(firstOutput, Pattern.compile("API key\\s+: [0-9A-F]{32}\\b")))
        .as("the API key line, printed exactly once:%n%s", firstOutput)
        .isEqualTo(1);
    String key = server.printedApiKey().orElseThrow();

    Sessions.Reply created = Sessions.demo(server, key).createOrFail("demo-readme-1", "1.0");
    assertThat(created.status()).as(created.raw()).isEqualTo(200);
    assertThat(created.json().path("status").asText()).isEqualTo("NEW");
    assertThat(created.json().path("order_id").asText()).isEqualTo("demo-readme-1");
    assertThat(created.id()).matches("ordeh_[0-9a-f]{32}");
    String firstId = created.id();

    Sessions.Reply wrongKey =
        Sessions.demo(server, "0".repeat(32)).createOrFail("demo-readme-2", "1.0");
    assertThat(wrongKey.status()).as("an unknown key is refused").isEqualTo(401);

    server.stop();
    server = PackagedServer.start(dataDir);
    System.out.printf("DemoMerchantIT: restart ready in %d ms%n", millis(server));
    String secondOutput = server.output();

    assertThat(secondOutput)
        .as("a restart must not print a new demo key")
        .doesNotContain("API key")
        .doesNotContain("paysession demo merchant")
        .doesNotContain(key);
    Sessions.Reply again = Sessions.demo(server, key).createOrFail("demo-readme-3", "1.0");
    assertThat(again.status()).as("the first key still works: " + again.raw()).isEqualTo(200);
    assertThat(again.json().path("status").asText()).isEqualTo("NEW");
    Sessions.Reply reopened = Sessions.demo(server, key).createOrFail("demo-readme-1", "1.0");
    assertThat(reopened.status()).as(reopened.raw()).isEqualTo(200);
    assertThat(reopened.id()).isEqualTo(firstId);
  }

  static long millis(PackagedServer server) {
    return server.startupTime().toMillis();
  }

  private static int count(String text, String literal) {
    return count(text, Pattern.compile(Pattern.quote(literal)));
  }

  private static int count(String text, Pattern pattern) {
    Matcher matcher = pattern.matcher(text);
    int n = 0;
    while (matcher.find()) {
      n++;
    }
    return n;
  }
}
