package dev.paysession.order;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paysession.rules.Amount;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An order as its readers see it: the payment page, the Order Status API and the checkout.
 *
 * @param request the session body as flat dotted keys (see {@link FlatBody})
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
    Map<String, JsonNode> request) {

  public boolean isExpired(Instant now) {
    return expiresAt.map(expiry -> !expiry.isAfter(now)).orElse(false);
  }

  /** A text field of the session body, when it was sent and is a plain value. */
  public Optional<String> text(String key) {
    JsonNode value = request.get(key);
    if (value == null || value.isNull() || !value.isValueNode()) {
      return Optional.empty();
    }
    String text = value.asText();
    return text.isEmpty() ? Optional.empty() : Optional.of(text);
  }

  /**
   * The {@code metadata.<GATEWAY>:<key>} values for the gateway, keyed as sent ({@code PAYU:udf1});
   * objects (such as {@code RAZORPAY:notes}) as JSON text.
   */
  public Map<String, String> gatewayMetadata() {
    Map<String, String> metadata = new LinkedHashMap<>();
    request.forEach(
        (key, value) -> {
          if (key.startsWith("metadata.") && key.indexOf(':') > 0 && value != null) {
            metadata.put(
                key.substring("metadata.".length()),
                value.isValueNode() ? value.asText() : value.toString());
          }
        });
    return metadata;
  }

  public boolean isPaymentManagement() {
    return "paymentManagement".equals(action);
  }
}
