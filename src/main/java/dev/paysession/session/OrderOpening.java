package dev.paysession.session;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.paysession.api.ApiException;
import dev.paysession.api.FieldError;
import dev.paysession.api.PaysessionConfig;
import dev.paysession.api.RandomTokens;
import dev.paysession.merchant.Merchant;
import dev.paysession.order.AmountChange;
import dev.paysession.order.ClientAuthTokens;
import dev.paysession.order.NewOrder;
import dev.paysession.order.OrderExpiry;
import dev.paysession.order.OrderStatus;
import dev.paysession.order.OrderStore;
import dev.paysession.order.StoredOrder;
import dev.paysession.order.TransactionRecord;
import dev.paysession.rules.InvalidValue;
import dev.paysession.rules.Texts;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one path by which {@code POST /session} and {@code POST /orders} create an order, or re-open
 * the one that has the order id already, with a fresh client auth token: the same rules, the same
 * idempotency, the same group commit.
 */
@ApplicationScoped
class OrderOpening {

  private final OrderStore orders;
  private final Clock clock;
  private final Duration tokenTtl;
  private final OrderExpiry expiry;

  OrderOpening(OrderStore orders, Clock clock, PaysessionConfig config, OrderExpiry expiry) {
    this.orders = orders;
    this.clock = clock;
    this.expiry = expiry;
    this.tokenTtl = config.clientAuthTokenTtl();
  }

  /** The order as stored after this call, and the token issued for it. */
  record Opened(
      SessionRequest request, StoredOrder stored, String token, Instant tokenExpiry, Instant now) {}

  Opened open(Merchant merchant, ObjectNode body, Headers headers, SessionRules.Api api)
      throws SQLException {
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    SessionRequest request = SessionRules.parse(body, merchant, now, api);
    String token = ClientAuthTokens.generate();
    Instant tokenExpiry = now.plus(tokenTtl);
    String id = "ordeh_" + RandomTokens.hex32();
    // A paymentManagement session without an order id is its own order, named by its id: longer
    // than any order id a merchant may send, so it can never meet one.
    NewOrder order =
        new NewOrder(
            merchant.merchantId(),
            request.orderId() == null ? id : request.orderId(),
            id,
            request.amount(),
            request.currency(),
            request.customerId(),
            routingId(headers, request),
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
            existing -> {
              if (api == SessionRules.Api.MANDATE_DEBIT) {
                // Juspay: "Always use a unique new order_id" for each debit.
                throw ApiException.invalidRequest(
                    "order.order_id "
                        + existing.orderId()
                        + " is already used: each mandate debit needs a new order_id");
              }
              refuseUnlessReusable(existing, request, now);
            });
    return new Opened(request, stored, token, tokenExpiry, now);
  }

  /**
   * A second call may re-open an unpaid, unexpired order in the same currency with an attempt left:
   * a NEW one, or one whose attempts failed or are still pending, so the customer can try again. It
   * may change the amount while no payment has started (Juspay answered such a call with the new
   * amount); after that the amount is what the attempts charged and stays.
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
    if (!existing.currency().equals(request.currency())) {
      changed.add(
          FieldError.invalid(
              "currency",
              "order "
                  + existing.orderId()
                  + " already exists with currency "
                  + existing.currency()
                  + "; use a new order_id to change it"));
    } else if (existing.amount().compareTo(request.amount()) != 0) {
      if (existing.paymentStarted()) {
        changed.add(
            FieldError.invalid(
                "amount",
                "order "
                    + existing.orderId()
                    + " already has a payment attempt at amount "
                    + existing.amount().text()
                    + ", so its amount can no longer change; use a new order_id"));
      } else {
        changed.addAll(AmountChange.refusals(existing.details(), request.amount()));
      }
    }
    if (!changed.isEmpty()) {
      throw ApiException.badFields(changed);
    }
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
        } catch (InvalidValue e) {
          throw ApiException.badFields(List.of(FieldError.invalid(header[0], e.getMessage())));
        }
      }
    }
    return request.isGuest() ? request.orderId() : request.customerId();
  }

  /** The headers that shape an order besides authentication. */
  record Headers(String routingId, String legacyCustomerId) {}
}
