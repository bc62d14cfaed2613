package dev.paysession.session;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.paysession.api.HttpConfig;
import dev.paysession.api.JsonBodies;
import dev.paysession.api.OpenApiDocument;
import dev.paysession.merchant.Merchant;
import dev.paysession.merchant.MerchantAuthenticator;
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
 * {@code POST /orders} and {@code POST /orders/{order_id}}: Juspay's Orders API, create and update.
 * Juspay's SDKs post forms here and some clients JSON; both are read into the same flat fields. The
 * {@code version} header or query parameter Juspay's clients send is accepted and changes nothing.
 */
@Tag(name = "Orders", description = "Juspay's Orders API")
@APIResponse(responseCode = "400", ref = OpenApiDocument.BAD_REQUEST)
@APIResponse(responseCode = "401", ref = OpenApiDocument.UNAUTHORIZED)
@APIResponse(responseCode = "404", ref = OpenApiDocument.NOT_FOUND)
@APIResponse(responseCode = "413", ref = OpenApiDocument.TOO_LARGE)
@APIResponse(responseCode = "415", ref = OpenApiDocument.UNSUPPORTED)
@APIResponse(responseCode = "500", ref = OpenApiDocument.SERVER_ERROR)
@APIResponse(responseCode = "503", ref = OpenApiDocument.UNAVAILABLE)
@SecurityRequirement(name = OpenApiDocument.MERCHANT_AUTH)
@Path("/orders")
public class OrdersResource {

  private static final String VERSION =
      "Juspay's API version (e.g. 2019-07-01): accepted, ignored.";

  private final MerchantAuthenticator authenticator;
  private final OrdersService orders;
  private final int maxBodyBytes;

  OrdersResource(MerchantAuthenticator authenticator, OrdersService orders, HttpConfig http) {
    this.authenticator = authenticator;
    this.orders = orders;
    this.maxBodyBytes = http.maxBodyBytes();
  }

  @Operation(
      operationId = "createOrder",
      summary = "Create (or re-open) an order without a session, as Juspay's POST /orders")
  @RequestBody(
      required = true,
      content = {
        @Content(
            mediaType = MediaType.APPLICATION_FORM_URLENCODED,
            schema = @Schema(implementation = OrderCreateBody.class)),
        @Content(
            mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = OrderCreateBody.class))
      })
  @APIResponse(
      responseCode = "200",
      description = "The order: CREATED here, NEW on GET /orders/{order_id}",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = OrderCreatedResponse.class)))
  @POST
  @Produces(MediaType.APPLICATION_JSON)
  public OrderCreatedResponse create(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @HeaderParam("x-merchantid") String merchantId,
      @HeaderParam("x-merchant-id") String merchantIdAlternative,
      @HeaderParam("x-routing-id") String routingId,
      @HeaderParam("x-customerid") String legacyCustomerId,
      @Parameter(description = VERSION) @HeaderParam("version") String version,
      @Parameter(description = VERSION) @QueryParam("version") String versionParameter,
      @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
      InputStream body)
      throws SQLException {
    Merchant merchant = authenticate(authorization, merchantId, merchantIdAlternative);
    return orders.create(
        merchant, read(body, contentType), new OrderOpening.Headers(routingId, legacyCustomerId));
  }

  @Operation(
      operationId = "updateOrder",
      summary = "Change an order's amount, udfs and addresses before any payment attempt")
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
      description = "The order-status object, as GET /orders/{order_id} answers it",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = OrderStatusView.class)))
  @POST
  @Path("/{order_id}")
  @Produces(MediaType.APPLICATION_JSON)
  public OrderStatusView update(
      @PathParam("order_id") String orderId,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @HeaderParam("x-merchantid") String merchantId,
      @HeaderParam("x-merchant-id") String merchantIdAlternative,
      @Parameter(description = VERSION) @HeaderParam("version") String version,
      @Parameter(description = VERSION) @QueryParam("version") String versionParameter,
      @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
      InputStream body)
      throws SQLException {
    Merchant merchant = authenticate(authorization, merchantId, merchantIdAlternative);
    return orders.update(merchant, orderId, read(body, contentType));
  }

  private Merchant authenticate(
      String authorization, String merchantId, String merchantIdAlternative) throws SQLException {
    return authenticator.authenticate(
        authorization, MerchantAuthenticator.merchantIdSent(merchantId, merchantIdAlternative));
  }

  private ObjectNode read(InputStream body, String contentType) {
    return JsonBodies.readJsonOrForm(
        body == null ? null : new BodyStream(body), contentType, maxBodyBytes);
  }
}
