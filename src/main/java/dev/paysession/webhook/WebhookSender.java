package dev.paysession.webhook;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * POSTs one webhook and reports what came back. The connection goes to the address the policy
 * checked (never a second DNS answer), while the Host header and TLS (SNI, certificate check) use
 * the URL's host name. Redirects are not followed: a redirect could lead anywhere.
 */
final class WebhookSender implements AutoCloseable {

  /** Read and discarded up to this much; a longer answer closes the connection. */
  static final int MAX_RESPONSE_BYTES = 16 * 1024;

  /** What a delivery came to: a status code, or our own description of why there was none. */
  record Result(Optional<Integer> httpStatus, Optional<String> error, long latencyMs) {
    boolean delivered() {
      return httpStatus.filter(status -> status >= 200 && status < 300).isPresent();
    }

    String describe() {
      return error.orElseGet(() -> "HTTP " + httpStatus.orElseThrow());
    }

    /** Never sent, for the reason given. */
    static Result notSent(String reason) {
      return new Result(Optional.empty(), Optional.of(reason), 0);
    }
  }

  private final Vertx vertx;
  private final HttpClient client;

  WebhookSender(Vertx vertx, int maxConnections, Duration timeout) {
    this(vertx, options(maxConnections, timeout));
  }

  /** With the JDK's trusted CAs; tests add their own trust on top of these options. */
  static HttpClientOptions options(int maxConnections, Duration timeout) {
    return new HttpClientOptions()
        .setMaxPoolSize(maxConnections)
        .setVerifyHost(true)
        .setForceSni(true)
        // A fresh connection per webhook: a pooled one can be closed by the receiver just as it is
        // reused (servers announce their own keep-alive time, which the client then follows), and
        // that would count as the receiver's failure. Webhooks are few enough to afford it.
        .setKeepAlive(false)
        // Nothing of a delivery may outlive its timeout, a receiver stalling mid-answer included.
        .setIdleTimeout((int) timeout.toSeconds() + 1)
        .setName("paysession-webhooks");
  }

  WebhookSender(Vertx vertx, HttpClientOptions options) {
    this.vertx = vertx;
    this.client = vertx.createHttpClient(options);
  }

  /**
   * @throws InterruptedException when the server is shutting down: the request was cut off and its
   *     outcome is unknown, so it must not count as the receiver's failure
   */
  Result send(
      URI url, InetAddress address, Map<String, String> headers, byte[] body, Duration timeout)
      throws InterruptedException {
    boolean https = "https".equalsIgnoreCase(url.getScheme());
    int port = url.getPort() != -1 ? url.getPort() : https ? 443 : 80;
    String host = url.getHost().replaceAll("^\\[|\\]$", "");
    String pathAndQuery =
        (url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath())
            + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
    RequestOptions options =
        new RequestOptions()
            .setMethod(HttpMethod.POST)
            .setServer(SocketAddress.inetSocketAddress(port, address.getHostAddress()))
            .setHost(host)
            .setPort(port)
            .setSsl(https)
            .setURI(pathAndQuery)
            .setFollowRedirects(false)
            .setConnectTimeout(timeout.toMillis());
    headers.forEach(options::putHeader);

    long started = System.nanoTime();
    CompletableFuture<Result> done = new CompletableFuture<>();
    AtomicReference<HttpClientRequest> sent = new AtomicReference<>();
    // Set when we stop waiting: a request whose connection only comes afterwards is not sent, so
    // nothing goes out after its attempt was recorded as failed.
    AtomicBoolean abandoned = new AtomicBoolean();
    client
        .request(options)
        .compose(
            request -> {
              sent.set(request);
              if (abandoned.get()) {
                request.reset();
                return Future.failedFuture("abandoned");
              }
              return request.send(Buffer.buffer(body));
            })
        .onComplete(
            answer -> {
              long latency = millisSince(started);
              if (answer.failed()) {
                done.complete(failure(describe(answer.cause()), latency));
              } else {
                done.complete(
                    new Result(
                        Optional.of(answer.result().statusCode()), Optional.empty(), latency));
                discardBody(answer.result(), timeout);
              }
            });
    try {
      return done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      abandoned.set(true);
      HttpClientRequest request = sent.get();
      if (request != null) {
        request.reset();
      }
      return failure("no answer within " + timeout.toMillis() + " ms", millisSince(started));
    } catch (ExecutionException e) {
      return failure(describe(e.getCause()), millisSince(started));
    } catch (InterruptedException e) {
      abandoned.set(true);
      HttpClientRequest request = sent.get();
      if (request != null) {
        request.reset();
      }
      throw e;
    }
  }

  /**
   * Reads what the receiver sends back only up to a size and a time limit: its body means nothing
   * to us, and a receiver that trickles it must not hold the connection.
   */
  private void discardBody(HttpClientResponse response, Duration timeout) {
    AtomicLong read = new AtomicLong();
    try {
      // All on the connection's event loop: the response cannot end between these lines.
      AtomicLong timer = new AtomicLong(-1);
      response.exceptionHandler(ignored -> {});
      response.endHandler(ended -> vertx.cancelTimer(timer.get()));
      response.handler(
          chunk -> {
            if (read.addAndGet(chunk.length()) > MAX_RESPONSE_BYTES) {
              response.request().reset();
            }
          });
      timer.set(vertx.setTimer(timeout.toMillis(), id -> response.request().reset()));
    } catch (IllegalStateException alreadyEnded) {
      // An answer without a body has ended before we get to it: there is nothing to discard.
    }
  }

  private static Result failure(String error, long latencyMs) {
    return new Result(Optional.empty(), Optional.of(error), latencyMs);
  }

  private static String describe(Throwable cause) {
    String message = cause.getMessage() == null ? "" : ": " + cause.getMessage();
    String text = cause.getClass().getSimpleName() + message;
    return text.length() > 300 ? text.substring(0, 300) : text;
  }

  private static long millisSince(long startedNanos) {
    return Duration.ofNanos(System.nanoTime() - startedNanos).toMillis();
  }

  @Override
  public void close() {
    client.close();
  }
}
