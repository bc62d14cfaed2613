package dev.paysession.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SegmentedStringWriter;
import dev.paysession.order.OrderStatusView;
import dev.paysession.order.TransactionView;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What a webhook carries, Juspay's envelope: {@code {"id","event_name","date_created",
 * "content":{<key>:{…}}}}, with one content key chosen by the event. {@link #write} writes it by
 * hand with the streaming generator, field by field in this record's order, each event's content
 * written by its {@link WebhookContent}; the record is the envelope's OpenAPI schema (the admin API
 * shows stored payloads, so the contract test checks the two agree).
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(
    name = "WebhookPayload",
    requiredProperties = {"id", "event_name", "date_created", "content"},
    additionalProperties = Schema.False.class)
public record WebhookPayload(
    @JsonProperty("id") String id,
    @Schema(
            description =
                "Juspay's event name. paysession sends TXN_CREATED, TXN_CHARGED, TXN_FAILED,"
                    + " ORDER_SUCCEEDED, ORDER_FAILED, REFUND_INITIATED, ORDER_REFUNDED,"
                    + " ORDER_REFUND_FAILED, REFUND_MANUAL_REVIEW_NEEDED, AUTO_REFUND_SUCCEEDED"
                    + " and AUTO_REFUND_FAILED today.",
            enumeration = {
              "ORDER_SUCCEEDED",
              "ORDER_FAILED",
              "ORDER_PARTIAL_CHARGED",
              "TXN_CREATED",
              "TXN_CHARGED",
              "TXN_FAILED",
              "ORDER_REFUNDED",
              "REFUND_INITIATED",
              "ORDER_REFUND_FAILED",
              "REFUND_MANUAL_REVIEW_NEEDED",
              "AUTO_REFUND_SUCCEEDED",
              "AUTO_REFUND_FAILED",
              "MANDATE_CREATED",
              "MANDATE_ACTIVATED",
              "MANDATE_FAILED",
              "MANDATE_PAUSED",
              "MANDATE_REVOKED",
              "MANDATE_EXPIRED",
              "NOTIFICATION_SUCCEEDED",
              "NOTIFICATION_FAILED"
            })
        @JsonProperty("event_name")
        String eventName,
    @JsonProperty("date_created") String dateCreated,
    @JsonProperty("content") Content content) {

  /**
   * Exactly one key, chosen by the event: {@code txn} for TXN_CHARGED and TXN_FAILED, {@code order}
   * for the others. A feature adding a kind of content (mandate, notification) adds its key here,
   * for the document only.
   */
  @Schema(
      name = "WebhookContent",
      description =
          "One key, chosen by the event: txn for TXN_CHARGED and TXN_FAILED, mandate for the"
              + " MANDATE_* events, order for the others.",
      minProperties = 1,
      maxProperties = 1,
      additionalProperties = Schema.False.class)
  public record Content(
      @JsonProperty("order") OrderStatusView order,
      @JsonProperty("txn") TransactionView txn,
      // The standalone mandate object (mandate/MandateView): described here by type only, so the
      // outbox does not depend on the mandate feature.
      @Schema(
              type = SchemaType.OBJECT,
              description = "The standalone mandate object, with status (MANDATE_* events).")
          @JsonProperty("mandate")
          java.util.Map<String, Object> mandate) {}

  /** The payload of {@code event} about {@code subject}, as JSON text. */
  static <S> String write(
      JsonFactory factory, String id, WebhookEvent<S> event, String dateCreated, S subject) {
    SegmentedStringWriter out = new SegmentedStringWriter(factory._getBufferRecycler());
    try {
      try (JsonGenerator g = factory.createGenerator(out)) {
        g.writeStartObject();
        g.writeStringField("id", id);
        g.writeStringField("event_name", event.name());
        g.writeStringField("date_created", dateCreated);
        g.writeObjectFieldStart("content");
        g.writeFieldName(event.content().key());
        event.content().write(g, subject);
        g.writeEndObject();
        g.writeEndObject();
      }
      return out.getAndClear();
    } catch (IOException e) {
      throw new UncheckedIOException("webhook payload does not serialise", e);
    }
  }
}
