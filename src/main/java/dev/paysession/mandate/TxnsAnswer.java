package dev.paysession.mandate;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Juspay's answer to {@code POST /txns} (real-wire §7.4): the new attempt, PENDING_VBV until its
 * execution date. The authentication address has Juspay's form; a server-to-server debit has no
 * customer step, so nothing needs to open it (Juspay: "irrelevant for an S2S debit").
 */
@Schema(
    name = "TxnsAnswer",
    requiredProperties = {"txn_uuid", "txn_id", "status", "order_id", "payment"},
    additionalProperties = Schema.False.class)
public record TxnsAnswer(
    @JsonProperty("txn_uuid") String txnUuid,
    @JsonProperty("txn_id") String txnId,
    @JsonProperty("status") String status,
    @JsonProperty("order_id") String orderId,
    @JsonProperty("payment") Payment payment) {

  @Schema(
      name = "TxnsPayment",
      requiredProperties = {"authentication"},
      additionalProperties = Schema.False.class)
  public record Payment(@JsonProperty("authentication") Authentication authentication) {}

  @Schema(
      name = "TxnsAuthentication",
      requiredProperties = {"url", "method"},
      additionalProperties = Schema.False.class)
  public record Authentication(
      @JsonProperty("url") String url, @JsonProperty("method") String method) {}
}
