package dev.paysession.customer;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.util.List;

/**
 * How other features find a customer's data whichever name the merchant uses. Orders, saved cards
 * and mandates keep the {@code customer_id} the order was sent with, which Juspay lets be our id
 * ({@code cst_…}) or the merchant's object reference; both name the same customer once it was
 * created here. A name that is no customer's (Juspay does not require one for an order) names only
 * itself.
 */
@ApplicationScoped
public class CustomerNames {

  private final CustomerStore store;

  CustomerNames(CustomerStore store) {
    this.store = store;
  }

  /**
   * Every {@code customer_id} the customer {@code name} may be stored under, {@code name} first.
   */
  public List<String> of(String merchantId, String name) throws SQLException {
    return store
        .find(merchantId, name)
        .map(
            customer ->
                customer.id().equals(name)
                    ? List.of(name, customer.objectReferenceId())
                    : List.of(name, customer.id()))
        .orElse(List.of(name));
  }
}
