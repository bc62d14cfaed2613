package dev.paysession.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The admin API's answers about webhook deliveries. */
public final class WebhookAdminViews {

  private WebhookAdminViews() {}

  /** {@code GET .../orders/{orderId}/webhooks}: every event of the order, oldest first. */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  @Schema(
      name = "WebhookDeliveryLog",
      requiredProperties = {"merchant_id", "order_id", "events"},
      additionalProperties = Schema.False.class)
  public record DeliveryLog(
      @JsonProperty("merchant_id") String merchantId,
      @JsonProperty("order_id") String orderId,
      @JsonProperty("events") List<EventView> events) {}

  @JsonInclude(JsonInclude.Include.ALWAYS)
  @Schema(
      name = "WebhookEventDelivery",
      requiredProperties = {
        "id",
        "event_name",
        "status",
        "date_created",
        "failures",
        "next_attempt_at",
        "delivered_at",
        "attempts",
        "payload"
      },
      additionalProperties = Schema.False.class)
  public record EventView(
      @JsonProperty("id") String id,
      @JsonProperty("event_name") String eventName,
      @Schema(enumeration = {"PENDING", "DELIVERED", "FAILED", "NO_ENDPOINT"})
          @JsonProperty("status")
          String status,
      @JsonProperty("date_created") String dateCreated,
      @JsonProperty("failures") int failures,
      @Schema(nullable = true) @JsonProperty("next_attempt_at") String nextAttemptAt,
      @Schema(nullable = true) @JsonProperty("delivered_at") String deliveredAt,
      @JsonProperty("attempts") List<AttemptView> attempts,
      @Schema(ref = "WebhookPayload", description = "The payload as stored and sent.")
          @JsonProperty("payload")
          JsonNode payload) {}

  @JsonInclude(JsonInclude.Include.ALWAYS)
  @Schema(
      name = "WebhookDeliveryAttempt",
      requiredProperties = {
        "attempt",
        "started_at",
        "url",
        "http_status",
        "latency_ms",
        "error",
        "delivered"
      },
      additionalProperties = Schema.False.class)
  public record AttemptView(
      @JsonProperty("attempt") int attempt,
      @JsonProperty("started_at") String startedAt,
      @Schema(nullable = true) @JsonProperty("url") String url,
      @Schema(nullable = true) @JsonProperty("http_status") Integer httpStatus,
      @Schema(nullable = true) @JsonProperty("latency_ms") Integer latencyMs,
      @Schema(nullable = true) @JsonProperty("error") String error,
      @JsonProperty("delivered") boolean delivered) {}

  /** {@code POST .../webhooks/{eventId}/redeliver}: the event's status after queuing it again. */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  @Schema(
      name = "WebhookRedelivery",
      requiredProperties = {"id", "status"},
      additionalProperties = Schema.False.class)
  public record Redelivery(
      @JsonProperty("id") String id,
      @Schema(enumeration = {"PENDING", "DELIVERED", "FAILED", "NO_ENDPOINT"})
          @JsonProperty("status")
          String status) {}

  /** {@code POST .../webhooks/redeliver-failed}: how many failed events were queued again. */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  @Schema(
      name = "WebhookFailedRedelivery",
      requiredProperties = {"merchant_id", "redelivered"},
      additionalProperties = Schema.False.class)
  public record FailedRedelivery(
      @JsonProperty("merchant_id") String merchantId,
      @JsonProperty("redelivered") int redelivered) {}
}
