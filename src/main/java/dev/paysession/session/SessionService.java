package dev.paysession.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.paysession.api.ApiException;
import dev.paysession.api.FieldError;
import dev.paysession.api.PaysessionConfig;
import dev.paysession.api.RandomTokens;
import dev.paysession.merchant.Merchant;
import dev.paysession.order.ClientAuthTokens;
import dev.paysession.order.FlatBody;
import dev.paysession.order.NewOrder;
import dev.paysession.order.OrderExpiry;
import dev.paysession.order.OrderStatus;
import dev.paysession.order.OrderStore;
import dev.paysession.order.PaymentLinks;
import dev.paysession.order.StoredOrder;
import dev.paysession.order.TransactionRecord;
import dev.paysession.rules.Texts;
import dev.paysession.upi.UpiDeepLink;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Creates (or re-opens) an order for {@code POST /session} and builds Juspay's response. */
@ApplicationScoped
public class SessionService {

  private final OrderStore orders;
  private final Clock clock;
  private final Duration tokenTtl;
  private final PaymentLinks links;
  private final OrderExpiry expiry;

  SessionService(
      OrderStore orders,
      Clock clock,
      PaysessionConfig config,
      PaymentLinks links,
      OrderExpiry expiry) {
    this.orders = orders;
    this.clock = clock;
    this.tokenTtl = config.clientAuthTokenTtl();
    this.links = links;
    this.expiry = expiry;
  }

  public SessionResponse create(Merchant merchant, ObjectNode body, Headers headers)
      throws SQLException {
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    SessionRequest request = SessionRules.parse(body, merchant, now);
    String routingId = routingId(headers, request);

    String token = ClientAuthTokens.generate();
    Instant tokenExpiry = now.plus(tokenTtl);
    NewOrder order =
        new NewOrder(
            merchant.merchantId(),
            request.orderId(),
            "ordeh_" + RandomTokens.hex32(),
            request.amount(),
            request.currency(),
            request.customerId(),
            routingId,
            request.paymentPageClientId(),
            request.action().name(),
            request.returnUrl(),
            Optional.of(expiry.expiresAt(request.action().name(), request.expiryInMins(), now)),
            now,
            request.details(),
            body.toString());
    StoredOrder stored =
        orders.createOrReuse(
            order,
            ClientAuthTokens.hash(token),
            tokenExpiry,
            existing -> refuseUnlessReusable(existing, request, now));

    // A repeated call re-opens the order as first created: the echo comes from the stored body.
    Map<String, JsonNode> flat = stored.created() ? request.flat() : storedFlat(stored);
    SdkPayload.Resolved resolved =
        new SdkPayload.Resolved(
            stored.orderId(),
            stored.amount(),
            stored.currency(),
            stored.returnUrl(),
            stored.paymentPageClientId(),
            merchant.merchantId(),
            merchant.environment().wireName(),
            token,
            tokenExpiry.toString());
    return response(merchant, stored, flat, resolved, request.sdkService());
  }

  /**
   * A second call may re-open an unpaid, unexpired order with the same amount and currency and an
   * attempt left: a NEW one, or one whose attempts failed or are still pending, so the customer can
   * try again.
   */
  private static void refuseUnlessReusable(
      StoredOrder existing, SessionRequest request, Instant now) {
    if (existing.status() == OrderStatus.CHARGED) {
      throw ApiException.invalidAction(
          "Order "
              + existing.orderId()
              + " is already "
              + existing.status()
              + "; a new session needs a new order_id");
    }
    if (existing.outOfAttempts()) {
      // The payment page would refuse every payment (409): do not send the customer there.
      throw ApiException.invalidAction(
          "Order "
              + existing.orderId()
              + " has used its "
              + TransactionRecord.MAX_PER_ORDER
              + " payment attempts; a new session needs a new order_id");
    }
    if (existing.expiresAt().map(expiry -> !expiry.isAfter(now)).orElse(false)) {
      throw ApiException.invalidAction(
          "Order " + existing.orderId() + " has expired; a new session needs a new order_id");
    }
    List<FieldError> changed = new ArrayList<>();
    if (existing.amount().compareTo(request.amount()) != 0) {
      changed.add(
          FieldError.invalid(
              "amount",
              "order "
                  + existing.orderId()
                  + " already exists with amount "
                  + existing.amount().text()
                  + "; use a new order_id to change it"));
    }
    if (!existing.currency().equals(request.currency())) {
      changed.add(
          FieldError.invalid(
              "currency",
              "order "
                  + existing.orderId()
                  + " already exists with currency "
                  + existing.currency()
                  + "; use a new order_id to change it"));
    }
    if (!changed.isEmpty()) {
      throw ApiException.badFields(changed);
    }
  }

  private SessionResponse response(
      Merchant merchant,
      StoredOrder order,
      Map<String, JsonNode> flat,
      SdkPayload.Resolved resolved,
      String service) {
    String expiry = order.expiresAt().map(Instant::toString).orElse(null);
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
        new SessionResponse.Links(this.links.web(order.id()), expiry, deepLink),
        new SessionResponse.SdkPayloadView(
            RandomTokens.hex32(), service, SdkPayload.build(flat, resolved), expiry),
        expiry);
  }

  /**
   * {@code x-routing-id} as sent; without it, Juspay's older {@code x-customerid}, then the
   * customer id, then (for a guest) the order id, as the seed recommends.
   */
  private static String routingId(Headers headers, SessionRequest request) {
    for (String[] header :
        new String[][] {
          {"x-routing-id", headers.routingId()}, {"x-customerid", headers.legacyCustomerId()}
        }) {
      String value = header[1];
      if (value != null && !value.isBlank()) {
        try {
          return Texts.printable(value.trim(), 128);
        } catch (dev.paysession.rules.InvalidValue e) {
          throw ApiException.badFields(List.of(FieldError.invalid(header[0], e.getMessage())));
        }
      }
    }
    return request.isGuest() ? request.orderId() : request.customerId();
  }

  /** The stored body, read with the same exact-number parsing as the original request. */
  private static Map<String, JsonNode> storedFlat(StoredOrder order) {
    JsonNode body = JsonText.parse(order.requestJson());
    if (!(body instanceof ObjectNode object)) {
      throw new IllegalStateException("stored request of order " + order.id() + " is not JSON");
    }
    return FlatBody.flatten(object, new ArrayList<>());
  }

  /** The headers that shape a session besides authentication. */
  public record Headers(String routingId, String legacyCustomerId) {}
}
