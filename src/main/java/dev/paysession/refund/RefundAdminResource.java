package dev.paysession.refund;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.paysession.api.OpenApiDocument;
import dev.paysession.merchant.AdminAccess;
import dev.paysession.order.OrderStatusView;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.sql.SQLException;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Operator API: the refunds of an order, as stored, newest first. */
@Tag(name = "Admin")
@APIResponse(responseCode = "400", ref = OpenApiDocument.BAD_REQUEST)
@APIResponse(responseCode = "401", ref = OpenApiDocument.UNAUTHORIZED)
@APIResponse(responseCode = "500", ref = OpenApiDocument.SERVER_ERROR)
@APIResponse(responseCode = "503", ref = OpenApiDocument.UNAVAILABLE)
@SecurityRequirement(name = OpenApiDocument.ADMIN_AUTH)
@Path("/admin/merchants/{merchantId}/orders/{orderId}/refunds")
@Produces(MediaType.APPLICATION_JSON)
public class RefundAdminResource {

  private final AdminAccess access;
  private final RefundStore refunds;

  RefundAdminResource(AdminAccess access, RefundStore refunds) {
    this.access = access;
    this.refunds = refunds;
  }

  /** An order's refunds with paysession's own ids beside Juspay's fields. */
  @Schema(
      name = "AdminOrderRefunds",
      requiredProperties = {"merchant_id", "order_id", "refunds"},
      additionalProperties = Schema.False.class)
  public record OrderRefunds(
      @JsonProperty("merchant_id") String merchantId,
      @JsonProperty("order_id") String orderId,
      @JsonProperty("refunds") List<AdminRefund> refunds) {}

  @Schema(
      name = "AdminRefund",
      requiredProperties = {"refund_id", "txn_id", "refund"},
      additionalProperties = Schema.False.class)
  public record AdminRefund(
      @JsonProperty("refund_id") String refundId,
      @JsonProperty("txn_id") String txnId,
      @JsonProperty("refund") OrderStatusView.Refund refund) {}

  @Operation(operationId = "listOrderRefunds", summary = "The refunds of an order")
  @APIResponse(
      responseCode = "200",
      description = "The order's refunds, newest first",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = OrderRefunds.class)))
  @GET
  public OrderRefunds ofOrder(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @PathParam("merchantId") String merchantId,
      @PathParam("orderId") String orderId)
      throws SQLException {
    access.require(authorization);
    AdminAccess.requireIdentifier(merchantId, "merchant");
    AdminAccess.requireIdentifier(orderId, "order");
    return new OrderRefunds(
        merchantId,
        orderId,
        refunds.refundsOf(merchantId, orderId).stream()
            .map(refund -> new AdminRefund(refund.refundId(), refund.txnId(), refund.view()))
            .toList());
  }
}
