package dev.paysession.merchant;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.paysession.api.HttpConfig;
import dev.paysession.api.JsonBodies;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.InputStream;
import java.sql.SQLException;

/**
 * What every server-to-server endpoint past {@code /session} does first (refunds, mandates, {@code
 * /txns}): authenticate the merchant's server, and read its body, form or JSON, as Juspay's SDKs
 * send either.
 */
@ApplicationScoped
public class ServerCalls {

  private final MerchantAuthenticator authenticator;
  private final int maxBodyBytes;

  ServerCalls(MerchantAuthenticator authenticator, HttpConfig http) {
    this.authenticator = authenticator;
    this.maxBodyBytes = http.maxBodyBytes();
  }

  /** The merchant whose key this is, named by {@code x-merchantid} (or {@code x-merchant-id}). */
  public Merchant merchant(String authorization, String header, String alternative)
      throws SQLException {
    return authenticator.authenticate(
        authorization, MerchantAuthenticator.merchantIdSent(header, alternative));
  }

  /** The body as flat string fields, form or JSON, within the one body limit. */
  public ObjectNode read(InputStream body, String contentType) {
    return JsonBodies.readJsonOrForm(body, contentType, maxBodyBytes);
  }
}
