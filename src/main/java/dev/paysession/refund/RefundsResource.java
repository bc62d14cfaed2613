package dev.paysession.refund;

import dev.paysession.api.ApiException;
import dev.paysession.api.OpenApiDocument;
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
 * Juspay's refund APIs: {@code POST /orders/{order_id}/refunds} (answers the order-status object
 * with {@code refunds[]}) and {@code POST /refunds} (answers the flat refund). Form or JSON; Basic
 * auth and {@code x-merchantid}, as the merchant's server calls them.
 */
/**
 * Juspay's {@code POST /refunds} (by order or transaction id, STANDARD or INSTANT): answers the
 * flat refund object. Form or JSON; Basic auth and {@code x-merchantid}.
 */
@Tag(name = "Refunds", description = "Juspay's refund APIs")
@APIResponse(responseCode = "400", ref = OpenApiDocument.BAD_REQUEST)
@APIResponse(responseCode = "401", ref = OpenApiDocument.UNAUTHORIZED)
@APIResponse(responseCode = "404", ref = OpenApiDocument.NOT_FOUND)
@APIResponse(responseCode = "500", ref = OpenApiDocument.SERVER_ERROR)
@APIResponse(responseCode = "503", ref = OpenApiDocument.UNAVAILABLE)
@SecurityRequirement(name = OpenApiDocument.MERCHANT_AUTH)
@Path("/refunds")
public class RefundsResource {

  private final ServerCalls calls;
  private final RefundService refunds;

  RefundsResource(ServerCalls calls, RefundService refunds) {
    this.calls = calls;
    this.refunds = refunds;
  }

  @Operation(operationId = "createRefund", summary = "Refund an order or one of its transactions")
  @RequestBody(
      required = true,
      content = {
        @Content(
            mediaType = MediaType.APPLICATION_FORM_URLENCODED,
            schema = @Schema(implementation = RefundRequestBodies.ByReference.class)),
        @Content(
            mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = RefundRequestBodies.ByReference.class))
      })
  @APIResponse(
      responseCode = "200",
      description = "The refund, PENDING",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = RefundView.class)))
  @POST
  @Produces(MediaType.APPLICATION_JSON)
  public RefundView refund(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @HeaderParam("x-merchantid") String merchantIdHeader,
      @HeaderParam("x-merchant-id") String merchantIdAlternative,
      @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
      InputStream body)
      throws SQLException {
    String merchantId =
        calls.merchant(authorization, merchantIdHeader, merchantIdAlternative).merchantId();
    RefundRules.Request request = RefundRules.byReference(calls.read(body, contentType));
    String orderId =
        request
            .orderId()
            .or(() -> RefundService.orderOfTxnId(merchantId, request.txnId().orElseThrow()))
            .orElseThrow(
                () -> ApiException.notFound("Transaction " + request.txnId().get() + " not found"));
    return RefundView.of(refunds.create(merchantId, orderId, request));
  }
}
