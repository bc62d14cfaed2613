package dev.paysession.checkout;

import dev.paysession.api.ApiException;
import dev.paysession.api.OpenApiDocument;
import dev.paysession.gateway.CardBrand;
import dev.paysession.merchant.Merchant;
import dev.paysession.merchant.MerchantStore;
import dev.paysession.order.OrderAccess;
import dev.paysession.order.OrderReader;
import dev.paysession.order.OrderRecord;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET /orders/{order_id}/payment-methods}: what an SDK needs to draw its own checkout for
 * one order: the methods on offer and the customer's saved cards. Usually called from the
 * customer's device with the order's client auth token; the merchant's API key works too.
 */
@Tag(name = "Orders")
@APIResponse(responseCode = "400", ref = OpenApiDocument.BAD_REQUEST)
@APIResponse(responseCode = "401", ref = OpenApiDocument.UNAUTHORIZED)
@APIResponse(responseCode = "404", ref = OpenApiDocument.NOT_FOUND)
@APIResponse(responseCode = "500", ref = OpenApiDocument.SERVER_ERROR)
@APIResponse(responseCode = "503", ref = OpenApiDocument.UNAVAILABLE)
@SecurityRequirement(name = OpenApiDocument.MERCHANT_AUTH)
@Path("/orders/{order_id}/payment-methods")
public class PaymentMethodsResource {

  private final OrderAccess access;
  private final OrderReader orders;
  private final MerchantStore merchants;
  private final SavedCardStore savedCards;

  PaymentMethodsResource(
      OrderAccess access, OrderReader orders, MerchantStore merchants, SavedCardStore savedCards) {
    this.access = access;
    this.orders = orders;
    this.merchants = merchants;
    this.savedCards = savedCards;
  }

  @Operation(
      operationId = "getPaymentMethods",
      summary = "The payment methods on offer for an order and the customer's saved cards")
  @APIResponse(
      responseCode = "200",
      description = "Methods and saved cards",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = PaymentMethodsView.class)))
  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public PaymentMethodsView methods(
      @PathParam("order_id") String orderId,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @HeaderParam("x-merchantid") String merchantIdHeader,
      @HeaderParam("x-merchant-id") String merchantIdAlternative,
      @HeaderParam("x-client-auth-token") String tokenHeader,
      @QueryParam("client_auth_token") String tokenParameter)
      throws SQLException {
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
            .orElseThrow(() -> ApiException.notFound("Order " + orderId + " not found"));
    Merchant merchant =
        merchants
            .find(merchantId)
            .orElseThrow(() -> ApiException.notFound("Order " + orderId + " not found"));

    List<PaymentMethodsView.Method> methods = new ArrayList<>();
    for (CardBrand brand : CardBrand.values()) {
      if (brand != CardBrand.UNKNOWN) {
        methods.add(new PaymentMethodsView.Method("CARD", brand.name(), brand.name()));
      }
    }
    methods.add(new PaymentMethodsView.Method("UPI", "UPI", "UPI collect"));
    if (merchant.canBuildUpiLinks() && "INR".equals(order.currency())) {
      methods.add(new PaymentMethodsView.Method("UPI", "UPI_INTENT", "UPI apps"));
    }
    PaymentFormRules.BANKS.forEach(
        (code, name) -> methods.add(new PaymentMethodsView.Method("NB", code, name)));
    PaymentFormRules.WALLETS.forEach(
        (code, name) -> methods.add(new PaymentMethodsView.Method("WALLET", code, name)));

    List<PaymentMethodsView.SavedCardView> cards = new ArrayList<>();
    if (order.customerId().isPresent()) {
      for (SavedCard card : savedCards.ofCustomer(merchantId, order.customerId().get())) {
        cards.add(
            new PaymentMethodsView.SavedCardView(
                card.token(), card.brand().name(), card.lastFour()));
      }
    }
    return new PaymentMethodsView(orderId, methods, cards);
  }
}
