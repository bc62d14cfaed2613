package dev.paysession.order;

import dev.paysession.rules.Amount;
import java.time.Instant;
import java.util.Optional;

/**
 * An order as {@code POST /session} or {@code POST /orders} asks to create it.
 *
 * @param paymentPageClientId null from {@code POST /orders}, which opens no session
 * @param requestJson the body as sent, kept for the echo of a repeated session
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
