package dev.paysession.session;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paysession.rules.Amount;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@code POST /session} body that passed every rule. Optional fields are empty when not sent;
 * defaults the seed documents (currency INR, return URL from the merchant, mandate frequency
 * ASPRESENTED, …) are already applied.
 *
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
    String currency,
    Optional<String> orderType,
    Optional<String> language,
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

  public boolean isEnach() {
    return action == Action.enach;
  }

  /** The SDK service that opens the right screen for this session. */
  public String sdkService() {
    return isEnach() ? "in.juspay.ec" : "in.juspay.hyperpay";
  }

  /** TPV: a payment that must come from one of the listed bank accounts. */
  public record BankAccount(
      Optional<String> accountNumber,
      Optional<String> ifsc,
      Optional<String> accountId,
      Optional<String> accountType,
      Optional<String> beneficiaryName,
      Optional<String> juspayBankCode) {}

  public record Mandate(
      CreateMandate createMandate,
      Amount maxAmount,
      Instant startDate,
      Instant endDate,
      Frequency frequency,
      Optional<Integer> ruleValue,
      AmountRule amountRule,
      boolean revokableByCustomer,
      boolean blockFunds) {}

  public enum CreateMandate {
    REQUIRED,
    OPTIONAL
  }

  public enum AmountRule {
    FIXED,
    VARIABLE
  }

  /** The seed's frequencies, with the {@code rule_value} range each one takes (0 = none). */
  public enum Frequency {
    ONETIME(0),
    DAILY(0),
    WEEKLY(7),
    FORTNIGHTLY(16),
    MONTHLY(31),
    BIMONTHLY(31),
    QUARTERLY(31),
    HALFYEARLY(31),
    YEARLY(31),
    ASPRESENTED(0);

    final int maxRuleValue;

    Frequency(int maxRuleValue) {
      this.maxRuleValue = maxRuleValue;
    }

    boolean needsRuleValue() {
      return maxRuleValue > 0;
    }
  }

  public record MutualFund(
      String memberId,
      String userId,
      String mfPartner,
      String orderNumber,
      Amount amount,
      String investmentType,
      Optional<String> schemeCode,
      Optional<String> folioNumber,
      Optional<String> panNumber,
      Optional<String> amcCode,
      Optional<String> ihNumber) {}
}
