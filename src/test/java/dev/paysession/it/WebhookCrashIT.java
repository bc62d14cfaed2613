package dev.paysession.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paysession.webhook.WebhookReceiver;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code kill -9} of the packaged server while webhooks are being delivered loses none: every event
 * in the outbox reaches the merchant after the restart, in order per order. The receiver is slow
 * (1.5 s an answer) so deliveries are surely in flight when the kill comes; the ones cut off are
 * sent again once their lease runs out, so they may arrive twice (at least once, as Juspay's own
 * webhooks).
 */
class WebhookCrashIT {

  private static final String ADMIN_TOKEN = "webhook-crash-admin-0123456789ab";
  private static final int ORDERS = 8;
  private static final Duration PATIENCE = Duration.ofSeconds(90);

  private Path dataDir;
  private PackagedServer server;
  private WebhookReceiver receiver;

  @AfterEach
  void cleanUp() {
    if (server != null) {
      server.close();
    }
    if (receiver != null) {
      receiver.close();
    }
    PackagedServer.deleteDataDir(dataDir);
  }

  @Test
  void killNineMidDeliveryLosesNoWebhook() throws Exception {
    dataDir = PackagedServer.newDataDir("webhook-crash");
    Map<String, String> env =
        PackagedServer.env(
            "PAYSESSION_ADMIN_TOKEN", ADMIN_TOKEN,
            "PAYSESSION_WEBHOOK_ALLOW_PRIVATE", "true",
            "PAYSESSION_WEBHOOK_TIMEOUT", "3s",
            "PAYSESSION_WEBHOOK_RETRY_DELAYS", "500ms,1s,1s,2s,2s,2s,2s,2s,2s,2s");
    server = PackagedServer.start(dataDir, env);
    receiver = WebhookReceiver.start();
    receiver.answer(new WebhookReceiver.Answer(200, Duration.ofMillis(1500)));
    Sessions merchant =
        Sessions.newMerchant(server, ADMIN_TOKEN, "crash_hooks", "Crash Hooks", "crash_hooks");
    admin(
        "PUT", "/admin/merchants/crash_hooks/webhook", "{\"url\":\"" + receiver.url("/h") + "\"}");

    List<String> orderIds = new ArrayList<>();
    for (int i = 0; i < ORDERS; i++) {
      String orderId = "crash-wh-" + i;
      Sessions.Reply reply = merchant.createOrFail(orderId, "10.00");
      assertThat(reply.status()).as(reply.raw()).isEqualTo(200);
      String page = URI.create(reply.json().path("payment_links").path("web").asText()).getPath();
      assertThat(payByUpi(page)).isEqualTo(303);
      orderIds.add(orderId);
    }

    await("deliveries in flight", () -> receiver.requestsStarted() >= 2);
    int deliveredBeforeKill = receiver.deliveries().size();
    server.kill();
    System.out.printf(
        "WebhookCrashIT: killed with %d requests started, %d answered%n",
        receiver.requestsStarted(), deliveredBeforeKill);
    receiver.answer(WebhookReceiver.Answer.ok());
    server = PackagedServer.start(dataDir, env);

    // Every event the outbox holds (3 per paid order) must arrive.
    Map<String, List<String>> outbox = new LinkedHashMap<>();
    for (String orderId : orderIds) {
      outbox.put(orderId, eventIds(orderId));
    }
    assertThat(outbox.values()).allSatisfy(ids -> assertThat(ids).hasSize(3));
    Set<String> expected =
        outbox.values().stream().flatMap(List::stream).collect(Collectors.toSet());
    await(
        "all " + expected.size() + " events received",
        () ->
            receiver.deliveries().stream()
                .map(WebhookReceiver.Delivery::id)
                .collect(Collectors.toSet())
                .containsAll(expected));

    List<WebhookReceiver.Delivery> received = receiver.deliveries();
    for (Map.Entry<String, List<String>> order : outbox.entrySet()) {
      List<String> firstArrivals =
          received.stream()
              .filter(d -> d.orderId().equals(order.getKey()))
              .map(WebhookReceiver.Delivery::id)
              .distinct()
              .toList();
      assertThat(firstArrivals).as(order.getKey()).containsExactlyElementsOf(order.getValue());
    }
    long duplicates = received.size() - expected.size();
    System.out.printf(
        "WebhookCrashIT: %d events, %d deliveries after the restart (%d duplicates)%n",
        expected.size(), received.size(), duplicates);
    // Only deliveries cut off by the kill may repeat: at most one per order in flight.
    assertThat(duplicates).isLessThanOrEqualTo(ORDERS);
  }

  private int payByUpi(String pagePath) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(server.baseUrl() + pagePath + "/upi"))
            .timeout(Duration.ofSeconds(15))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString("vpa=success%40upi"))
            .build();
    return server.http().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private List<String> eventIds(String orderId) throws IOException, InterruptedException {
    JsonNode listed =
        Sessions.parse(
            admin("GET", "/admin/merchants/crash_hooks/orders/" + orderId + "/webhooks", null));
    List<String> ids = new ArrayList<>();
    listed.path("events").forEach(event -> ids.add(event.path("id").asText()));
    return ids;
  }

  private String admin(String method, String path, String json)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(server.url(path)))
            .timeout(Duration.ofSeconds(10))
            .header("Authorization", "Bearer " + ADMIN_TOKEN);
    if (json != null) {
      request.header("Content-Type", "application/json");
    }
    HttpResponse<String> response =
        server
            .http()
            .send(
                request
                    .method(
                        method,
                        json == null
                            ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(json))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return response.body();
  }

  private static void await(String what, java.util.function.BooleanSupplier condition) {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Not within " + PATIENCE.toSeconds() + " s: " + what);
      }
      PackagedServer.sleep(50);
    }
  }
}
