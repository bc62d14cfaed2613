package dev.paysession.order;

import dev.paysession.api.FieldError;
import dev.paysession.rules.Amount;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * What a new amount must still agree with in an order's details: its mandate's maximum, its mutual
 * funds' total and its subvention, each checked when the order was created. A repeated session or
 * an order update that changes the amount is refused when it would break one of them.
 */
public final class AmountChange {

  private AmountChange() {}

  /** The reasons {@code amount} cannot replace the amount these details were validated with. */
  public static List<FieldError> refusals(OrderDetails details, Amount amount) {
    List<FieldError> refusals = new ArrayList<>();
    details
        .mandate()
        .ifPresent(
            mandate -> {
              int versusMax = amount.compareTo(mandate.maxAmount());
              if (mandate.amountRule() == OrderDetails.AmountRule.FIXED && versusMax != 0) {
                refusals.add(
                    FieldError.invalid(
                        "amount",
                        "must stay "
                            + mandate.maxAmount().text()
                            + ": the order's FIXED mandate debits exactly that amount"));
              } else if (versusMax > 0) {
                refusals.add(
                    FieldError.invalid(
                        "amount",
                        "must not exceed the order's mandate.max_amount "
                            + mandate.maxAmount().text()));
              }
            });
    if (!details.mutualFunds().isEmpty()) {
      BigDecimal total =
          details.mutualFunds().stream()
              .map(fund -> fund.amount().value())
              .reduce(BigDecimal.ZERO, BigDecimal::add);
      if (total.compareTo(amount.value()) != 0) {
        refusals.add(
            FieldError.invalid(
                "amount",
                "must stay "
                    + total.toPlainString()
                    + ": the order's mutual_fund_details amounts add up to it"));
      }
    }
    details
        .metadata()
        .subventionAmount()
        .filter(subvention -> subvention.compareTo(amount) > 0)
        .ifPresent(
            subvention ->
                refusals.add(
                    FieldError.invalid(
                        "amount",
                        "must not be less than the order's metadata.subvention_amount "
                            + subvention.text())));
    return refusals;
  }
}
