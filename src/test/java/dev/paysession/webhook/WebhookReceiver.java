package dev.paysession.webhook;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A merchant's webhook endpoint on 127.0.0.1: records every request it answers, and can be taken
 * down (nothing listening: connection refused) and brought back on the same port.
 */
public final class WebhookReceiver implements AutoCloseable {

  /** One request as it arrived: its path, header names lower-cased, the body as sent. */
  public record Delivery(String path, Map<String, String> headers, byte[] body) {
    public String id() {
      return headers.get("webhook-id");
    }

    public JsonPath json() {
      return new JsonPath(new String(body, StandardCharsets.UTF_8));
    }

    public String eventName() {
      return json().getString("event_name");
    }

    /**
     * The order the event is about: TXN_CHARGED and TXN_FAILED carry a txn, the others the order.
     */
    public String orderId() {
      JsonPath json = json();
      String ofOrder = json.getString("content.order.order_id");
      return ofOrder != null ? ofOrder : json.getString("content.txn.order_id");
    }
  }

  /** How the endpoint answers: a status, after an optional delay. */
  public record Answer(int status, Duration delay) {
    public static Answer ok() {
      return new Answer(200, Duration.ZERO);
    }
  }

  private final List<Delivery> answered = new CopyOnWriteArrayList<>();
  private final AtomicInteger started = new AtomicInteger();
  private volatile Answer answer = Answer.ok();
  private int port;
  private HttpServer server;

  private WebhookReceiver() {}

  /** Listening on a free port. */
  public static WebhookReceiver start() {
    WebhookReceiver receiver = new WebhookReceiver();
    receiver.listen(0);
    return receiver;
  }

  public String url(String path) {
    return "http://localhost:" + port + path;
  }

  public int port() {
    return port;
  }

  public void answer(Answer answer) {
    this.answer = answer;
  }

  /** Stops listening: deliveries now fail with "connection refused". */
  public synchronized void down() {
    server.stop(0);
  }

  /** Listens again on the same port. */
  public synchronized void up() {
    listen(port);
  }

  /** Requests answered with the current answer, in arrival order. */
  public List<Delivery> deliveries() {
    return new ArrayList<>(answered);
  }

  public List<Delivery> deliveries(Predicate<Delivery> filter) {
    return answered.stream().filter(filter).toList();
  }

  private synchronized void listen(int onPort) {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", onPort), 50);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    port = server.getAddress().getPort();
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/", this::handle);
    server.start();
  }

  /** Requests that reached the endpoint, whether or not they were answered yet (or ever). */
  public int requestsStarted() {
    return started.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    started.incrementAndGet();
    Answer now = answer;
    byte[] body = exchange.getRequestBody().readAllBytes();
    Map<String, String> headers = new TreeMap<>();
    exchange
        .getRequestHeaders()
        .forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
    try {
      Thread.sleep(now.delay().toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (now.status() >= 200 && now.status() < 300) {
      answered.add(new Delivery(exchange.getRequestURI().getPath(), headers, body));
    }
    exchange.sendResponseHeaders(now.status(), -1);
    exchange.close();
  }

  @Override
  public synchronized void close() {
    server.stop(0);
  }
}
