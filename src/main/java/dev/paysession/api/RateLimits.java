package dev.paysession.api;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * The installation's rate limits ({@link RateLimitConfig}); a refusal is a 429 with Retry-After.
 */
@ApplicationScoped
public class RateLimits {

  private final RateLimiter merchant;
  private final RateLimiter pageOrder;
  private final RateLimiter pageClient;

  RateLimits(RateLimitConfig config, Clock clock) {
    this.merchant = limiter(config.merchant(), clock);
    this.pageOrder = limiter(config.pageOrder(), clock);
    this.pageClient = limiter(config.pageClient(), clock);
  }

  private static RateLimiter limiter(RateLimitConfig.Limit limit, Clock clock) {
    return new RateLimiter(limit.perMinute(), limit.burst(), clock);
  }

  /** Counts one server API call of the merchant; throws when it is over its limit. */
  public void merchantCall(String merchantId) {
    refuseIfOver(merchant.take(merchantId), "Too many requests for this merchant");
  }

  /** Counts one form post to an order's payment page, by order and by client address. */
  public Optional<ApiException> pagePost(String pageId, String clientAddress) {
    // Both count every post, refused or not: a client hammering one order spends its own share.
    Optional<Duration> orderWait = pageOrder.take(pageId);
    Optional<Duration> clientWait = pageClient.take(clientAddress);
    Optional<Duration> wait =
        orderWait.isEmpty()
            ? clientWait
            : clientWait.filter(c -> c.compareTo(orderWait.get()) > 0).or(() -> orderWait);
    return wait.map(w -> ApiException.tooManyRequests("Too many payment attempts; retry later", w));
  }

  public boolean pageLimitsOn() {
    return pageOrder.isOn() || pageClient.isOn();
  }

  private static void refuseIfOver(Optional<Duration> wait, String message) {
    if (wait.isPresent()) {
      throw ApiException.tooManyRequests(message, wait.get());
    }
  }
}
