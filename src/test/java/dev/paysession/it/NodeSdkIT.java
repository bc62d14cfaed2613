package dev.paysession.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Juspay's official Node SDK, {@code expresscheckout-nodejs} 1.0.0 from npm, against the packaged
 * server: every {@code sdk-it/*.test.mjs} file, run by Node's own test runner. Nothing in the SDK
 * is patched, so the server is deployed the one way the SDK can reach it (docs/api.md, "Juspay's
 * Node SDK"): HTTPS, because its http check never matches, on port 443, because it hands the
 * resolver the host with its port. The certificate is made here and Node trusts it through {@code
 * NODE_EXTRA_CA_CERTS}. Port 443 needs root, as CI runs; elsewhere the test is skipped, and says
 * so.
 */
class NodeSdkIT {

  private static final Path SDK_TESTS = Path.of("sdk-it");
  private static final String ADMIN_TOKEN = "it-node-sdk-admin-token-0123456789abcdef";
  private static final String STORE_PASSWORD = "sdk-it-store";

  private static Path dataDir;
  private static PackagedServer server;
  private static final int TLS_PORT = 443;

  @BeforeAll
  static void startServerWithTls() throws IOException {
    boolean root = "root".equals(System.getProperty("user.name"));
    if (System.getenv("CI") != null) {
      assertThat(root).as("CI runs NodeSdkIT as root, to serve HTTPS on port 443").isTrue();
    }
    Assumptions.assumeTrue(root, "the SDK reaches only port 443, which needs root");
    NpmPackages.installed(SDK_TESTS);
    dataDir = PackagedServer.newDataDir("node-sdk");
    Path keyStore = dataDir.resolve("tls.p12");
    Path certificate = dataDir.resolve("tls-ca.pem");
    keytool(
        "-genkeypair",
        "-alias",
        "paysession",
        "-keyalg",
        "RSA",
        "-keysize",
        "2048",
        "-validity",
        "2",
        "-dname",
        "CN=localhost",
        "-ext",
        "san=dns:localhost,ip:127.0.0.1",
        "-keystore",
        keyStore.toString(),
        "-storetype",
        "PKCS12",
        "-storepass",
        STORE_PASSWORD);
    keytool(
        "-exportcert",
        "-rfc",
        "-alias",
        "paysession",
        "-keystore",
        keyStore.toString(),
        "-storepass",
        STORE_PASSWORD,
        "-file",
        certificate.toString());
    Map<String, String> env = new HashMap<>();
    env.put("QUARKUS_HTTP_SSL_PORT", Integer.toString(TLS_PORT));
    env.put("QUARKUS_HTTP_SSL_CERTIFICATE_KEY_STORE_FILE", keyStore.toString());
    env.put("QUARKUS_HTTP_SSL_CERTIFICATE_KEY_STORE_PASSWORD", STORE_PASSWORD);
    env.put("PAYSESSION_PUBLIC_URL", "https://localhost");
    env.put("PAYSESSION_ADMIN_TOKEN", ADMIN_TOKEN);
    server = PackagedServer.start(dataDir, env);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
    PackagedServer.deleteDataDir(dataDir);
  }

  @Test
  void theOfficialSdkWorksAgainstPaysessionByChangingOnlyItsBaseUrl() throws Exception {
    List<String> command = new ArrayList<>(List.of("node", "--test", "--test-concurrency=1"));
    try (Stream<Path> files = Files.list(SDK_TESTS.toAbsolutePath())) {
      files
          .map(Path::toString)
          .filter(name -> name.endsWith(".test.mjs"))
          .sorted()
          .forEach(command::add);
    }
    assertThat(command).as("the SDK test files").hasSizeGreaterThan(3);
    ProcessBuilder node =
        new ProcessBuilder(command)
            .directory(SDK_TESTS.toAbsolutePath().toFile())
            .redirectErrorStream(true);
    Map<String, String> env = node.environment();
    env.put("NODE_EXTRA_CA_CERTS", dataDir.resolve("tls-ca.pem").toString());
    env.put("PAYSESSION_BASE_URL", "https://localhost");
    env.put("PAYSESSION_ADMIN_URL", server.managementUrl());
    env.put("PAYSESSION_ADMIN_TOKEN", ADMIN_TOKEN);
    env.put("PAYSESSION_MERCHANT_ID", Sessions.DEMO_MERCHANT);
    env.put("PAYSESSION_API_KEY", server.printedApiKey().orElseThrow());
    Path log = dataDir.resolve("node-sdk-tests.log");
    node.redirectOutput(log.toFile());
    Process process = node.start();
    boolean finished = process.waitFor(10, TimeUnit.MINUTES);
    if (!finished) {
      process.destroyForcibly();
    }
    String output = Files.readString(log);
    System.out.println(output);
    assertThat(finished).as("the SDK tests finished within 10 minutes").isTrue();
    assertThat(process.exitValue()).as("node --test's exit code:%n%s", output).isZero();
    assertThat(output).contains("# fail 0").doesNotContain("# pass 0");
  }

  private static void keytool(String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes());
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException("keytool failed: " + output);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
