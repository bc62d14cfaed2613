package dev.paysession.txns;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.paysession.mandate.TxnsAnswer;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Juspay's answer to {@code POST /txns} (juspay-lifecycle §4): the attempt, its status, and the
 * address where the customer authenticates; {@code sdk_params} for a UPI intent. {@code
 * format=json} sends it as JSON; otherwise the caller is redirected to the address.
 *
 * @param redirects whether a caller without {@code format=json} is sent to the address (a mandate
 *     debit has no customer step, so it always answers JSON)
 */
@Schema(
    name = "TxnsResponse",
    requiredProperties = {"order_id", "txn_id", "txn_uuid", "status", "payment"},
    additionalProperties = Schema.False.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TxnsResponse(
    @JsonProperty("order_id") String orderId,
    @JsonProperty("txn_id") String txnId,
    @JsonProperty("txn_uuid") String txnUuid,
    @Schema(
            description =
                "The attempt's status now: PENDING_VBV while the customer must authenticate; the"
                    + " sandbox may settle a UPI collect at once (CHARGED, AUTHORIZING, …)")
        @JsonProperty("status")
        String status,
    @JsonProperty("payment") Payment payment,
    @JsonIgnore boolean redirects) {

  @Schema(
      name = "TxnsResponsePayment",
      requiredProperties = {"authentication"},
      additionalProperties = Schema.False.class)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Payment(
      @JsonProperty("authentication") Authentication authentication,
      @Schema(
              description =
                  "UPI intent with sdk_params=true: what a UPI app needs to build the upi://pay"
                      + " link (tr, merchant_vpa, merchant_name, amount, mcc when known)")
          @JsonProperty("sdk_params")
          Map<String, String> sdkParams) {}

  @Schema(
      name = "TxnsResponseAuthentication",
      requiredProperties = {"method", "url"},
      additionalProperties = Schema.False.class)
  public record Authentication(
      @JsonProperty("method") String method, @JsonProperty("url") String url) {}

  /** The authentication address, where a caller without {@code format=json} is redirected. */
  @JsonIgnore
  public String authenticationUrl() {
    return payment.authentication().url();
  }

  /** A mandate debit's answer, which is JSON whatever {@code format} says. */
  static TxnsResponse ofDebit(TxnsAnswer debit) {
    return new TxnsResponse(
        debit.orderId(),
        debit.txnId(),
        debit.txnUuid(),
        debit.status(),
        new Payment(
            new Authentication(
                debit.payment().authentication().method(), debit.payment().authentication().url()),
            null),
        false);
  }
}
