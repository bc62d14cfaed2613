package dev.paysession.customer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.paysession.api.ApiException;
import dev.paysession.api.PaysessionConfig;
import dev.paysession.api.RandomTokens;
import dev.paysession.order.ClientAuthTokens;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Juspay's customer API: create, read and update a merchant's customers, named by our id or the
 * merchant's object reference, and client auth tokens for the customer's side.
 */
@ApplicationScoped
class Customers {

  private static final String ID_PREFIX = "cst_";
  private static final int ID_LENGTH = 16;
  private static final String ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

  private final CustomerStore store;
  private final Clock clock;
  private final Duration tokenTtl;

  Customers(CustomerStore store, Clock clock, PaysessionConfig config) {
    this.store = store;
    this.clock = clock;
    this.tokenTtl = config.clientAuthTokenTtl();
  }

  CustomerView create(String merchantId, ObjectNode body) throws SQLException {
    CustomerRules.NewCustomer request = CustomerRules.create(body);
    Instant now = now();
    Customer customer =
        store
            .insert(
                new Customer(
                    merchantId,
                    newId(),
                    request.objectReferenceId(),
                    request.mobileCountryCode(),
                    request.mobileNumber(),
                    request.emailAddress(),
                    request.firstName(),
                    request.lastName(),
                    now,
                    now))
            .orElseThrow(CustomerErrors::referenceTaken);
    return answer(customer, request.tokenWanted());
  }

  CustomerView get(String merchantId, String name, boolean tokenWanted) throws SQLException {
    return answer(existing(merchantId, name), tokenWanted);
  }

  CustomerView update(String merchantId, String name, ObjectNode body) throws SQLException {
    boolean[] tokenWanted = new boolean[1];
    Customer changed =
        store
            .change(
                merchantId,
                name,
                existing -> {
                  CustomerRules.Changes changes = CustomerRules.update(body, existing);
                  tokenWanted[0] = changes.tokenWanted();
                  return changes.applyTo(existing);
                },
                now())
            .orElseThrow(() -> CustomerErrors.notFound(name));
    return answer(changed, tokenWanted[0]);
  }

  /**
   * The customer read with one of its client auth tokens: only its own customer, only until the
   * token expires, and never a new token (only the merchant's key asks for those).
   */
  CustomerView getWithToken(String merchantId, String name, String token) throws SQLException {
    CustomerStore.TokenGrant grant =
        store
            .token(merchantId, ClientAuthTokens.hash(token.trim()))
            .orElseThrow(CustomerErrors::invalidToken);
    Customer customer =
        store
            .find(merchantId, name)
            .filter(found -> found.id().equals(grant.customerId()))
            .orElseThrow(CustomerErrors::invalidToken);
    if (!grant.expiresAt().isAfter(clock.instant())) {
      throw ApiException.expired(
          "Client auth token expired at "
              + grant.expiresAt()
              + "; the merchant's server asks for a new one (options.get_client_auth_token).");
    }
    return answer(customer, false);
  }

  private Customer existing(String merchantId, String name) throws SQLException {
    return store.find(merchantId, name).orElseThrow(() -> CustomerErrors.notFound(name));
  }

  private CustomerView answer(Customer customer, boolean tokenWanted) throws SQLException {
    return CustomerView.of(customer, tokenWanted ? issueToken(customer) : null);
  }

  private CustomerView.Token issueToken(Customer customer) throws SQLException {
    Instant now = now();
    String token = ClientAuthTokens.generate();
    Instant expiresAt = now.plus(tokenTtl);
    store.issueToken(
        customer.merchantId(), customer.id(), ClientAuthTokens.hash(token), expiresAt, now);
    return new CustomerView.Token(token, expiresAt.toString());
  }

  /** Juspay's timestamps have whole seconds. */
  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.SECONDS);
  }

  /** {@code cst_} and 16 random lower-case letters or digits (about 82 bits), as Juspay's ids. */
  static String newId() {
    StringBuilder id = new StringBuilder(ID_PREFIX);
    while (id.length() < ID_PREFIX.length() + ID_LENGTH) {
      for (byte b : RandomTokens.bytes(ID_LENGTH)) {
        int value = b & 0xff;
        // 252 = 7 × 36: dropping 252-255 keeps every character equally likely.
        if (value < 252 && id.length() < ID_PREFIX.length() + ID_LENGTH) {
          id.append(ID_ALPHABET.charAt(value % ID_ALPHABET.length()));
        }
      }
    }
    return id.toString();
  }
}
