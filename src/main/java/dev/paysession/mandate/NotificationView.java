package dev.paysession.mandate;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Juspay's notification object: the answer of {@code pre_debit_notify}, of {@code GET
 * /notifications/{id}} and {@code content.notification} of the {@code NOTIFICATION_*} webhooks
 * (juspay-lifecycle §2.8, real-wire §7.5). Dates are epoch seconds as strings; a failed one adds
 * {@code response_code} and {@code response_message}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(
    name = "Notification",
    requiredProperties = {
      "id",
      "object",
      "object_reference_id",
      "status",
      "source_object",
      "source_info",
      "provider_name",
      "provider_response",
      "notification_type",
      "mandate",
      "date_created",
      "last_updated"
    },
    additionalProperties = Schema.False.class)
public record NotificationView(
    @JsonProperty("id") String id,
    @JsonProperty("object") String object,
    @JsonProperty("object_reference_id") String objectReferenceId,
    @JsonProperty("status") String status,
    @JsonProperty("source_object") String sourceObject,
    @JsonProperty("source_info") SourceInfo sourceInfo,
    @JsonProperty("provider_name") String providerName,
    @JsonProperty("provider_response") ProviderResponse providerResponse,
    @JsonProperty("notification_type") String notificationType,
    @JsonProperty("mandate") MandateRef mandate,
    @JsonProperty("description") String description,
    @JsonProperty("date_created") String dateCreated,
    @JsonProperty("last_updated") String lastUpdated,
    @JsonProperty("response_code") String responseCode,
    @JsonProperty("response_message") String responseMessage) {

  /** The debit the notification announces, echoed as the merchant sent it. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @Schema(
      name = "NotificationSourceInfo",
      requiredProperties = {"amount", "txn_date"},
      additionalProperties = Schema.False.class)
  public record SourceInfo(
      @JsonProperty("amount") String amount,
      @JsonProperty("txn_date") String txnDate,
      @JsonProperty("mandate.display_invoice_number") String displayInvoiceNumber) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  @Schema(
      name = "NotificationProviderResponse",
      requiredProperties = {"provider_ref_id"},
      additionalProperties = Schema.False.class)
  public record ProviderResponse(
      @JsonProperty("provider_ref_id") String providerRefId,
      @JsonProperty("provider_response_code") String providerResponseCode,
      @JsonProperty("provider_response_message") String providerResponseMessage) {}

  @Schema(
      name = "NotificationMandate",
      requiredProperties = {"mandate_id"},
      additionalProperties = Schema.False.class)
  public record MandateRef(@JsonProperty("mandate_id") String mandateId) {}

  public static NotificationView of(NotificationRecord n) {
    boolean failed = !n.succeeded();
    return new NotificationView(
        n.notificationId(),
        "notification",
        n.objectReferenceId(),
        n.status(),
        "MANDATE",
        new SourceInfo(
            n.amount().text(),
            MandateView.epoch(n.txnDate()),
            n.displayInvoiceNumber().orElse(null)),
        n.providerName(),
        new ProviderResponse(
            n.providerRefId(), n.responseCode().orElse(null), n.responseMessage().orElse(null)),
        "SMS",
        new MandateRef(n.mandateId()),
        n.description().orElse(null),
        MandateView.epoch(n.createdAt()),
        MandateView.epoch(n.updatedAt()),
        failed ? n.responseCode().orElse(null) : null,
        failed ? n.responseMessage().orElse(null) : null);
  }
}
