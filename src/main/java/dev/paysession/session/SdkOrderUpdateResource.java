package dev.paysession.session;

import dev.paysession.api.OpenApiDocument;
import dev.paysession.order.OrderStatusView;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;
import java.sql.SQLException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code POST /orders<order_id>}, without the slash: where Juspay's Node SDK
 * (expresscheckout-nodejs 1.0.0) sends {@code order.update}, since it builds the path as {@code
 * '/orders' + orderId}. Served as {@code POST /orders/{order_id}}, by it (docs/api.md, Decision
 * 101): an order id begins with a letter or digit, so no other route can be meant, and the SDK's
 * documented call then does what its merchant asked.
 */
@Tag(name = "Orders")
@APIResponse(responseCode = "400", ref = OpenApiDocument.BAD_REQUEST)
@APIResponse(responseCode = "401", ref = OpenApiDocument.UNAUTHORIZED)
@APIResponse(responseCode = "404", ref = OpenApiDocument.NOT_FOUND)
@APIResponse(responseCode = "413", ref = OpenApiDocument.TOO_LARGE)
@APIResponse(responseCode = "415", ref = OpenApiDocument.UNSUPPORTED)
@APIResponse(responseCode = "500", ref = OpenApiDocument.SERVER_ERROR)
@APIResponse(responseCode = "503", ref = OpenApiDocument.UNAVAILABLE)
@SecurityRequirement(name = OpenApiDocument.MERCHANT_AUTH)
@Path("/orders{order_id: [A-Za-z0-9][^/]*}")
public class SdkOrderUpdateResource {

  private static final String VERSION =
      "Juspay's API version (e.g. 2019-07-01): accepted, ignored.";

  private final OrdersResource orders;

  SdkOrderUpdateResource(OrdersResource orders) {
    this.orders = orders;
  }

  @Operation(
      operationId = "updateOrderWithoutSlash",
      summary = "POST /orders/{order_id}, at the path Juspay's Node SDK sends order.update to")
  @RequestBody(
      required = true,
      content = {
        @Content(
            mediaType = MediaType.APPLICATION_FORM_URLENCODED,
            schema = @Schema(implementation = OrderUpdateBody.class)),
        @Content(
            mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = OrderUpdateBody.class))
      })
  @APIResponse(
      responseCode = "200",
      description = "As POST /orders/{order_id}",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = OrderStatusView.class)))
  @POST
  @Produces(MediaType.APPLICATION_JSON)
  public OrderStatusView update(
      @Parameter(description = "The order id, right after /orders") @PathParam("order_id")
          String orderId,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @HeaderParam("x-merchantid") String merchantId,
      @HeaderParam("x-merchant-id") String merchantIdAlternative,
      @Parameter(description = VERSION) @HeaderParam("version") String version,
      @Parameter(description = VERSION) @QueryParam("version") String versionParameter,
      @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
      InputStream body)
      throws SQLException {
    return orders.update(
        orderId,
        authorization,
        merchantId,
        merchantIdAlternative,
        version,
        versionParameter,
        contentType,
        body);
  }
}
