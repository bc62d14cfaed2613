package dev.paysession.merchant;

import dev.paysession.api.ApiException;
import dev.paysession.api.PaysessionConfig;
import dev.paysession.api.Secret;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** The admin API's bearer token, from PAYSESSION_ADMIN_TOKEN; without one the API is off. */
@ApplicationScoped
public class AdminAccess {

  private final Optional<Secret> token;

  AdminAccess(PaysessionConfig config) {
    this.token = config.adminToken().filter(t -> !t.reveal().isBlank());
  }

  /**
   * A merchant, key, order or event id in an admin path: a plain token, or a 404. Anything else
   * cannot exist, and must not reach SQL as text with NULs.
   */
  public static void requireIdentifier(String id, String what) {
    AdminResource.requireIdentifier(id, what);
  }

  public void require(String authorization) {
    if (token.isEmpty()) {
      throw ApiException.notFound(
          "The admin API is disabled; set PAYSESSION_ADMIN_TOKEN to enable it.");
    }
    String prefix = "Bearer ";
    if (authorization == null
        || !authorization.regionMatches(true, 0, prefix, 0, prefix.length())
        || !token.get().matches(authorization.substring(prefix.length()).trim())) {
      throw ApiException.unauthorized("Invalid admin token. Send Authorization: Bearer <token>.");
    }
  }
}
