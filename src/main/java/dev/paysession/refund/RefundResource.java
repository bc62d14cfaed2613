package dev.paysession.refund;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.paysession.api.OpenApiDocument;
import dev.paysession.merchant.ServerCalls;
import dev.paysession.order.OrderStatusReader;
import dev.paysession.order.OrderStatusView;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
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
 * Juspay's {@code POST /orders/{order_id}/refunds}: answers the order-status object with {@code
 * refunds[]}. Form or JSON; Basic auth and {@code x-merchantid}, as the merchant's server calls it.
 */
@Tag(name = "Refunds", description = "Juspay's refund APIs")
@APIResponse(responseCode = "400", ref = OpenApiDocument.BAD_REQUEST)
@APIResponse(responseCode = "401", ref = OpenApiDocument.UNAUTHORIZED)
@APIResponse(responseCode = "404", ref = OpenApiDocument.NOT_FOUND)
@APIResponse(responseCode = "500", ref = OpenApiDocument.SERVER_ERROR)
@APIResponse(responseCode = "503", ref = OpenApiDocument.UNAVAILABLE)
@SecurityRequirement(name = OpenApiDocument.MERCHANT_AUTH)
@Path("/orders/{order_id}/refunds")
public class RefundResource {

  private final ServerCalls calls;
  private final RefundService refunds;
  private final OrderStatusReader statuses;

  RefundResource(ServerCalls calls, RefundService refunds, OrderStatusReader statuses) {
    this.calls = calls;
    this.refunds = refunds;
    this.statuses = statuses;
  }

  @Operation(operationId = "refundOrder", summary = "Refund a charged order, in part or in full")
  @RequestBody(
      required = true,
      content = {
        @Content(
            mediaType = MediaType.APPLICATION_FORM_URLENCODED,
            schema = @Schema(implementation = RefundRequestBodies.ForOrder.class)),
        @Content(
            mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = RefundRequestBodies.ForOrder.class))
      })
  @APIResponse(
      responseCode = "200",
      description = "The order-status object, the new refund first in refunds[]",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = OrderStatusView.class)))
  @POST
  @Produces(MediaType.APPLICATION_JSON)
  public OrderStatusView refundOrder(
      @PathParam("order_id") String orderId,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @HeaderParam("x-merchantid") String merchantIdHeader,
      @HeaderParam("x-merchant-id") String merchantIdAlternative,
      @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
      InputStream body)
      throws SQLException {
    String merchantId =
        calls.merchant(authorization, merchantIdHeader, merchantIdAlternative).merchantId();
    return handle(merchantId, orderId, calls.read(body, contentType));
  }

  /**
   * A refund call already authenticated and read: what {@link #refundOrder} runs after that, and
   * what the JWE-encrypted {@code /v4/orders/{order_id}/refunds} runs.
   */
  public OrderStatusView handle(String merchantId, String orderId, ObjectNode fields)
      throws SQLException {
    RefundRules.Request request = RefundRules.forOrder(fields);
    refunds.create(merchantId, orderId, request);
    return statuses.current(merchantId, orderId);
  }
}
