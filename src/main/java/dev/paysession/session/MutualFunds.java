package dev.paysession.session;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paysession.api.RequestFields;
import dev.paysession.order.OrderDetails;
import dev.paysession.rules.Amount;
import dev.paysession.rules.InvalidValue;
import dev.paysession.rules.Texts;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * {@code mutual_fund_details}: a basket of mutual-fund purchases paid by one order, sent as a
 * stringified JSON list. The amounts must add up to the order amount.
 *
 * <p>Keys come in two spellings: the Session API page's ({@code MemberId}) and the camelCase of
 * Juspay's own samples ({@code memberId}). Either is read; one fund sending both is refused, since
 * which one counts would be a guess.
 */
final class MutualFunds {

  static final String KEY = "mutual_fund_details";
  private static final int MAX_FUNDS = 50;
  private static final Set<String> PARTNERS = Set.of("NSE", "BSE", "KFIN", "CAMS");
  private static final Set<String> INVESTMENT_TYPES = Set.of("LUMPSUM", "SIP");

  /** Income-tax PAN: five letters, four digits, one letter; upper case only. */
  static final Pattern PAN = Pattern.compile("[A-Z]{5}[0-9]{4}[A-Z]");

  private MutualFunds() {}

  static List<OrderDetails.MutualFund> parse(RequestFields f, Amount orderAmount) {
    JsonNode node = f.raw(KEY);
    if (!RequestFields.sent(node)) {
      return List.of();
    }
    JsonNode list = JsonText.arrayOrText(node);
    if (list == null || list.isEmpty()) {
      f.invalid(KEY, "must be a non-empty JSON list (sent as a string) of mutual funds");
      return List.of();
    }
    if (list.size() > MAX_FUNDS) {
      f.invalid(KEY, "may list at most " + MAX_FUNDS + " funds");
      return List.of();
    }
    List<OrderDetails.MutualFund> funds = new ArrayList<>();
    int errorsBefore = f.errors().size();
    for (int i = 0; i < list.size(); i++) {
      JsonNode entry = list.get(i);
      if (!entry.isObject()) {
        f.invalid(KEY + "[" + i + "]", "must be an object");
        continue;
      }
      Entry e = Entry.of(f, entry, KEY + "[" + i + "].");
      String partner = e.required("MfPartner", v -> oneOf(v, PARTNERS));
      String investmentType = e.required("InvestmentType", v -> oneOf(v, INVESTMENT_TYPES));
      Optional<String> ihNumber = e.optional("IhNumber", Function.identity());
      if ("KFIN".equals(partner) && "SIP".equals(investmentType) && ihNumber.isEmpty()) {
        e.missing("IhNumber"); // "Mandatory for K-Fin RTA" for SIPs
      }
      funds.add(
          new OrderDetails.MutualFund(
              e.required("MemberId", Function.identity()),
              e.required("UserId", Function.identity()),
              partner,
              e.required("OrderNumber", Function.identity()),
              e.required("Amount", Amount::parseAtLeastOne),
              investmentType,
              e.optional("SchemeCode", Function.identity()),
              e.optional("FolioNumber", Function.identity()),
              e.optional("PanNumber", MutualFunds::pan),
              e.optional("AmcCode", Function.identity()),
              ihNumber));
    }
    if (f.errors().size() == errorsBefore && orderAmount != null) {
      Amount total =
          funds.stream().map(OrderDetails.MutualFund::amount).reduce(Amount::plus).orElseThrow();
      if (total.compareTo(orderAmount) != 0) {
        f.invalid(
            KEY, "fund amounts add up to " + total.text() + " but amount is " + orderAmount.text());
      }
    }
    return funds;
  }

  private static String oneOf(String value, Set<String> allowed) {
    if (!allowed.contains(value)) {
      throw new InvalidValue(
          "must be one of " + String.join(", ", allowed.stream().sorted().toList()));
    }
    return value;
  }

  private static String pan(String value) {
    if (!PAN.matcher(value).matches()) {
      throw new InvalidValue("must be a PAN in upper case, like ABCDE1234F");
    }
    return value;
  }

  /**
   * One fund's fields, reported as mutual_fund_details[i].Field in the spelling the fund uses.
   *
   * @param camelCase the fund spells its keys like Juspay's samples ({@code memberId})
   */
  private record Entry(RequestFields f, JsonNode entry, String prefix, boolean camelCase) {

    static Entry of(RequestFields f, JsonNode entry, String prefix) {
      boolean camelCase = false;
      for (var names = entry.fieldNames(); names.hasNext(); ) {
        String name = names.next();
        camelCase |= !name.isEmpty() && Character.isLowerCase(name.charAt(0));
      }
      return new Entry(f, entry, prefix, camelCase);
    }

    <T> T required(String key, Function<String, T> rule) {
      Optional<T> value = optional(key, rule);
      if (value.isEmpty() && !sent(key)) {
        missing(key);
      }
      return value.orElse(null);
    }

    <T> Optional<T> optional(String key, Function<String, T> rule) {
      boolean seedSpelling = RequestFields.sent(entry.get(key));
      if (seedSpelling && RequestFields.sent(entry.get(camel(key)))) {
        f.invalid(prefix + key, "is sent twice, as " + key + " and " + camel(key) + ": send one");
        return Optional.empty();
      }
      String sentKey = seedSpelling ? key : camel(key);
      JsonNode value = entry.get(sentKey);
      if (!RequestFields.sent(value)) {
        return Optional.empty();
      }
      if (!value.isTextual() && !value.isNumber()) {
        f.invalid(prefix + sentKey, "must be a string");
        return Optional.empty();
      }
      String text = value.isNumber() ? JsonText.numberText(value) : value.asText();
      try {
        return Optional.of(rule.apply(Texts.printable(text, 255)));
      } catch (InvalidValue e) {
        f.invalid(prefix + sentKey, e.getMessage());
        return Optional.empty();
      }
    }

    private boolean sent(String key) {
      return RequestFields.sent(entry.get(key)) || RequestFields.sent(entry.get(camel(key)));
    }

    void missing(String key) {
      f.missing(prefix + (camelCase ? camel(key) : key));
    }

    /** {@code MemberId} as Juspay's samples spell it: {@code memberId}. */
    private static String camel(String key) {
      return Character.toLowerCase(key.charAt(0)) + key.substring(1);
    }
  }
}
