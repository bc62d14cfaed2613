package dev.paysession.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.paysession.api.RandomTokens;
import dev.paysession.merchant.Merchant;
import dev.paysession.order.FlatBody;
import dev.paysession.order.OrderStatus;
import dev.paysession.order.PaymentLinks;
import dev.paysession.order.StoredOrder;
import dev.paysession.upi.UpiDeepLink;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Map;
import org.jboss.logging.Logger;

/** Creates (or re-opens) an order for {@code POST /session} and builds Juspay's response. */
@ApplicationScoped
public class SessionService {

  private static final Logger LOG = Logger.getLogger(SessionService.class);

  private final OrderOpening opening;
  private final PaymentLinks links;

  SessionService(OrderOpening opening, PaymentLinks links) {
    this.opening = opening;
    this.links = links;
  }

  SessionResponse create(Merchant merchant, ObjectNode body, OrderOpening.Headers headers)
      throws SQLException {
    OrderOpening.Opened opened = opening.open(merchant, body, headers, SessionRules.Api.SESSION);
    SessionRequest request = opened.request();
    StoredOrder stored = opened.stored();
    LOG.debugf(
        "Session for order %s (%s)", stored.orderId(), stored.created() ? "new" : "re-opened");

    // A paymentManagement session without an order id is its own order (see OrderOpening).
    boolean ownOrder = request.orderId() == null;
    // A repeated call re-opens the order as its first session opened it: the echo comes from the
    // stored body; only the amount, which a repeated call may change, is this call's.
    Map<String, JsonNode> flat = stored.created() ? request.flat() : storedFlat(stored);
    SdkPayload.Resolved resolved =
        new SdkPayload.Resolved(
            ownOrder ? null : stored.orderId(),
            ownOrder ? null : stored.amount(),
            stored.currency(),
            stored.returnUrl(),
            request.action().name(),
            stored.paymentPageClientId(),
            merchant.merchantId(),
            merchant.environment().wireName(),
            opened.token(),
            opened.tokenExpiry().toString());
    return response(merchant, stored, flat, resolved, request.sdkService(), opened.tokenExpiry());
  }

  private SessionResponse response(
      Merchant merchant,
      StoredOrder order,
      Map<String, JsonNode> flat,
      SdkPayload.Resolved resolved,
      String service,
      Instant tokenExpiry) {
    String expiry = order.expiresAt().map(Instant::toString).orElse(null);
    // Juspay's recorded answer for an order without an expiry dates the link by the client auth
    // token, whose end closes the SDK's checkout.
    String linkExpiry = expiry != null ? expiry : tokenExpiry.toString();
    String deepLink =
        order.details().options().getUpiDeepLinks() && merchant.canBuildUpiLinks()
            ? UpiDeepLink.build(
                merchant.upiPayeeVpa().orElseThrow(),
                merchant.upiPayeeName().orElseThrow(),
                merchant.upiMerchantCode(),
                order.orderId(),
                order.amount().text(),
                order.details().description())
            : null;
    // Always NEW, as Juspay answers for a re-opened order (merchant SDKs check for NEW): the
    // session is new even when earlier attempts failed or are pending. Their outcome stays on
    // GET /orders/{order_id}; a paid order never gets here (refuseUnlessReusable).
    return new SessionResponse(
        OrderStatus.NEW.name(),
        order.id(),
        order.orderId(),
        new SessionResponse.Links(this.links.web(order.id()), linkExpiry, deepLink),
        new SessionResponse.SdkPayloadView(
            RandomTokens.hex32(), service, SdkPayload.build(flat, resolved), expiry),
        expiry);
  }

  /** The stored body, read with the same exact-number parsing as the original request. */
  private static Map<String, JsonNode> storedFlat(StoredOrder order) {
    JsonNode body = JsonText.parse(order.requestJson());
    if (!(body instanceof ObjectNode object)) {
      throw new IllegalStateException("stored request of order " + order.id() + " is not JSON");
    }
    return FlatBody.flatten(object, new ArrayList<>());
  }
}
