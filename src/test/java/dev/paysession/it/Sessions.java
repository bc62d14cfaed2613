package dev.paysession.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** {@code POST /session} as a merchant backend sends it, README style. */
final class Sessions {

  static final ObjectMapper JSON = new ObjectMapper();
  static final String DEMO_MERCHANT = "paysession_demo";

  private final PackagedServer server;
  private final String merchantId;
  private final String apiKey;
  private final String clientId;

  Sessions(PackagedServer server, String merchantId, String apiKey, String clientId) {
    this.server = server;
    this.merchantId = merchantId;
    this.apiKey = apiKey;
    this.clientId = clientId;
  }

  static Sessions demo(PackagedServer server, String apiKey) {
    return new Sessions(server, DEMO_MERCHANT, apiKey, DEMO_MERCHANT);
  }

  /** A new sandbox merchant made through the admin API, whose client id is {@code clientId}. */
  static Sessions newMerchant(
      PackagedServer server, String adminToken, String merchantId, String name, String clientId)
      throws IOException, InterruptedException {
    ObjectNode body = JSON.createObjectNode();
    body.put("merchant_id", merchantId);
    body.put("name", name);
    body.put("environment", "sandbox");
    body.putArray("payment_page_client_ids").add(clientId);
    HttpResponse<String> created =
        server
            .http()
            .send(
                HttpRequest.newBuilder(URI.create(server.url("/admin/merchants")))
                    .timeout(Duration.ofSeconds(10))
                    .header("Authorization", "Bearer " + adminToken)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    if (created.statusCode() != 201) {
      throw new AssertionError("merchant not created: " + created.body());
    }
    return new Sessions(
        server, merchantId, parse(created.body()).path("api_key").asText(), clientId);
  }

  String apiKey() {
    return apiKey;
  }

  /** The README's curl body. */
  ObjectNode readmeBody(String orderId, String amount) {
    ObjectNode body = JSON.createObjectNode();
    body.put("order_id", orderId);
    body.put("amount", amount);
    body.put("customer_id", "customer-1234");
    body.put("customer_email", "test.customer@example.com");
    body.put("customer_phone", "9876543210");
    body.put("payment_page_client_id", clientId);
    body.put("action", "paymentPage");
    body.put("return_url", "https://shop.merchant.com");
    body.put("description", "Complete your payment");
    body.put("first_name", "John");
    body.put("last_name", "Wick");
    return body;
  }

  static String basic(String apiKey) {
    return "Basic "
        + Base64.getEncoder().encodeToString((apiKey + ":").getBytes(StandardCharsets.UTF_8));
  }

  /** Sends the README request; throws IOException when the server is unreachable. */
  Reply create(String orderId, String amount) throws IOException, InterruptedException {
    return create(readmeBody(orderId, amount));
  }

  /** Sends {@code body} as this merchant; throws IOException when the server is unreachable. */
  Reply create(ObjectNode body) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(server.baseUrl() + "/session"))
            .timeout(Duration.ofSeconds(15))
            .header("Authorization", basic(apiKey))
            .header("x-merchantid", merchantId)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
            .build();
    HttpResponse<String> response =
        server.http().send(request, HttpResponse.BodyHandlers.ofString());
    return new Reply(response.statusCode(), parse(response.body()), response.body());
  }

  /** Like {@link #create} but for callers that expect the server to be up. */
  Reply createOrFail(String orderId, String amount) {
    try {
      return create(orderId, amount);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  boolean serverAlive() {
    return server.isAlive();
  }

  static JsonNode parse(String body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      return JSON.missingNode();
    }
  }

  record Reply(int status, JsonNode json, String raw) {
    String id() {
      return json.path("id").asText(null);
    }
  }
}
