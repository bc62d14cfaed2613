package dev.paysession.checkout;

import dev.paysession.api.ApiException;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /orders/{order_id}/payment-methods}: what an SDK needs to draw its own checkout for
 * one order: the methods on offer and the customer's saved cards. Usually called from the
 * customer's device with the order's client auth token; the merchant's API key works too.
 */
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

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public Map<String, Object> methods(
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

    List<Map<String, Object>> methods = new ArrayList<>();
    for (CardBrand brand : CardBrand.values()) {
      if (brand != CardBrand.UNKNOWN) {
        methods.add(method("CARD", brand.name(), brand.name()));
      }
    }
    methods.add(method("UPI", "UPI", "UPI collect"));
    if (merchant.canBuildUpiLinks() && "INR".equals(order.currency())) {
      methods.add(method("UPI", "UPI_INTENT", "UPI apps"));
    }
    PaymentFormRules.BANKS.forEach((code, name) -> methods.add(method("NB", code, name)));
    PaymentFormRules.WALLETS.forEach((code, name) -> methods.add(method("WALLET", code, name)));

    List<Map<String, Object>> cards = new ArrayList<>();
    if (order.customerId().isPresent()) {
      for (SavedCard card : savedCards.ofCustomer(merchantId, order.customerId().get())) {
        Map<String, Object> saved = new LinkedHashMap<>();
        saved.put("card_token", card.token());
        saved.put("card_brand", card.brand().name());
        saved.put("last_four_digits", card.lastFour());
        cards.add(saved);
      }
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("order_id", orderId);
    body.put("payment_methods", methods);
    body.put("saved_cards", cards);
    return body;
  }

  private static Map<String, Object> method(String type, String method, String description) {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("payment_method_type", type);
    entry.put("payment_method", method);
    entry.put("description", description);
    return entry;
  }
}
