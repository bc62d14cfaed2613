package dev.paysession.mandate;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.paysession.order.OrderStatusView;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answers of the mandate commands and lists that are not the mandate object itself. */
public final class MandateCommandViews {

  private MandateCommandViews() {}

  /** {@code command=revoke}, as Juspay's sample answers it. */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  @Schema(
      name = "MandateRevoked",
      requiredProperties = {"mandate_status", "mandate_id"},
      additionalProperties = Schema.False.class)
  public record Revoked(
      @JsonProperty("mandate_status") String mandateStatus,
      @JsonProperty("mandate_id") String mandateId) {

    static Revoked of(MandateRecord m) {
      return new Revoked(m.status().name(), m.mandateId());
    }
  }

  /**
   * {@code command=pause} and {@code resume}: the order's {@code mandate} block ({@code
   * mandate_status}) with Juspay's message and the pause dates as ISO instants.
   */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  @Schema(
      name = "MandatePauseAnswer",
      requiredProperties = {
        "mandate_id",
        "mandate_token",
        "mandate_status",
        "mandate_type",
        "max_amount",
        "amount_rule",
        "frequency",
        "start_date",
        "end_date",
        "revokable_by_customer",
        "block_fund",
        "response_message",
        "pause_start_date",
        "pause_end_date"
      },
      additionalProperties = Schema.False.class)
  public record PauseAnswer(
      @JsonUnwrapped OrderStatusView.Mandate mandate,
      @JsonProperty("response_message") String responseMessage,
      @JsonProperty("pause_start_date") String pauseStartDate,
      @JsonProperty("pause_end_date") String pauseEndDate) {

    static PauseAnswer of(MandateRecord m, String message) {
      return new PauseAnswer(
          MandateView.orderBlock(m),
          message,
          m.pauseStartDate().map(OrderStatusView::timestamp).orElse(null),
          m.pauseEndDate().map(OrderStatusView::timestamp).orElse(null));
    }
  }

  /** {@code GET /customers/{customer_id}/mandates}: Juspay's list object. */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  @Schema(
      name = "MandateList",
      requiredProperties = {"total", "offset", "count", "object", "list"},
      additionalProperties = Schema.False.class)
  public record MandateList(
      @JsonProperty("total") int total,
      @JsonProperty("offset") int offset,
      @JsonProperty("count") int count,
      @Schema(enumeration = "list") @JsonProperty("object") String object,
      @JsonProperty("list") List<MandateView> list) {

    static MandateList of(List<MandateRecord> mandates) {
      List<MandateView> views = mandates.stream().map(MandateView::of).toList();
      return new MandateList(views.size(), 0, views.size(), "list", views);
    }
  }
}
