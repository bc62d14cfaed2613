package dev.paysession.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.paysession.order.OrderStatusView;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What a webhook carries, Juspay's envelope: {@code {"id","event_name","date_created",
 * "content":{"order":{…}}}}, the order being the order-status object.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(
    name = "WebhookPayload",
    requiredProperties = {"id", "event_name", "date_created", "content"},
    additionalProperties = Schema.False.class)
public record WebhookPayload(
    @JsonProperty("id") String id,
    @JsonProperty("event_name") WebhookEvent eventName,
    @JsonProperty("date_created") String dateCreated,
    @JsonProperty("content") Content content) {

  @Schema(
      name = "WebhookContent",
      requiredProperties = {"order"},
      additionalProperties = Schema.False.class)
  public record Content(@JsonProperty("order") OrderStatusView order) {}
}
