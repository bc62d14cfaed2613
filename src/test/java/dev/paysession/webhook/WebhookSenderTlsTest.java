package dev.paysession.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.vertx.core.Vertx;
import io.vertx.core.net.PfxOptions;
import java.io.FileInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sender connects to the address the policy checked, not to what DNS says now, yet TLS still
 * checks the certificate against the URL's host name: pinning the address must not turn hostname
 * verification off. An HTTPS receiver on 127.0.0.1 with a certificate for {@code
 * hooks.paysession.test}, a name no DNS server answers for.
 */
class WebhookSenderTlsTest {

  private static final String PASSWORD = "changeit";
  private static final String HOST = "hooks.paysession.test";
  private static Path keyStore;
  private static HttpsServer server;
  private static Vertx vertx;
  private static WebhookSender sender;
  private static final List<String> hostHeaders = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void startHttpsReceiver() throws Exception {
    keyStore = Files.createTempDirectory("webhook-tls").resolve("localhost.p12");
    Process keytool =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-alias",
                "receiver",
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-dname",
                "CN=" + HOST,
                "-ext",
                "SAN=dns:" + HOST,
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                keyStore.toString(),
                "-storepass",
                PASSWORD)
            .redirectErrorStream(true)
            .start();
    String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(keytool.waitFor()).as(output).isZero();

    KeyStore store = KeyStore.getInstance("PKCS12");
    try (FileInputStream in = new FileInputStream(keyStore.toFile())) {
      store.load(in, PASSWORD.toCharArray());
    }
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(store, PASSWORD.toCharArray());
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(keys.getKeyManagers(), null, null);
    server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 10);
    server.setHttpsConfigurator(new HttpsConfigurator(tls));
    server.createContext(
        "/",
        exchange -> {
          hostHeaders.add(exchange.getRequestHeaders().getFirst("Host"));
          exchange.getRequestBody().readAllBytes();
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    server.start();

    vertx = Vertx.vertx();
    // Trust the receiver's self-signed certificate, as a production JDK trusts public CAs.
    sender =
        new WebhookSender(
            vertx,
            WebhookSender.options(2, Duration.ofSeconds(5))
                .setTrustOptions(
                    new PfxOptions().setPath(keyStore.toString()).setPassword(PASSWORD)));
  }

  @AfterAll
  static void stop() throws IOException {
    sender.close();
    vertx.close();
    server.stop(0);
    Files.deleteIfExists(keyStore);
  }

  @Test
  void theConnectionGoesToThePinnedAddressAndTheCertificateIsCheckedAgainstTheUrlsHost()
      throws Exception {
    int port = server.getAddress().getPort();
    InetAddress loopback = InetAddress.getByName("127.0.0.1");

    // The name does not resolve: only the pinned address can have reached the receiver.
    WebhookSender.Result pinned = send("https://" + HOST + ":" + port + "/hooks", loopback);
    assertThat(pinned.httpStatus()).as(pinned.describe()).contains(204);
    assertThat(hostHeaders).contains(HOST + ":" + port);

    // Same address, same certificate, but the URL names another host: the certificate does not
    // match it, so the TLS handshake must fail although the connection went to the right place.
    WebhookSender.Result wrongName =
        send("https://other.paysession.test:" + port + "/hooks", loopback);
    assertThat(wrongName.delivered()).isFalse();
    assertThat(wrongName.httpStatus()).isEmpty();
    assertThat(wrongName.error().orElseThrow()).containsIgnoringCase("SSL");
  }

  private static WebhookSender.Result send(String url, InetAddress address) throws Exception {
    return sender.send(
        URI.create(url),
        address,
        Map.of("Content-Type", "application/json"),
        "{}".getBytes(StandardCharsets.UTF_8),
        Duration.ofSeconds(5));
  }
}
