package dev.paysession.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.paysession.checkout.MerchantSideVerifier;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The merchant's shop as far as a redirect needs it: an HTTP server on localhost whose return-URL
 * page records the query it receives and answers a small page, as a merchant's handler would.
 */
final class ReturnSite implements AutoCloseable {

  /** A request the shop received: path and raw (still encoded) query. */
  record Visit(String path, String rawQuery) {
    String url(String base) {
      return base + path + (rawQuery == null ? "" : "?" + rawQuery);
    }
  }

  private final HttpServer server;
  private final List<Visit> visits = new CopyOnWriteArrayList<>();

  private ReturnSite(HttpServer server) {
    this.server = server;
  }

  static ReturnSite start() {
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      ReturnSite site = new ReturnSite(server);
      server.createContext("/csp-probe", ReturnSite::cspProbe);
      server.createContext("/", site::returned);
      server.start();
      return site;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code http://localhost:<port>}: sandbox merchants may return customers to localhost. */
  String baseUrl() {
    return "http://localhost:" + server.getAddress().getPort();
  }

  /** A return URL of its own per order (return URLs carry no query), so visits tell apart. */
  String returnUrl(String orderId) {
    return baseUrl() + "/shop/orders/" + orderId + "/paid";
  }

  /** What the shop received at {@link #returnUrl(String)} for this order, in order. */
  List<Visit> visitsFor(String orderId) {
    String path = "/shop/orders/" + orderId + "/paid";
    return visits.stream().filter(v -> v.path().equals(path)).toList();
  }

  private void returned(HttpExchange exchange) throws IOException {
    String raw = exchange.getRequestURI().getRawQuery();
    visits.add(new Visit(exchange.getRequestURI().getRawPath(), raw));
    Map<String, String> query;
    try {
      query = MerchantSideVerifier.query("?" + (raw == null ? "" : raw));
    } catch (IllegalArgumentException e) {
      query = Map.of();
    }
    respond(
        exchange,
        Map.of(),
        "<!DOCTYPE html><title>Shop</title><h1>Thank you</h1><p>Order "
            + escape(query.getOrDefault("order_id", "?"))
            + ": "
            + escape(query.getOrDefault("status", "?"))
            + "</p>");
  }

  /** A page that breaks its own policy: proves a CSP violation reaches the browser's log. */
  private static void cspProbe(HttpExchange exchange) throws IOException {
    respond(
        exchange,
        Map.of("Content-Security-Policy", "default-src 'none'"),
        "<!DOCTYPE html><title>probe</title><style>body{color:red}</style><p>probe</p>");
  }

  private static void respond(HttpExchange exchange, Map<String, String> headers, String html)
      throws IOException {
    byte[] body = html.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
    headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
    exchange.sendResponseHeaders(200, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
