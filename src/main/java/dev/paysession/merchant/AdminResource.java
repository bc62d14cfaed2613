package dev.paysession.merchant;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.paysession.api.ApiException;
import dev.paysession.api.HttpConfig;
import dev.paysession.api.JsonBodies;
import dev.paysession.api.OpenApiDocument;
import dev.paysession.api.PaysessionConfig;
import dev.paysession.api.RandomTokens;
import dev.paysession.api.Secret;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.sql.SQLException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Operator API: create, read and update merchants; issue and revoke API keys; rotate the response
 * key.
 */
@Tag(name = "Admin", description = "Operator API: merchants, keys, webhooks")
@APIResponse(responseCode = "400", ref = OpenApiDocument.BAD_REQUEST)
@APIResponse(responseCode = "401", ref = OpenApiDocument.UNAUTHORIZED)
@APIResponse(responseCode = "404", ref = OpenApiDocument.NOT_FOUND)
@APIResponse(responseCode = "500", ref = OpenApiDocument.SERVER_ERROR)
@APIResponse(responseCode = "503", ref = OpenApiDocument.UNAVAILABLE)
@SecurityRequirement(name = OpenApiDocument.ADMIN_AUTH)
@Path("/admin/merchants")
@Produces(MediaType.APPLICATION_JSON)
public class AdminResource {

  private final AdminAccess access;
  private final MerchantStore store;
  private final int maxBodyBytes;
  private final boolean sandboxAllowed;

  AdminResource(
      AdminAccess access, MerchantStore store, HttpConfig http, PaysessionConfig installation) {
    this.access = access;
    this.store = store;
    this.maxBodyBytes = http.maxBodyBytes();
    this.sandboxAllowed = installation.mode().allowsSandbox();
  }

