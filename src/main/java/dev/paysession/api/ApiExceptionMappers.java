package dev.paysession.api;

import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The one place where exceptions become HTTP responses: always the JSON envelope, no stacks. */
public class ApiExceptionMappers {

  private static final Logger LOG = Logger.getLogger(ApiExceptionMappers.class);

  @ServerExceptionMapper
  public Response apiError(ApiException error, HttpServerRequest request) {
    return respond(error, request);
  }

  @ServerExceptionMapper
  public Response webError(WebApplicationException error, HttpServerRequest request) {
    if (error instanceof NotFoundException) {
      return respond(ApiException.notFound("No such endpoint: " + request.path()), request);
    }
    if (error instanceof NotAllowedException) {
      return respond(
          ApiException.http(405, "INVALID_REQUEST", "Method " + request.method() + " not allowed"),
          request);
    }
    if (error instanceof NotSupportedException) {
      return respond(
          ApiException.http(415, "INVALID_REQUEST", "Content-Type must be application/json"),
          request);
    }
    int status = error.getResponse().getStatus();
    if (status >= 500) {
      return unexpected(error, request);
    }
    return respond(
        ApiException.http(status, "INVALID_REQUEST", "Request could not be processed"), request);
  }

  @ServerExceptionMapper
  public Response databaseError(SQLException error, HttpServerRequest request) {
    if (isConnectionFailure(error)) {
      LOG.warnf(
          "Database unavailable for request %s: %s", RequestIds.of(request), error.getMessage());
      return respond(ApiException.unavailable("The database is unavailable."), request);
    }
    return unexpected(error, request);
  }

  @ServerExceptionMapper
  public Response unexpected(Throwable error, HttpServerRequest request) {
    Optional<SQLException> connectionFailure = connectionFailureIn(error);
    if (connectionFailure.isPresent()) {
      return databaseError(connectionFailure.get(), request);
    }
    LOG.errorf(error, "Unhandled failure, request %s", RequestIds.of(request));
    return respond(ApiException.internal(), request);
  }

  /**
   * A connection failure among the causes of {@code error}. A commit whose connection died (the
   * primary killed, scale/run's failover) arrives wrapped several times by the transaction manager:
   * RollbackException, then XAException, then the driver's SQLException.
   */
  static Optional<SQLException> connectionFailureIn(Throwable error) {
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Throwable cause = error.getCause();
        cause != null && seen.add(cause);
        cause = cause.getCause()) {
      if (cause instanceof SQLException sql && isConnectionFailure(sql)) {
        return Optional.of(sql);
      }
    }
    return Optional.empty();
  }

  /**
   * The database cannot be reached or cannot take us now: SQLState class 08 ("connection
   * exception"), 57P01-57P03 (shut down by an operator or a crash, or still starting up: seen for
   * the first connections after a restart), 53300 (too many connections). Agroal reports an empty
   * pool by its message. Also used by the order writer to fail a batch fast without a database.
   */
  public static boolean isConnectionFailure(SQLException error) {
    String state = error.getSQLState();
    return error instanceof SQLTransientConnectionException
        || (state != null
            && (state.startsWith("08")
                || state.equals("57P01")
                || state.equals("57P02")
                || state.equals("57P03")
                || state.equals("53300")))
        || (error.getMessage() != null && error.getMessage().startsWith("Acquisition timeout"));
  }

  static Response respond(ApiException error, HttpServerRequest request) {
    String requestId = RequestIds.of(request);
    Response.ResponseBuilder response =
        Response.status(error.httpStatus())
            .type(MediaType.APPLICATION_JSON_TYPE)
            .entity(ErrorEnvelope.of(error, requestId));
    error.retryAfterSeconds().ifPresent(seconds -> response.header("Retry-After", seconds));
    if (error.httpStatus() == 401) {
      response.header("WWW-Authenticate", "Basic realm=\"paysession\"");
    }
    return response.build();
  }
}
