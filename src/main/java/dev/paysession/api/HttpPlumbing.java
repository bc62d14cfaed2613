package dev.paysession.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Vert.x-level plumbing that must also cover requests no REST resource ever sees: the request id on
 * every response, a JSON 404 for unknown routes, and JSON bodies for errors raised by the HTTP
 * layer itself (an upload over the hard size limit, for example).
 */
@ApplicationScoped
public class HttpPlumbing {

  private static final Logger LOG = Logger.getLogger(HttpPlumbing.class);

  private final ObjectMapper mapper;
  private final long maxBodyBytes;

  public HttpPlumbing(
      ObjectMapper mapper,
      @ConfigProperty(name = "paysession.http.max-body-bytes") long maxBodyBytes) {
    this.mapper = mapper;
    this.maxBodyBytes = maxBodyBytes;
  }

  void install(@Observes Router router) {
    router
        .route()
        .order(Integer.MIN_VALUE)
        .handler(
            rc -> {
              String requestId = RequestIds.assign(rc.request());
              rc.response().putHeader(RequestIds.HEADER, requestId);
              if (rc.request().path().contains("%00") || rc.request().path().indexOf('\0') >= 0) {
                // A NUL in a path parameter would reach PostgreSQL, which refuses it with a 500.
                write(
                    rc,
                    ApiException.http(400, "INVALID_REQUEST", "Request path must not contain %00"));
                return;
              }
              if (declaredLength(rc) > maxBodyBytes) {
                // Refused before a byte of the body is read; chunked bodies are cut off by the
                // endpoints' own streaming limits.
                rc.response().putHeader("connection", "close");
                write(
                    rc,
                    ApiException.http(
                        413,
                        "INVALID_REQUEST",
                        "Request body exceeds the limit of " + maxBodyBytes + " bytes"));
                return;
              }
              rc.next();
            });
    router
        .route()
        .last()
        .handler(
            rc ->
                write(
                    rc,
                    ApiException.notFound(
                        "No such endpoint: " + rc.request().method() + " " + rc.request().path())));
    router.errorHandler(
        413, rc -> write(rc, ApiException.http(413, "INVALID_REQUEST", "Request body too large")));
    router.errorHandler(
        405, rc -> write(rc, ApiException.http(405, "INVALID_REQUEST", "Method not allowed")));
    router.errorHandler(
        500,
        rc -> {
          LOG.errorf(rc.failure(), "Unhandled failure, request %s", RequestIds.of(rc.request()));
          write(rc, ApiException.internal());
        });
  }

  private static long declaredLength(RoutingContext rc) {
    String length = rc.request().getHeader("content-length");
    if (length == null) {
      return -1;
    }
    try {
      return Long.parseLong(length.trim());
    } catch (NumberFormatException e) {
      return -1; // Vert.x itself rejects a malformed Content-Length
    }
  }

  private void write(RoutingContext rc, ApiException error) {
    HttpServerResponse response = rc.response();
    if (response.ended() || response.headWritten()) {
      return;
    }
    String requestId = RequestIds.of(rc.request());
    String body;
    try {
      body = mapper.writeValueAsString(ErrorEnvelope.of(error, requestId));
    } catch (JsonProcessingException e) {
      body = "{\"status\":\"error\",\"error_code\":\"INTERNAL_SERVER_ERROR\"}";
    }
    response
        .setStatusCode(error.httpStatus())
        .putHeader(RequestIds.HEADER, requestId)
        .putHeader("content-type", "application/json")
        .end(body);
  }
}