  @Operation(
      operationId = "createMerchant",
      summary =
          "Create a merchant; its first API key, response key and webhook secret are shown once")
  @RequestBody(
      required = true,
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = AdminBodies.MerchantCreate.class)))
  @APIResponse(
      responseCode = "201",
      description = "The merchant and its secrets",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = AdminViews.CreatedMerchantView.class)))
  @APIResponse(responseCode = "409", ref = OpenApiDocument.CONFLICT)
  @POST
  public Response create(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
      InputStream body)
      throws SQLException {
    access.require(authorization);
    ObjectNode json = JsonBodies.readObject(body, contentType, maxBodyBytes);
    Merchant merchant = MerchantSettingsRules.forCreate(json, sandboxAllowed);
    String responseKey = RandomTokens.upperHex(16);
    String webhookSecret = WebhookSecrets.generate();
    MerchantStore.IssuedKey key =
        store
            .create(merchant, Secret.of(responseKey), Secret.of(webhookSecret))
            .orElseThrow(
                () ->
                    ApiException.conflict("Merchant " + merchant.merchantId() + " already exists"));
    AdminViews.CreatedMerchantView view =
        new AdminViews.CreatedMerchantView(
            AdminViews.Settings.of(merchant),
            key.apiKey().reveal(),
            key.keyId(),
            responseKey,
            webhookSecret,
            AdminViews.ApiKeyView.of(store.keys(merchant.merchantId())));
    // Secrets shown once: no cache along the way may keep them.
    return Response.status(201).entity(view).header(HttpHeaders.CACHE_CONTROL, "no-store").build();
  }

  @Operation(operationId = "getMerchant", summary = "A merchant's settings and keys")
  @APIResponse(
      responseCode = "200",
      description = "The merchant",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = AdminViews.MerchantView.class)))
  @GET
  @Path("/{merchantId}")
  public AdminViews.MerchantView read(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @PathParam("merchantId") String merchantId)
      throws SQLException {
    access.require(authorization);
    return view(existing(merchantId));
  }

  @Operation(operationId = "updateMerchant", summary = "Change some of a merchant's settings")
  @RequestBody(
      required = true,
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = AdminBodies.MerchantUpdate.class)))
  @APIResponse(
      responseCode = "200",
      description = "The merchant as updated",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = AdminViews.MerchantView.class)))
  @PATCH
  @Path("/{merchantId}")
  public AdminViews.MerchantView update(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
      @PathParam("merchantId") String merchantId,
      InputStream body)
      throws SQLException {
    access.require(authorization);
    ObjectNode json = JsonBodies.readObject(body, contentType, maxBodyBytes);
    Merchant updated = MerchantSettingsRules.forUpdate(json, existing(merchantId), sandboxAllowed);
    if (!store.update(updated)) {
      throw ApiException.notFound("No merchant " + merchantId);
    }
    return view(updated);
  }

  @Operation(operationId = "issueApiKey", summary = "Issue another API key, shown once")
  @APIResponse(
      responseCode = "201",
      description = "The new key",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = AdminViews.IssuedKeyView.class)))
  @POST
  @Path("/{merchantId}/api-keys")
  public Response issueKey(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @PathParam("merchantId") String merchantId)
      throws SQLException {
    access.require(authorization);
    requireIdentifier(merchantId, "merchant");
    MerchantStore.IssuedKey key =
        store
            .issueKey(merchantId)
            .orElseThrow(() -> ApiException.notFound("No merchant " + merchantId));
    return Response.status(201)
        .entity(
            new AdminViews.IssuedKeyView(key.keyId(), key.apiKey().reveal(), key.displayPrefix()))
        .build();
  }

  /**
   * Replaces the merchant's response key and shows the new one, once. Redirects built after this
   * are signed with the new key only; the old key is not kept.
   */
  @Operation(operationId = "rotateResponseKey", summary = "Replace the response key, shown once")
  @APIResponse(
      responseCode = "200",
      description = "The new response key",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = AdminViews.ResponseKeyView.class)))
  @POST
  @Path("/{merchantId}/response-key")
  public Response rotateResponseKey(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @PathParam("merchantId") String merchantId)
      throws SQLException {
    access.require(authorization);
    requireIdentifier(merchantId, "merchant");
    String responseKey = RandomTokens.upperHex(16);
    if (!store.replaceResponseKey(merchantId, Secret.of(responseKey))) {
      throw ApiException.notFound("No merchant " + merchantId);
    }
    // A secret shown once: no cache along the way may keep it.
    return Response.ok(new AdminViews.ResponseKeyView(merchantId, responseKey))
        .header(HttpHeaders.CACHE_CONTROL, "no-store")
        .build();
  }

  @Operation(operationId = "revokeApiKey", summary = "Revoke an API key")
  @APIResponse(
      responseCode = "200",
      description = "The key is revoked",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = AdminViews.RevokedKeyView.class)))
  @DELETE
  @Path("/{merchantId}/api-keys/{keyId}")
  public AdminViews.RevokedKeyView revokeKey(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @PathParam("merchantId") String merchantId,
      @PathParam("keyId") String keyId)
      throws SQLException {
    access.require(authorization);
    requireIdentifier(merchantId, "merchant");
    requireIdentifier(keyId, "key");
    if (!store.revokeKey(merchantId, keyId)) {
      throw ApiException.notFound("No active key " + keyId + " for merchant " + merchantId);
    }
    return new AdminViews.RevokedKeyView(keyId, true);
  }

  private Merchant existing(String merchantId) throws SQLException {
    return existing(store, merchantId);
  }

  /** The merchant an admin path names, or the admin API's 404. */
  static Merchant existing(MerchantStore store, String merchantId) throws SQLException {
    requireIdentifier(merchantId, "merchant");
    return store
        .find(merchantId)
        .orElseThrow(() -> ApiException.notFound("No merchant " + merchantId));
  }

  /** Ids are plain tokens; anything else cannot exist, and must not reach SQL as text with NULs. */
  static void requireIdentifier(String id, String what) {
    if (!MerchantSettingsRules.IDENTIFIER.matcher(id).matches()) {
      throw ApiException.notFound("No " + what + " " + id.replaceAll("[^A-Za-z0-9_-]", "?"));
    }
  }

  private AdminViews.MerchantView view(Merchant merchant) throws SQLException {
    return new AdminViews.MerchantView(
        AdminViews.Settings.of(merchant),
        AdminViews.ApiKeyView.of(store.keys(merchant.merchantId())));
  }
}
