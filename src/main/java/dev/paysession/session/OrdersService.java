package dev.paysession.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.paysession.api.ApiException;
import dev.paysession.api.FieldError;
import dev.paysession.api.RequestFields;
import dev.paysession.merchant.Merchant;
import dev.paysession.order.AmountChange;
import dev.paysession.order.FlatBody;
import dev.paysession.order.OrderDetails;
import dev.paysession.order.OrderStatusReader;
import dev.paysession.order.OrderStatusView;
import dev.paysession.order.OrderStore;
import dev.paysession.order.PaymentLinks;
import dev.paysession.order.StoredOrder;
import dev.paysession.rules.Amount;
import dev.paysession.rules.InvalidValue;
import dev.paysession.rules.OrderIds;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Juspay's Orders API, the older sibling of {@code /session}: {@code POST /orders} creates an order
 * through the session's own rules and path ({@link OrderOpening}) without opening a session, and
 * {@code POST /orders/{order_id}} changes its amount, udfs and addresses until a payment starts.
 */
@ApplicationScoped
class OrdersService {

  static final String GET_CLIENT_AUTH_TOKEN = "options.get_client_auth_token";

  private final OrderOpening opening;
  private final OrderStore store;
  private final OrderStatusReader statuses;
  private final PaymentLinks links;
  private final Clock clock;

  OrdersService(
      OrderOpening opening,
      OrderStore store,
      OrderStatusReader statuses,
      PaymentLinks links,
      Clock clock) {
    this.opening = opening;
    this.store = store;
    this.statuses = statuses;
    this.links = links;
    this.clock = clock;
  }

  OrderCreatedResponse create(Merchant merchant, ObjectNode body, OrderOpening.Headers headers)
      throws SQLException {
    boolean tokenWanted = tokenWanted(body);
    OrderOpening.Opened opened;
    try {
      opened = opening.open(merchant, body, headers, SessionRules.Api.ORDERS);
    } catch (ApiException e) {
      throw withJuspayOrderIdError(e);
    }
    StoredOrder stored = opened.stored();
    String expiry = stored.expiresAt().map(Instant::toString).orElse(null);
    return new OrderCreatedResponse(
        OrderCreatedResponse.CREATED,
        OrderCreatedResponse.CREATED_ID,
        stored.id(),
        stored.orderId(),
        new OrderStatusView.Links(
            links.web(stored.id()), links.web(stored.id()), links.mobile(stored.id()), expiry),
        tokenWanted
            ? new OrderCreatedResponse.Juspay(opened.token(), opened.tokenExpiry().toString())
            : null);
  }

  /**
   * Changes what Juspay lets an update change (amount, {@code udf1}–{@code udf10}, {@code
   * billing_address_*}, {@code shipping_address_*}); other fields are ignored, as Juspay does.
   * Refused once a payment was attempted: the amount is then what the attempts charged.
   */
  OrderStatusView update(Merchant merchant, String orderId, ObjectNode body) throws SQLException {
    checkOrderId(orderId);
    List<FieldError> errors = new ArrayList<>();
    Map<String, JsonNode> flat = FlatBody.flatten(body, errors);
    Optional<StoredOrder> changed =
        store.change(
            merchant.merchantId(),
            orderId,
            existing -> changed(existing, RequestFields.ofFlatBody(flat, errors)),
            clock.instant());
    if (changed.isEmpty()) {
      throw ApiException.orderNotFound(orderId);
    }
    return statuses.current(merchant.merchantId(), orderId);
  }

  private static StoredOrder changed(StoredOrder existing, RequestFields f) {
    if (existing.paymentStarted()) {
      throw ApiException.invalidAction(
          "Order "
              + existing.orderId()
              + " already has a payment attempt: its amount, udfs and addresses can no longer"
              + " change");
    }
    Optional<Amount> amount =
        f.optional("amount", v -> Amount.parseAtLeastOne(v, existing.currency()));
    amount
        .filter(a -> a.compareTo(existing.amount()) != 0)
        .ifPresent(a -> AmountChange.refusals(existing.details(), a).forEach(f.errors()::add));
    List<String> sentUdfs = SessionRules.udfs(f);
    List<String> udfs = new ArrayList<>(existing.details().udfs().values());
    for (int i = 1; i <= OrderDetails.Udfs.COUNT; i++) {
      if (f.has("udf" + i)) {
        udfs.set(i - 1, sentUdfs.get(i - 1));
      }
    }
    OrderDetails.Addresses addresses =
        existing.details().addresses().with(OrderAddresses.changes(f));
    f.throwIfAny();
    return existing.changed(
        amount.orElse(existing.amount()),
        existing.details().withUdfsAndAddresses(new OrderDetails.Udfs(udfs), addresses));
  }

  /** {@code options.get_client_auth_token}: the answer then carries the token, as Juspay's does. */
  private static boolean tokenWanted(ObjectNode body) {
    List<FieldError> errors = new ArrayList<>();
    RequestFields f = RequestFields.ofFlatBody(FlatBody.flatten(body, errors), errors);
    boolean wanted = f.bool(GET_CLIENT_AUTH_TOKEN).orElse(false);
    f.throwIfAny();
    return wanted;
  }

  private static void checkOrderId(String orderId) {
    try {
      OrderIds.check(orderId);
    } catch (InvalidValue e) {
      throw ApiException.invalidOrderId(List.of(FieldError.invalid("order_id", e.getMessage())));
    }
  }

  /** A bad {@code order_id} gets Juspay's own error for it; every field stays listed. */
  private static ApiException withJuspayOrderIdError(ApiException e) {
    boolean badOrderId =
        e.fields().stream()
            .anyMatch(
                field ->
                    field.field().equals("order_id") && field.kind() == FieldError.Kind.INVALID);
    return badOrderId ? ApiException.invalidOrderId(e.fields()) : e;
  }
}
