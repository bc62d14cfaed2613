package dev.paysession.merchant;

import dev.paysession.api.ApiException;
import dev.paysession.api.RateLimiter;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Slows down guessing the admin token: every 401 from the admin API spends one of the client
 * address's tokens; an address with none left gets 429 with Retry-After on every admin request, the
 * right token included (answering it would tell a guesser when it had won).
 */
@ApplicationScoped
class AdminThrottle {

  /** {@code paysession.admin.failed-auth.*}: failed admin authentications allowed per address. */
  @ConfigMapping(prefix = "paysession.admin.failed-auth")
  interface Config {
    @WithDefault("10")
    int perMinute();

    @WithDefault("10")
    int burst();
  }

  private final RateLimiter failures;

  AdminThrottle(Config config, Clock clock) {
    this.failures = new RateLimiter(config.perMinute(), config.burst(), clock);
  }

  void install(@Observes Router router) {
    // After api/AdminOnManagementPort: the public port's 404 is no failed authentication.
    router.route("/admin/*").order(Integer.MIN_VALUE + 2).handler(this::check);
  }

  private void check(RoutingContext rc) {
    String client =
        rc.request().remoteAddress() == null ? "" : rc.request().remoteAddress().hostAddress();
    Optional<Duration> wait = failures.waitFor(client);
    if (wait.isPresent()) {
      rc.fail(ApiException.tooManyRequests("Too many failed admin authentications", wait.get()));
      return;
    }
    rc.addHeadersEndHandler(
        done -> {
          if (rc.response().getStatusCode() == 401) {
            failures.take(client);
          }
        });
    rc.next();
  }
}
