package dev.paysession.merchant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.paysession.api.ApiException;
import dev.paysession.api.FieldError;
import dev.paysession.api.HttpConfig;
import dev.paysession.api.JsonBodies;
import dev.paysession.api.OpenApiDocument;
import dev.paysession.api.Secret;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Operator API for a merchant's webhooks: where they go ({@code PUT/GET .../webhook}) and the
 * secret they are signed with ({@code POST .../webhook-secret} rotates it).
 */
@Tag(name = "Admin")
@APIResponse(responseCode = "400", ref = OpenApiDocument.BAD_REQUEST)
@APIResponse(responseCode = "401", ref = OpenApiDocument.UNAUTHORIZED)
@APIResponse(responseCode = "404", ref = OpenApiDocument.NOT_FOUND)
@APIResponse(responseCode = "500", ref = OpenApiDocument.SERVER_ERROR)
@APIResponse(responseCode = "503", ref = OpenApiDocument.UNAVAILABLE)
@SecurityRequirement(name = OpenApiDocument.ADMIN_AUTH)
@Path("/admin/merchants/{merchantId}")
@Produces(MediaType.APPLICATION_JSON)
public class WebhookSettingsResource {

  static final Duration DEFAULT_OVERLAP = Duration.ofHours(24);
  static final Duration MAX_OVERLAP = Duration.ofDays(7);

  private final AdminAccess access;
  private final MerchantStore store;
  private final Clock clock;
  private final int maxBodyBytes;

  WebhookSettingsResource(AdminAccess access, MerchantStore store, Clock clock, HttpConfig http) {
    this.access = access;
    this.store = store;
    this.clock = clock;
    // A quarter of the server's limit (16 KiB by default): the largest valid settings, ten
    // headers of 1 KiB, fit with room to spare.
    this.maxBodyBytes = http.maxBodyBytes() / 4;
  }

  @Operation(
      operationId = "replaceWebhookSettings",
      summary = "Set where and how the merchant's webhooks go")
  @RequestBody(
      required = true,
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = AdminBodies.WebhookSettingsBody.class)))
  @APIResponse(
      responseCode = "200",
      description = "The settings, without secrets",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = AdminViews.WebhookSettingsView.class)))
  @PUT
  @Path("/webhook")
  public AdminViews.WebhookSettingsView replace(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
      @PathParam("merchantId") String merchantId,
      InputStream body)
      throws SQLException {
    access.require(authorization);
    Merchant merchant = existing(merchantId);
    ObjectNode json = JsonBodies.readObject(body, contentType, maxBodyBytes);
    WebhookSettings settings = WebhookSettingsRules.parse(json, merchant.isSandbox());
    if (!store.replaceWebhookSettings(merchantId, settings)) {
      throw ApiException.notFound("No merchant " + merchantId);
    }
    return AdminViews.WebhookSettingsView.of(merchantId, settings);
  }

  @Operation(
      operationId = "getWebhookSettings",
      summary = "Where and how the merchant's webhooks go")
  @APIResponse(
      responseCode = "200",
      description = "The settings, without secrets",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = AdminViews.WebhookSettingsView.class)))
  @GET
  @Path("/webhook")
  public AdminViews.WebhookSettingsView read(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @PathParam("merchantId") String merchantId)
      throws SQLException {
    access.require(authorization);
    existing(merchantId);
    return AdminViews.WebhookSettingsView.of(
        merchantId,
        store
            .webhookSettings(merchantId)
            .orElseThrow(() -> ApiException.notFound("No merchant " + merchantId)));
  }

  /**
   * Issues a new signing secret and shows it, once. The old one keeps signing beside it for {@code
   * overlap_seconds} (default a day), so receivers can switch without rejecting any webhook.
   */
  @Operation(
      operationId = "rotateWebhookSecret",
      summary = "Issue a new webhook signing secret, shown once")
  @RequestBody(
      required = false,
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = AdminBodies.WebhookSecretRotate.class)))
  @APIResponse(
      responseCode = "200",
      description = "The new secret",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = AdminViews.WebhookSecretView.class)))
  @POST
  @Path("/webhook-secret")
  public Response rotateSecret(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
      @PathParam("merchantId") String merchantId,
      InputStream body)
      throws SQLException {
    access.require(authorization);
    existing(merchantId);
    Duration overlap = overlap(JsonBodies.readOptionalObject(body, contentType, maxBodyBytes));
    String secret = WebhookSecrets.generate();
    Instant previousExpires = clock.instant().plus(overlap);
    if (!store.rotateWebhookSecret(merchantId, Secret.of(secret), previousExpires)) {
      throw ApiException.notFound("No merchant " + merchantId);
    }
    return Response.ok(
            new AdminViews.WebhookSecretView(merchantId, secret, previousExpires.toString()))
        .header(HttpHeaders.CACHE_CONTROL, "no-store")
        .build();
  }

  private static Duration overlap(ObjectNode body) {
    JsonNode node = body.get("overlap_seconds");
    if (node == null || node.isNull()) {
      return DEFAULT_OVERLAP;
    }
    if (!node.canConvertToLong()
        || !node.isIntegralNumber()
        || node.asLong() < 0
        || node.asLong() > MAX_OVERLAP.toSeconds()) {
      throw ApiException.badFields(
          List.of(
              FieldError.invalid(
                  "overlap_seconds",
                  "must be a whole number of seconds from 0 to " + MAX_OVERLAP.toSeconds())));
    }
    return Duration.ofSeconds(node.asLong());
  }

  private Merchant existing(String merchantId) throws SQLException {
    return AdminResource.existing(store, merchantId);
  }
}
