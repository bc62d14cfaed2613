package dev.paysession.order;

import dev.paysession.api.ApiException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.sql.SQLException;
import java.util.Map;

/**
 * {@code GET /orders/{order_id}}: Juspay's Order Status API. The merchant's server calls it with
 * Basic auth and {@code x-merchantid}; the customer's side (the SDK, the page) calls it with the
 * order's client auth token instead, in {@code x-client-auth-token} or {@code client_auth_token}.
 */
@Path("/orders/{order_id}")
public class OrderStatusResource {

  private final OrderAccess access;
  private final OrderReader orders;
  private final AttemptStore attempts;
  private final PaymentLinks links;

  OrderStatusResource(
      OrderAccess access, OrderReader orders, AttemptStore attempts, PaymentLinks links) {
    this.attempts = attempts;
    this.access = access;
    this.orders = orders;
    this.links = links;
  }

  /** Juspay's Node SDK repeats the id as {@code ?order_id=}: tolerated when it agrees. */
  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public Map<String, Object> status(
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
    OrderRecord order =
        orders
            .byOrderId(merchantId, orderId)
            .orElseThrow(() -> ApiException.orderNotFound(orderId));
    return OrderStatusView.of(order, attempts.ofOrder(merchantId, orderId), links);
  }
}
