package dev.paysession.order;

import dev.paysession.api.ApiException;
import dev.paysession.merchant.MerchantAuthenticator;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.Clock;

/**
 * Who may act on one order: the merchant's server (Basic auth with its API key and {@code
 * x-merchantid}), or the customer's side holding the order's client auth token until it expires.
 */
@ApplicationScoped
public class OrderAccess {

  private final MerchantAuthenticator authenticator;
  private final OrderReader orders;
  private final Clock clock;

  OrderAccess(MerchantAuthenticator authenticator, OrderReader orders, Clock clock) {
    this.authenticator = authenticator;
    this.orders = orders;
    this.clock = clock;
  }

  /** The credentials a call on an order carried; any of them may be null. */
  public record Credentials(String authorization, String merchantIdHeader, String clientAuthToken) {

    /**
     * The credentials as a request sends them: the merchant id in {@code x-merchantid} or {@code
     * x-merchant-id}, the token in {@code x-client-auth-token} or {@code ?client_auth_token=}.
     */
    public static Credentials of(
        String authorization,
        String merchantIdHeader,
        String merchantIdAlternative,
        String tokenHeader,
        String tokenParameter) {
      return new Credentials(
          authorization,
          MerchantAuthenticator.merchantIdSent(merchantIdHeader, merchantIdAlternative),
          tokenHeader != null ? tokenHeader : tokenParameter);
    }
  }

  /**
   * The merchant whose order {@code orderId} the caller may act on. A client auth token, when sent,
   * is the credential; otherwise the merchant's API key is.
   */
  public String merchantFor(String orderId, Credentials credentials) throws SQLException {
    if (credentials.clientAuthToken() == null) {
      return authenticator
          .authenticate(credentials.authorization(), credentials.merchantIdHeader())
          .merchantId();
    }
    // Read as the API-key path reads it: trimmed, blank as absent.
    String merchantIdSent = MerchantAuthenticator.normalised(credentials.merchantIdHeader());
    OrderReader.TokenGrant grant =
        orders
            .tokenGrant(credentials.clientAuthToken().trim())
            .filter(found -> found.orderId().equals(orderId))
            .filter(found -> merchantIdSent == null || found.merchantId().equals(merchantIdSent))
            .orElseThrow(
                () -> ApiException.unauthorized("Invalid client auth token for this order."));
    if (!grant.expiresAt().isAfter(clock.instant())) {
      throw ApiException.expired(
          "Client auth token expired at "
              + grant.expiresAt()
              + "; create a new session for a new token.");
    }
    return grant.merchantId();
  }
}
