package dev.paysession.order;

import dev.paysession.rules.Amount;
import java.time.Instant;
import java.util.Optional;

/**
 * An order as its readers see it: the payment page, the Order Status API and the checkout.
 *
 * @param details what the session validated beyond the columns: customer, udfs, metadata, …
 */
public record OrderRecord(
    String merchantId,
    String orderId,
    String id,
    OrderStatus status,
    Amount amount,
    String currency,
    Optional<String> customerId,
    String routingId,
    String paymentPageClientId,
    String action,
    Optional<String> returnUrl,
    Optional<Instant> expiresAt,
    Instant createdAt,
    OrderDetails details) {

  public boolean isExpired(Instant now) {
    return expiresAt.map(expiry -> !expiry.isAfter(now)).orElse(false);
  }

  public boolean isPaymentManagement() {
    return "paymentManagement".equals(action);
  }
}
