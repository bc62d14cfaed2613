package dev.paysession.order;

import dev.paysession.api.ApiException;
import dev.paysession.merchant.MerchantAuthenticator;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Map;

/**
 * {@code GET /orders/{order_id}}: Juspay's Order Status API. The merchant's server calls it with
 * Basic auth and {@code x-merchantid}; the customer's side (the SDK, the page) calls it with the
 * order's client auth token instead, in {@code x-client-auth-token} or {@code client_auth_token}.
 */
@Path("/orders/{order_id}")
public class OrderStatusResource {

  private final MerchantAuthenticator authenticator;
  private final OrderReader orders;
  private final PaymentLinks links;
  private final Clock clock;

  OrderStatusResource(
      MerchantAuthenticator authenticator, OrderReader orders, PaymentLinks links, Clock clock) {
    this.authenticator = authenticator;
    this.orders = orders;
    this.links = links;
    this.clock = clock;
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
    String merchantIdSent = merchantIdHeader != null ? merchantIdHeader : merchantIdAlternative;
    String token = tokenHeader != null ? tokenHeader : tokenParameter;
    String merchantId =
        token != null
            ? customerMayRead(token.trim(), orderId, merchantIdSent)
            : authenticator.authenticate(authorization, merchantIdSent).merchantId();
    OrderRecord order =
        orders
            .byOrderId(merchantId, orderId)
            .orElseThrow(() -> ApiException.notFound("Order " + orderId + " not found"));
    return OrderStatusView.of(
        order, orders.transactions(merchantId, orderId), links.web(order.id()));
  }

  /** The merchant whose order this token opens, if it opens this order and has not expired. */
  private String customerMayRead(String token, String orderId, String merchantIdSent)
      throws SQLException {
    OrderReader.TokenGrant grant =
        orders
            .tokenGrant(token)
            .filter(found -> found.orderId().equals(orderId))
            .filter(found -> merchantIdSent == null || found.merchantId().equals(merchantIdSent))
            .orElseThrow(
                () -> ApiException.unauthorized("Invalid client auth token for this order."));
    if (!grant.expiresAt().isAfter(clock.instant())) {
      throw ApiException.expired(
          "Client auth token expired at "
              + grant.expiresAt()
              + "; create a new session for a new token.");
    }
    return grant.merchantId();
  }
}
