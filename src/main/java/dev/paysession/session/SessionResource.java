package dev.paysession.session;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.paysession.api.HttpConfig;
import dev.paysession.api.JsonBodies;
import dev.paysession.merchant.Merchant;
import dev.paysession.merchant.MerchantAuthenticator;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;
import java.sql.SQLException;
import java.util.Map;

/** {@code POST /session}: Juspay's Session API. */
@Path("/session")
public class SessionResource {

  private final MerchantAuthenticator authenticator;
  private final SessionService sessions;
  private final int maxBodyBytes;

  SessionResource(MerchantAuthenticator authenticator, SessionService sessions, HttpConfig http) {
    this.authenticator = authenticator;
    this.sessions = sessions;
    this.maxBodyBytes = http.maxBodyBytes();
  }

  /**
   * The {@code version} header Juspay's clients send (e.g. 2023-06-30) is accepted and does not
   * change behaviour.
   */
  @POST
  @Produces(MediaType.APPLICATION_JSON)
  public Map<String, Object> create(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @HeaderParam("x-merchantid") String merchantId,
      @HeaderParam("x-merchant-id") String merchantIdAlternative,
      @HeaderParam("x-routing-id") String routingId,
      @HeaderParam("x-customerid") String legacyCustomerId,
      @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
      InputStream body)
      throws SQLException {
    Merchant merchant =
        authenticator.authenticate(
            authorization, MerchantAuthenticator.merchantIdSent(merchantId, merchantIdAlternative));
    ObjectNode json =
        JsonBodies.readObject(
            body == null ? null : new BodyStream(body), contentType, maxBodyBytes);
    return sessions.create(merchant, json, new SessionService.Headers(routingId, legacyCustomerId));
  }
}
