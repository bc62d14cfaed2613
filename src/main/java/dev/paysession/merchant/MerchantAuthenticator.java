package dev.paysession.merchant;

import dev.paysession.api.ApiException;
import dev.paysession.api.FieldError;
import dev.paysession.api.LogContext;
import dev.paysession.api.RateLimits;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Juspay's server-to-server authentication: HTTP Basic with the API key as user name and an empty
 * password, plus the merchant id in {@code x-merchantid}. The key must be active and belong to that
 * merchant.
 */
@ApplicationScoped
public class MerchantAuthenticator {

  static final String INVALID_KEY = "Invalid API Key. Please pass a valid and active api key.";

  private final MerchantStore store;
  private final RateLimits limits;

  MerchantAuthenticator(MerchantStore store, RateLimits limits) {
    this.store = store;
    this.limits = limits;
  }

  /**
   * @param merchantIdHeader the merchant id sent, as {@link #merchantIdSent} reads it
   */
  public Merchant authenticate(String authorization, String merchantIdHeader) throws SQLException {
    String merchantId = normalised(merchantIdHeader);
    if (merchantId == null) {
      throw ApiException.badFields(List.of(FieldError.missing("x-merchantid")));
    }
    String apiKey =
        apiKeyFromBasic(authorization).orElseThrow(() -> ApiException.unauthorized(INVALID_KEY));
    if (!MerchantSettingsRules.IDENTIFIER.matcher(merchantId).matches()) {
      throw ApiException.unauthorized(INVALID_KEY); // no such merchant can exist
    }
    Merchant merchant =
        store
            .findByActiveKey(merchantId, apiKey)
            .orElseThrow(() -> ApiException.unauthorized(INVALID_KEY));
    LogContext.merchant(merchant.merchantId());
    // Counted once authenticated, so nobody can spend another merchant's allowance.
    limits.merchantCall(merchant.merchantId());
    return merchant;
  }

  /**
   * The merchant id a request names: {@code x-merchantid}, else {@code x-merchant-id} (which some
   * Juspay clients send); each trimmed, a blank one counting as absent. Null when neither names
   * one. Every endpoint that takes a merchant id reads it through here.
   */
  public static String merchantIdSent(String merchantIdHeader, String merchantIdAlternative) {
    String sent = normalised(merchantIdHeader);
    return sent != null ? sent : normalised(merchantIdAlternative);
  }

  /** A sent merchant id, trimmed; null when absent or blank. */
  public static String normalised(String merchantId) {
    return merchantId == null || merchantId.isBlank() ? null : merchantId.trim();
  }

  /**
   * The user name of a Basic header. Juspay's docs send {@code base64(key + ":")}; its Node and
   * Java SDKs send {@code base64(key)} with no colon. Both are accepted; a password is not.
   */
  static Optional<String> apiKeyFromBasic(String authorization) {
    if (authorization == null) {
      return Optional.empty();
    }
    String value = authorization.trim();
    if (value.length() < 6 || !value.regionMatches(true, 0, "Basic ", 0, 6)) {
      return Optional.empty();
    }
    String decoded;
    try {
      decoded =
          new String(Base64.getDecoder().decode(value.substring(6).trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    int colon = decoded.indexOf(':');
    String user = colon < 0 ? decoded : decoded.substring(0, colon);
    String password = colon < 0 ? "" : decoded.substring(colon + 1);
    if (user.isEmpty() || !password.isEmpty() || user.length() > 256) {
      return Optional.empty();
    }
    return Optional.of(user);
  }
}
