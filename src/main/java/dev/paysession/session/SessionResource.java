package dev.paysession.session;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.paysession.api.HttpConfig;
import dev.paysession.api.JsonBodies;
import dev.paysession.api.OpenApiDocument;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code POST /session}: Juspay's Session API. */
@Tag(name = "Session", description = "Juspay's Session API")
@APIResponse(responseCode = "400", ref = OpenApiDocument.BAD_REQUEST)
@APIResponse(responseCode = "401", ref = OpenApiDocument.UNAUTHORIZED)
@APIResponse(responseCode = "404", ref = OpenApiDocument.NOT_FOUND)
@APIResponse(responseCode = "500", ref = OpenApiDocument.SERVER_ERROR)
@APIResponse(responseCode = "503", ref = OpenApiDocument.UNAVAILABLE)
@SecurityRequirement(name = OpenApiDocument.MERCHANT_AUTH)
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
  @Operation(
      operationId = "createSession",
      summary = "Create (or re-open) an order and its payment session")
  @RequestBody(
      required = true,
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = SessionRequestBody.class)))
  @APIResponse(
      responseCode = "200",
      description = "The session",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = SessionResponse.class)))
  @POST
  @Produces(MediaType.APPLICATION_JSON)
  public SessionResponse create(
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
    return handle(merchant, json, routingId, legacyCustomerId);
  }

  /**
   * A {@code /session} call already authenticated and read: what {@link #create} runs after that,
   * and what the JWE-encrypted {@code /v4/session} runs.
   */
  public SessionResponse handle(
      Merchant merchant, ObjectNode json, String routingId, String legacyCustomerId)
      throws SQLException {
    return sessions.create(merchant, json, new OrderOpening.Headers(routingId, legacyCustomerId));
  }
}
