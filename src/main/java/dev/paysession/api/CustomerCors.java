package dev.paysession.api;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.regex.Pattern;

/**
 * CORS for the customer-side calls only: a merchant's web page reads {@code GET /orders/{id}} and
 * {@code GET /orders/{id}/payment-methods} with the order's client auth token, from its own origin.
 * Any origin may: the token is the credential, it opens one order for 15 minutes, and no cookie is
 * ever involved (so no {@code Access-Control-Allow-Credentials}). Routes that take a secret key
 * ({@code /session}, {@code /admin}) and the hosted page get no CORS headers at all: a browser must
 * never be where an API key is used.
 *
 * <p>Runs right after {@link HttpPlumbing}'s first handler, so preflights carry a request id too.
 */
@ApplicationScoped
public class CustomerCors {

  /** The order-status and payment-methods routes; not the payment page below them. */
  private static final Pattern CUSTOMER_ROUTES =
      Pattern.compile("/orders/[^/]+(?:/payment-methods)?");

  private static final String ALLOWED_HEADERS =
      "x-client-auth-token, x-merchantid, x-merchant-id, content-type";

  /** Seconds a browser may reuse a preflight answer. */
  private static final String MAX_AGE = "600";

  void install(@Observes Router router) {
    router.route().order(Integer.MIN_VALUE + 1).handler(this::handle);
  }

  private void handle(RoutingContext rc) {
    HttpServerRequest request = rc.request();
    if (!CUSTOMER_ROUTES.matcher(request.path()).matches()) {
      rc.next();
      return;
    }
    if (request.method() == HttpMethod.OPTIONS
        && request.getHeader("Access-Control-Request-Method") != null) {
      // Answered here: no resource serves OPTIONS, and only GET is offered whatever was asked.
      rc.response()
          .setStatusCode(204)
          .putHeader("Access-Control-Allow-Origin", "*")
          .putHeader("Access-Control-Allow-Methods", "GET")
          .putHeader("Access-Control-Allow-Headers", ALLOWED_HEADERS)
          .putHeader("Access-Control-Max-Age", MAX_AGE)
          .end();
      return;
    }
    if (request.method() == HttpMethod.GET) {
      // On every answer, errors included, so the page can read why a call failed. Sent whether or
      // not the request has an Origin: with "*" a cache needs no Vary.
      rc.response()
          .putHeader("Access-Control-Allow-Origin", "*")
          .putHeader("Access-Control-Expose-Headers", RequestIds.HEADER);
    }
    rc.next();
  }
}
