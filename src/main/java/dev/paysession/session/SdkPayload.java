package dev.paysession.session;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paysession.rules.Amount;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code sdk_payload.payload}: the request echoed back with camelCase keys, as Juspay's samples
 * show ({@code order_id} → {@code orderId}, {@code options.get_upi_deep_links} → {@code
 * options.getUpiDeepLinks}, {@code metadata.JUSPAY:gateway_reference_id} → {@code
 * metadata.JUSPAY:gatewayReferenceId}), each value of the JSON type it was sent as (Juspay's
 * recorded answers keep booleans booleans), plus what the SDK needs to open the checkout: client
 * id, merchant id, client auth token and its expiry, environment, currency, action.
 */
final class SdkPayload {

  private SdkPayload() {}

  /**
   * The resolved values that may differ from what was literally sent (defaults, normal form).
   *
   * @param orderId null for a paymentManagement session without an order: left out
   * @param amount null for a paymentManagement session without an order: left out
   * @param returnUrl null when there is none (paymentManagement): left out
   */
  record Resolved(
      String orderId,
      Amount amount,
      String currency,
      String returnUrl,
      String action,
      String clientId,
      String merchantId,
      String environment,
      String clientAuthToken,
      String clientAuthTokenExpiry) {}

  static Map<String, Object> build(Map<String, JsonNode> flat, Resolved resolved) {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("clientId", resolved.clientId());
    if (resolved.amount() != null) {
      payload.put("amount", resolved.amount().display());
    }
    payload.put("merchantId", resolved.merchantId());
    payload.put("clientAuthToken", resolved.clientAuthToken());
    payload.put("clientAuthTokenExpiry", resolved.clientAuthTokenExpiry());
    payload.put("environment", resolved.environment());
    for (Map.Entry<String, JsonNode> field : flat.entrySet()) {
      String key = field.getKey();
      JsonNode value = field.getValue();
      if (value == null
          || value.isNull()
          || key.equals("payment_page_client_id")
          || key.equals("order_id") && resolved.orderId() == null
          || key.equals("amount") && resolved.amount() == null) {
        continue;
      }
      payload.putIfAbsent(camelCase(key), echo(value));
    }
    if (resolved.orderId() != null) {
      payload.put("orderId", resolved.orderId());
    }
    payload.put("currency", resolved.currency());
    payload.putIfAbsent("action", resolved.action()); // the echo of a repeat says what was sent
    if (resolved.returnUrl() != null) {
      payload.put("returnUrl", resolved.returnUrl());
    }
    return payload;
  }

  /** Text as text; numbers (exactly as sent), booleans and nested values keep their JSON type. */
  private static Object echo(JsonNode value) {
    return value.isTextual() ? value.asText() : value;
  }

  /** Merchants send the same few dozen keys; bounded, since keys are client input. */
  private static final int CAMEL_CASE_CACHE_SIZE = 4096;

  private static final Map<String, String> CAMEL_CASE = new ConcurrentHashMap<>();

  /** snake_case to camelCase per dotted segment; a gateway prefix before ':' is kept as is. */
  static String camelCase(String key) {
    String known = CAMEL_CASE.get(key);
    if (known != null) {
      return known;
    }
    String camel = convert(key);
    if (CAMEL_CASE.size() < CAMEL_CASE_CACHE_SIZE) {
      CAMEL_CASE.put(key, camel);
    }
    return camel;
  }

  private static String convert(String key) {
    String[] segments = key.split("\\.", -1);
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < segments.length; i++) {
      if (i > 0) {
        out.append('.');
      }
      String segment = segments[i];
      int colon = segment.indexOf(':');
      if (colon >= 0) {
        out.append(segment, 0, colon + 1).append(camelWord(segment.substring(colon + 1)));
      } else {
        out.append(camelWord(segment));
      }
    }
    return out.toString();
  }

  private static String camelWord(String word) {
    StringBuilder out = new StringBuilder(word.length());
    boolean upperNext = false;
    for (int i = 0; i < word.length(); i++) {
      char c = word.charAt(i);
      if (c == '_' && out.length() > 0 && i + 1 < word.length()) {
        upperNext = true;
      } else {
        out.append(upperNext ? Character.toUpperCase(c) : c);
        upperNext = false;
      }
    }
    return out.toString();
  }
}
