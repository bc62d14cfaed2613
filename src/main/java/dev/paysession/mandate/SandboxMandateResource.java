package dev.paysession.mandate;

import static dev.paysession.api.Committed.committed;

import dev.paysession.api.ApiException;
import dev.paysession.api.ErrorEnvelope;
import dev.paysession.api.OpenApiDocument;
import dev.paysession.merchant.Merchant;
import dev.paysession.merchant.ServerCalls;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.sql.SQLException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * What a customer does to a mandate outside the merchant's reach, simulated for a sandbox
 * merchant's tests: revoking it from their bank or UPI app. Honoured only when the mandate was
 * registered {@code revokable_by_customer}; it then sends MANDATE_REVOKED as a merchant's revoke
 * does.
 */
@Tag(name = "Sandbox", description = "Customer actions simulated for sandbox merchants' tests")
@APIResponse(responseCode = "400", ref = OpenApiDocument.BAD_REQUEST)
@APIResponse(responseCode = "401", ref = OpenApiDocument.UNAUTHORIZED)
@APIResponse(
    responseCode = "403",
    description = "The merchant is not a sandbox merchant",
    content =
        @Content(
            mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ErrorEnvelope.class)))
@APIResponse(responseCode = "404", ref = OpenApiDocument.NOT_FOUND)
@APIResponse(responseCode = "500", ref = OpenApiDocument.SERVER_ERROR)
@APIResponse(responseCode = "503", ref = OpenApiDocument.UNAVAILABLE)
@SecurityRequirement(name = OpenApiDocument.MERCHANT_AUTH)
@Path("/sandbox/mandates/{mandate_id}/customer-revoke")
public class SandboxMandateResource {

  private final ServerCalls calls;
  private final MandateCommands commands;

  SandboxMandateResource(ServerCalls calls, MandateCommands commands) {
    this.calls = calls;
    this.commands = commands;
  }

  @Operation(
      operationId = "customerRevokesMandate",
      summary = "The customer revokes the mandate in their bank or UPI app (sandbox only)")
  @APIResponse(
      responseCode = "200",
      description = "The mandate, REVOKED",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = MandateView.class)))
  @POST
  @Produces(MediaType.APPLICATION_JSON)
  public MandateView customerRevoke(
      @PathParam("mandate_id") String mandateId,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @HeaderParam("x-merchantid") String merchantIdHeader,
      @HeaderParam("x-merchant-id") String merchantIdAlternative)
      throws SQLException {
    Merchant merchant = calls.merchant(authorization, merchantIdHeader, merchantIdAlternative);
    if (!merchant.isSandbox()) {
      throw sandboxOnly("Customer actions are simulated for sandbox merchants only");
    }
    return MandateView.of(
        committed(() -> commands.revokeByCustomer(merchant.merchantId(), mandateId)));
  }

  /** 403: a test-only action asked for a production merchant. */
  static ApiException sandboxOnly(String message) {
    return ApiException.http(403, "FORBIDDEN", message);
  }
}
