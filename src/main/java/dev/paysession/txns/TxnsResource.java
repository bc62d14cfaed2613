package dev.paysession.txns;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.paysession.api.ApiException;
import dev.paysession.api.OpenApiDocument;
import dev.paysession.mandate.MandateDebits;
import dev.paysession.mandate.TxnsAnswer;
import dev.paysession.merchant.Merchant;
import dev.paysession.merchant.ServerCalls;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;
import java.sql.SQLException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Juspay's {@code POST /txns} (form or JSON; Basic auth and {@code x-merchantid}). A body naming a
 * mandate is a mandate execution ({@link MandateDebits}); card, netbanking, wallet and UPI payments
 * are not served yet: they take the hosted payment page.
 *
 * <p>{@link #serverToServer} is the one entry after authentication, so that the JWE-encrypted
 * {@code /v4/txns} runs exactly what the plain one does.
 */
@Tag(
    name = "Payments",
    description = "Juspay's /txns: mandate debits and server-to-server payments")
@APIResponse(responseCode = "400", ref = OpenApiDocument.BAD_REQUEST)
@APIResponse(responseCode = "401", ref = OpenApiDocument.UNAUTHORIZED)
@APIResponse(responseCode = "404", ref = OpenApiDocument.NOT_FOUND)
@APIResponse(responseCode = "500", ref = OpenApiDocument.SERVER_ERROR)
@APIResponse(responseCode = "503", ref = OpenApiDocument.UNAVAILABLE)
@SecurityRequirement(name = OpenApiDocument.MERCHANT_AUTH)
@Path("/txns")
public class TxnsResource {

  private final ServerCalls calls;
  private final MandateDebits debits;

  TxnsResource(ServerCalls calls, MandateDebits debits) {
    this.calls = calls;
    this.debits = debits;
  }

  @Operation(
      operationId = "executeMandate",
      summary = "Debit a mandate (mandate execution); answers PENDING_VBV until the debit runs")
  @RequestBody(
      required = true,
      content = {
        @Content(
            mediaType = MediaType.APPLICATION_FORM_URLENCODED,
            schema = @Schema(implementation = DebitBody.class)),
        @Content(
            mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = DebitBody.class))
      })
  @APIResponse(
      responseCode = "200",
      description = "The debit's attempt, PENDING_VBV",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = TxnsAnswer.class)))
  @POST
  @Produces(MediaType.APPLICATION_JSON)
  public TxnsAnswer txns(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @HeaderParam("x-merchantid") String merchantIdHeader,
      @HeaderParam("x-merchant-id") String merchantIdAlternative,
      @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
      InputStream body)
      throws SQLException {
    Merchant merchant = calls.merchant(authorization, merchantIdHeader, merchantIdAlternative);
    return serverToServer(merchant, calls.read(body, contentType));
  }

  /** A {@code /txns} call from the merchant's server, already authenticated and read. */
  public TxnsAnswer serverToServer(Merchant merchant, ObjectNode fields) throws SQLException {
    if (!MandateDebits.isDebit(fields)) {
      throw ApiException.invalidRequest(
          "POST /txns takes mandate debits only (mandate_id or mandate_token): card, netbanking"
              + " and UPI payments are made on the hosted payment page");
    }
    return debits.debit(merchant, fields);
  }

  /**
   * The request body, for the OpenAPI document; JSON may nest {@code order} and {@code mandate}.
   */
  @Schema(
      name = "MandateDebitRequest",
      requiredProperties = {"order.order_id", "order.amount", "order.customer_id"})
  record DebitBody(
      @Schema(description = "A new order id for this debit") @JsonProperty("order.order_id")
          String orderId,
      @Schema(example = "100.00") @JsonProperty("order.amount") String amount,
      @JsonProperty("order.customer_id") String customerId,
      @Schema(description = "The mandate to debit (or mandate_token)") @JsonProperty("mandate_id")
          String mandateId,
      @JsonProperty("mandate_token") String mandateToken,
      @Schema(
              description =
                  "Epoch seconds; default the earliest allowed (24 h after the notice for UPI and"
                      + " card mandates)")
          @JsonProperty("mandate.execution_date")
          String executionDate,
      @Schema(description = "An earlier pre_debit_notify's id (decoupled flow)")
          @JsonProperty("mandate.notification_id")
          String notificationId,
      @JsonProperty("mandate.display_invoice_number") String displayInvoiceNumber,
      @Schema(
              enumeration = {"MUTUAL_FUND", "INSURANCE", "CREDIT_CARD_BILL"},
              description =
                  "paysession extension: a category RBI lets debit up to 100000 without additional"
                      + " authentication")
          @JsonProperty("mandate.category")
          String category,
      @JsonProperty("merchant_id") String merchantId,
      @Schema(description = "Accepted; the answer is JSON either way") @JsonProperty("format")
          String format) {}
}
