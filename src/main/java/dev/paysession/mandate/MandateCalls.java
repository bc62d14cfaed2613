package dev.paysession.mandate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.paysession.api.HttpConfig;
import dev.paysession.api.JsonBodies;
import dev.paysession.merchant.Merchant;
import dev.paysession.merchant.MerchantAuthenticator;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.InputStream;
import java.sql.SQLException;

/**
 * What every mandate endpoint does first: authenticate the merchant's server, read form or JSON.
 */
@ApplicationScoped
class MandateCalls {

  private final MerchantAuthenticator authenticator;
  private final int maxBodyBytes;

  MandateCalls(MerchantAuthenticator authenticator, HttpConfig http) {
    this.authenticator = authenticator;
    this.maxBodyBytes = http.maxBodyBytes();
  }

  Merchant merchant(String authorization, String header, String alternative) throws SQLException {
    return authenticator.authenticate(
        authorization, MerchantAuthenticator.merchantIdSent(header, alternative));
  }

  ObjectNode read(InputStream body, String contentType) {
    return JsonBodies.readJsonOrForm(body, contentType, maxBodyBytes);
  }
}
