package dev.paysession.checkout;

import dev.paysession.api.ApiException;
import dev.paysession.api.RateLimits;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;

/**
 * Card testing: every form post to a payment page (a payment attempt, an OTP, a card deletion)
 * counts against the order and against the client address, before any resource or database work.
 * The client address is the connection's peer; behind a reverse proxy, turn on Quarkus's
 * forwarded-header handling ({@code quarkus.http.proxy.*}) so it is the customer's.
 */
@ApplicationScoped
class PagePostLimits {

  private final RateLimits limits;

  PagePostLimits(RateLimits limits) {
    this.limits = limits;
  }

  void install(@Observes Router router) {
    if (!limits.pageLimitsOn()) {
      return; // off by default: not even a route on the way
    }
    // After HttpPlumbing's first route (request id, body read), before the resources.
    router
        .routeWithRegex(HttpMethod.POST, "/orders/([^/]+)/payment-page/.*")
        .order(Integer.MIN_VALUE + 1)
        .handler(this::count);
  }

  private void count(RoutingContext rc) {
    String pageId = rc.pathParam("param0");
    String client =
        rc.request().remoteAddress() == null ? "" : rc.request().remoteAddress().hostAddress();
    Optional<ApiException> refused = limits.pagePost(pageId, client);
    if (refused.isPresent()) {
      rc.fail(refused.get());
    } else {
      rc.next();
    }
  }
}
