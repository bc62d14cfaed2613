package dev.paysession.session;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paysession.order.OrderDetails;
import dev.paysession.order.OrderDetails.BankAccount;
import dev.paysession.order.OrderDetails.Mandate;
import dev.paysession.order.OrderDetails.MutualFund;
import dev.paysession.rules.Amount;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@code POST /session} body that passed every rule. Optional fields are empty when not sent;
 * defaults the seed documents (currency INR, return URL from the merchant, mandate frequency
 * ASPRESENTED, …) are already applied.
 *
 * <p>What the order keeps beyond its columns is {@link #details()}; the nested types are the
 * order's own.
 *
 * @param orderId the merchant's order id; null for a {@code paymentManagement} session that names
 *     none (the service then uses the session's own id)
 * @param amount zero for a {@code paymentManagement} session that names no order (and no amount)
 * @param returnUrl null when neither the session nor the merchant gives one (paymentManagement)
 * @param paymentPageClientId null when {@code POST /orders} was not sent one
 * @param productId {@code product_id}: free text no rule checks, kept as sent
 * @param theme {@code theme}: free text no rule checks, kept as sent
 * @param flat every key the merchant sent, flattened to dotted form, unknown keys included
 * @param gatewayMetadata {@code metadata.<GATEWAY>:<field>} values grouped by upper-case gateway
 */
public record SessionRequest(
    String orderId,
    Amount amount,
    String customerId,
    Optional<String> customerEmail,
    Optional<String> customerPhone,
    Optional<String> mobileCountryCode,
    String paymentPageClientId,
    Action action,
    String returnUrl,
    Optional<String> firstName,
    Optional<String> lastName,
    Optional<String> description,
    Optional<String> productId,
    String currency,
    Optional<String> orderType,
    Optional<String> language,
    Optional<String> theme,
    Optional<Integer> fulfillmentThresholdMins,
    Optional<String> webhookUrl,
    Optional<Integer> expiryInMins,
    Optional<Boolean> allowCardNo3ds,
    Optional<Amount> subventionAmount,
    Map<String, Map<String, JsonNode>> gatewayMetadata,
    List<BankAccount> bankAccounts,
    boolean upiDeepLinkRequested,
    Optional<Mandate> mandate,
    List<String> udfs,
    List<MutualFund> mutualFunds,
    OrderDetails.Addresses addresses,
    Map<String, JsonNode> flat) {

  /** What the customer is sent to do. */
  public enum Action {
    paymentPage,
    paymentManagement,
    enach
  }

  public boolean isGuest() {
    return customerId.isEmpty();
  }

  public boolean isPaymentManagement() {
    return action == Action.paymentManagement;
  }

  public boolean isEnach() {
    return action == Action.enach;
  }

  /** What the order keeps of this request beyond its columns. */
  public OrderDetails details() {
    return new OrderDetails(
        new OrderDetails.Customer(
            customerEmail, customerPhone, mobileCountryCode, firstName, lastName),
        description,
        productId,
        orderType,
        language,
        theme,
        fulfillmentThresholdMins,
        new OrderDetails.Udfs(udfs),
        new OrderDetails.Metadata(
            webhookUrl,
            expiryInMins,
            allowCardNo3ds,
            subventionAmount,
            bankAccounts,
            new OrderDetails.GatewayMetadata(gatewayMetadata)),
        new OrderDetails.Options(upiDeepLinkRequested),
        mandate,
        mutualFunds,
        addresses);
  }

  /** The SDK service that opens the right screen for this session. */
  public String sdkService() {
    return isEnach() ? "in.juspay.ec" : "in.juspay.hyperpay";
  }
}
