package dev.paysession.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import io.vertx.core.VertxException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Vert.x-level plumbing that must also cover requests no REST resource ever sees: the request id on
 * every response, a JSON 404 for unknown routes, JSON bodies for errors raised by the HTTP layer
 * itself (a body over the size limit, a request without a Host header, a malformed URI), and slow
 * clients: a request body is read on the event loop, within a deadline, before the request goes on
 * to a resource, so no worker thread ever waits for a client.
 *
 * <p>Requests the HTTP codec rejects before any route runs (a request line over 4 KiB: 414; headers
 * over 20 KiB: 431; a malformed request line, header or Content-Length: 400) get Vert.x's
 * empty-bodied answer and a closed connection: Quarkus 3.33 offers no hook for {@code
 * HttpServer.invalidRequestHandler} (quarkus#55082). docs/reliability.md lists them.
 */
@ApplicationScoped
public class HttpPlumbing {

  /**
   * Set by {@code PaysessionMain}: Quarkus then leaves URI validation to {@link #install}, which
   * answers a malformed URI in the envelope instead of with an empty 400.
   */
  public static final String QUARKUS_URI_VALIDATION_OFF = "vertx.disableURIValidation";

  private static final Logger LOG = Logger.getLogger(HttpPlumbing.class);
  private static final Duration LINGER = Duration.ofSeconds(2);

  /** Headers that say who is calling or what the body is. */
  private static final List<String> SINGLE_VALUED =
      List.of("authorization", "x-merchantid", "x-merchant-id", "content-type");

  private final ObjectMapper mapper;
  private final long maxBodyBytes;
  private final Duration bodyTimeout;

  public HttpPlumbing(ObjectMapper mapper, HttpConfig http) {
    this.mapper = mapper;
    this.maxBodyBytes = http.maxBodyBytes();
    this.bodyTimeout = http.bodyTimeout();
  }

  void install(@Observes Router router) {
    router
        .route()
        .order(Integer.MIN_VALUE)
        .handler(this::first)
        // Every failure, including those Vert.x Web raises before any route runs (no Host header:
        // 400; a path not starting with '/': 404), answers in the envelope with a request id.
        .failureHandler(this::failure);
    router
        .route()
        .last()
        .handler(
            rc ->
                write(
                    rc,
                    ApiException.notFound(
                        "No such endpoint: " + rc.request().method() + " " + rc.request().path())));
  }

  private void first(RoutingContext rc) {
    HttpServerRequest request = rc.request();
    String requestId = RequestIds.assign(request);
    rc.response().putHeader(RequestIds.HEADER, requestId);
    LogContext.request(requestId, request.getHeader("x-routing-id"));
    rc.addEndHandler(done -> LogContext.clear());
    if (!validUri(request.uri())) {
      refuse(rc, ApiException.http(400, "INVALID_REQUEST", "Request URI is not a valid URI"));
      return;
    }
    if (request.path().contains("%00") || request.path().indexOf('\0') >= 0) {
      // A NUL in a path parameter would reach PostgreSQL, which refuses it with a 500.
      write(rc, ApiException.http(400, "INVALID_REQUEST", "Request path must not contain %00"));
      return;
    }
    for (String name : SINGLE_VALUED) {
      if (request.headers().getAll(name).size() > 1) {
        // Which copy counts would be up to each proxy and framework on the way: refuse to guess.
        write(
            rc, ApiException.http(400, "INVALID_REQUEST", "Header " + name + " must be sent once"));
        return;
      }
    }
    if (declaredLength(request) > maxBodyBytes) {
      // Refused before a byte of the body is read.
      refuse(rc, tooLarge());
      return;
    }
    if (request.isEnded()) {
      rc.next();
      return;
    }
    readBody(rc);
  }

  /**
   * Collects the body on the event loop, up to {@code paysession.http.max-body-bytes} (JSON 413
   * beyond, chunked bodies included) and within {@code paysession.http.body-timeout} (JSON 408 for
   * a client that stalls or trickles), then hands it to the resources as the routing context's
   * body. Resources are blocking: had they read the body themselves, each stalled upload would hold
   * a worker thread, and 24 of them stopped the server for a minute.
   *
   * <p>This is also why HTTP/2 must stay off ({@code quarkus.http.http2=false}): RESTEasy pauses
   * every request it receives, and Vert.x refuses to pause an HTTP/2 request whose body has been
   * read.
   */
  private void readBody(RoutingContext rc) {
    HttpServerRequest request = rc.request();
    Buffer body = Buffer.buffer();
    long timer =
        rc.vertx()
            .setTimer(
                bodyTimeout.toMillis(),
                id ->
                    refuse(
                        rc,
                        ApiException.http(
                            408,
                            "INVALID_REQUEST",
                            "Request body not received within " + bodyTimeout.toSeconds() + " s")));
    rc.addEndHandler(done -> rc.vertx().cancelTimer(timer));
    request.handler(
        chunk -> {
          if (rc.response().headWritten()) {
            return; // refused already; the connection is closing
          }
          if (body.length() + chunk.length() > maxBodyBytes) {
            refuse(rc, tooLarge());
            return;
          }
          body.appendBuffer(chunk);
        });
    request.endHandler(
        end -> {
          rc.vertx().cancelTimer(timer);
          if (!rc.response().headWritten()) {
            rc.setBody(body);
            rc.next();
          }
        });
    request.exceptionHandler(
        error -> {
          rc.vertx().cancelTimer(timer);
          // A malformed chunk, say; if the client has gone instead, this answer goes nowhere.
          refuse(rc, ApiException.http(400, "INVALID_REQUEST", "Request body could not be read"));
        });
    if ("100-continue".equalsIgnoreCase(request.getHeader("expect"))) {
      rc.response().writeContinue();
    }
  }

  private ApiException tooLarge() {
    return ApiException.http(
        413, "INVALID_REQUEST", "Request body exceeds the limit of " + maxBodyBytes + " bytes");
  }

  /**
   * Answers and closes the connection: the rest of the request is not wanted. A client still
   * uploading gets {@link #LINGER} to read the answer first; closing at once would reset the
   * connection under it, and a reset can discard the answer before the client reads it.
   */
  private void refuse(RoutingContext rc, ApiException error) {
    if (rc.response().headWritten()) {
      return;
    }
    rc.response().putHeader("connection", "close");
    write(rc, error)
        .onComplete(
            done -> {
              if (rc.request().isEnded()) {
                rc.request().connection().close();
              } else {
                rc.vertx().setTimer(LINGER.toMillis(), id -> rc.request().connection().close());
              }
            });
  }

  /** The check Quarkus makes before routing when {@link #QUARKUS_URI_VALIDATION_OFF} is unset. */
  private static boolean validUri(String uri) {
    if (uri == null) {
      return false;
    }
    try {
      new URI(uri);
      return true;
    } catch (URISyntaxException e) {
      return false;
    }
  }

  /** Also the admin API's on the management interface (see {@link AdminOnManagementPort}). */
  void failure(RoutingContext rc) {
    Throwable failure = rc.failure();
    if (rc.response().headWritten()) {
      // The client has its answer (a 413 or 408 while a handler was still at work) or is gone.
      LOG.debugf(failure, "Failure after the response, request %s", RequestIds.of(rc.request()));
      return;
    }
    int status = failure instanceof HttpException http ? http.getStatusCode() : rc.statusCode();
    RequestIds.assign(rc.request());
    if (failure instanceof ApiException error) {
      // A route's own refusal (a rate limit), already in the envelope's terms.
      write(rc, error);
    } else if (status == 404) {
      write(rc, ApiException.notFound("No such endpoint: " + rc.request().path()));
    } else if (status >= 400 && status < 500) {
      write(rc, ApiException.http(status, "INVALID_REQUEST", clientMessage(status, failure)));
    } else {
      LOG.errorf(failure, "Unhandled failure, request %s", RequestIds.of(rc.request()));
      write(rc, ApiException.internal());
    }
  }

  /** Vert.x's own 4xx reasons (e.g. the missing Host header) say exactly what to fix. */
  private static String clientMessage(int status, Throwable failure) {
    if (failure instanceof VertxException && failure.getMessage() != null) {
      return failure.getMessage();
    }
    return switch (status) {
      case 405 -> "Method not allowed";
      case 413 -> "Request body too large";
      case 415 -> "Content-Type must be application/json";
      default -> "Request could not be processed";
    };
  }

  private static long declaredLength(HttpServerRequest request) {
    String length = request.getHeader("content-length");
    if (length == null) {
      return -1;
    }
    try {
      return Long.parseLong(length.trim());
    } catch (NumberFormatException e) {
      return -1; // Vert.x itself rejects a malformed Content-Length
    }
  }

  private Future<Void> write(RoutingContext rc, ApiException error) {
    HttpServerResponse response = rc.response();
    if (response.ended() || response.headWritten()) {
      return Future.succeededFuture();
    }
    String requestId = RequestIds.of(rc.request());
    String body;
    try {
      body = mapper.writeValueAsString(ErrorEnvelope.of(error, requestId));
    } catch (JsonProcessingException e) {
      body = "{\"status\":\"error\",\"error_code\":\"INTERNAL_SERVER_ERROR\"}";
    }
    error
        .retryAfterSeconds()
        .ifPresent(seconds -> response.putHeader("Retry-After", Long.toString(seconds)));
    return response
        .setStatusCode(error.httpStatus())
        .putHeader(RequestIds.HEADER, requestId)
        .putHeader("content-type", "application/json")
        .end(body);
  }
}
