package dev.paysession.order;

/** One attempt of an order: {@code attempt} is its number, 1 to 25. */
public record AttemptKey(String merchantId, String orderId, int attempt) {}
