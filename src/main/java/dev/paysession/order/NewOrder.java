package dev.paysession.order;

import dev.paysession.rules.Amount;
import java.time.Instant;
import java.util.Optional;

/**
 * An order as {@code POST /session} asks to create it.
 *
 * @param requestJson the session body as sent, kept for the echo of a repeated session
 */
public record NewOrder(
    String merchantId,
    String orderId,
    String id,
    Amount amount,
    String currency,
    String customerId,
    String routingId,
    String paymentPageClientId,
    String action,
    String returnUrl,
    Optional<Instant> expiresAt,
    Instant createdAt,
    OrderDetails details,
    String requestJson) {}
