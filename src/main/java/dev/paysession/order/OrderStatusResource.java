package dev.paysession.order;

import dev.paysession.api.ApiException;
import dev.paysession.api.OpenApiDocument;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.sql.SQLException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET /orders/{order_id}}: Juspay's Order Status API. The merchant's server calls it with
 * Basic auth and {@code x-merchantid}; the customer's side (the SDK, the page) calls it with the
 * order's client auth token instead, in {@code x-client-auth-token} or {@code client_auth_token}.
 */
@Tag(name = "Orders", description = "Juspay's Order Status API")
@APIResponse(responseCode = "400", ref = OpenApiDocument.BAD_REQUEST)
@APIResponse(responseCode = "401", ref = OpenApiDocument.UNAUTHORIZED)
@APIResponse(responseCode = "404", ref = OpenApiDocument.NOT_FOUND)
@APIResponse(responseCode = "500", ref = OpenApiDocument.SERVER_ERROR)
@APIResponse(responseCode = "503", ref = OpenApiDocument.UNAVAILABLE)
@SecurityRequirement(name = OpenApiDocument.MERCHANT_AUTH)
@Path("/orders/{order_id}")
public class OrderStatusResource {

  private final OrderAccess access;
  private final OrderStatusReader statuses;

  OrderStatusResource(OrderAccess access, OrderStatusReader statuses) {
    this.access = access;
    this.statuses = statuses;
  }

  /** Juspay's Node SDK repeats the id as {@code ?order_id=}: tolerated when it agrees. */
  @Operation(
      operationId = "getOrderStatus",
      summary = "The order's status, as webhooks also carry it")
  @APIResponse(
      responseCode = "200",
      description = "The order-status object",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = OrderStatusView.class)))
  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public OrderStatusView status(
      @PathParam("order_id") String orderId,
      @QueryParam("order_id") String repeatedOrderId,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @HeaderParam("x-merchantid") String merchantIdHeader,
      @HeaderParam("x-merchant-id") String merchantIdAlternative,
      @HeaderParam("x-client-auth-token") String tokenHeader,
      @QueryParam("client_auth_token") String tokenParameter)
      throws SQLException {
    if (repeatedOrderId != null && !repeatedOrderId.equals(orderId)) {
      throw ApiException.invalidRequest(
          "order_id in the query ("
              + repeatedOrderId
              + ") differs from the path ("
              + orderId
              + ")");
    }
    String merchantId =
        access.merchantFor(
            orderId,
            OrderAccess.Credentials.of(
                authorization,
                merchantIdHeader,
                merchantIdAlternative,
                tokenHeader,
                tokenParameter));
    return handle(merchantId, orderId);
  }

  /**
   * The status of the caller's order once its access is checked: what {@link #status} answers, and
   * what the JWE-encrypted {@code /v4/order-status} answers.
   */
  public OrderStatusView handle(String merchantId, String orderId) throws SQLException {
    return statuses.current(merchantId, orderId);
  }
}
