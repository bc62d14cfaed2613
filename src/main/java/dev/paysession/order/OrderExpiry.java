package dev.paysession.order;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When a new order's links stop working (security review M3). A payment link is a bearer URL, so
 * none lives forever: without {@code metadata.expiryInMins} an order expires after {@code
 * paysession.orders.default-expiry}. A {@code paymentManagement} link lists and deletes the
 * customer's saved cards, so it never outlives {@code paysession.orders.management-link-expiry},
 * whatever was asked: a merchant opens a fresh session for each visit.
 */
@ApplicationScoped
public class OrderExpiry {

  static final String PAYMENT_MANAGEMENT = "paymentManagement";

  private final Duration defaultExpiry;
  private final Duration managementLinkExpiry;

  OrderExpiry(OrdersConfig config) {
    this.defaultExpiry = config.defaultExpiry();
    this.managementLinkExpiry = config.managementLinkExpiry();
  }

  /** The expiry of an order created at {@code now} for {@code action}. */
  public Instant expiresAt(String action, Optional<Integer> requestedMinutes, Instant now) {
    Duration lifetime = requestedMinutes.map(Duration::ofMinutes).orElse(defaultExpiry);
    if (PAYMENT_MANAGEMENT.equals(action) && lifetime.compareTo(managementLinkExpiry) > 0) {
      lifetime = managementLinkExpiry;
    }
    return now.plus(lifetime);
  }
}
