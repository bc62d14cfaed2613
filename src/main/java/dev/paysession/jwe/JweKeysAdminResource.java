package dev.paysession.jwe;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.paysession.api.ApiException;
import dev.paysession.api.FieldError;
import dev.paysession.api.HttpConfig;
import dev.paysession.api.JsonBodies;
import dev.paysession.api.OpenApiDocument;
import dev.paysession.merchant.AdminAccess;
import dev.paysession.merchant.MerchantStore;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.sql.SQLException;
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
 * Operator API for a merchant's JWE keys: register the merchant's public key (the server makes its
 * own key pair for it under a new kid), list them, retire one. Several may be live at once, so a
 * merchant can move to a new key without a gap.
 */
@Tag(name = "Admin", description = "Operator API: merchants, keys, webhooks")
@APIResponse(responseCode = "400", ref = OpenApiDocument.BAD_REQUEST)
@APIResponse(responseCode = "401", ref = OpenApiDocument.UNAUTHORIZED)
@APIResponse(responseCode = "404", ref = OpenApiDocument.NOT_FOUND)
@APIResponse(responseCode = "500", ref = OpenApiDocument.SERVER_ERROR)
@APIResponse(responseCode = "503", ref = OpenApiDocument.UNAVAILABLE)
@SecurityRequirement(name = OpenApiDocument.ADMIN_AUTH)
@Path("/admin/merchants/{merchantId}/jwe-keys")
@Produces(MediaType.APPLICATION_JSON)
public class JweKeysAdminResource {

  private final AdminAccess access;
  private final MerchantStore merchants;
  private final JweKeyStore keys;
  private final int maxBodyBytes;

  JweKeysAdminResource(
      AdminAccess access, MerchantStore merchants, JweKeyStore keys, HttpConfig http) {
    this.access = access;
    this.merchants = merchants;
    this.keys = keys;
    this.maxBodyBytes = http.maxBodyBytes();
  }

  @Operation(
      operationId = "createJweKey",
      summary = "Register a merchant public key; answers its kid and the server's public key")
  @RequestBody(
      required = true,
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = NewKeyBody.class)))
  @APIResponse(
      responseCode = "201",
      description = "The new key",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = CreatedKeyView.class)))
  @POST
  public Response create(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
      @PathParam("merchantId") String merchantId,
      InputStream body)
      throws SQLException {
    access.require(authorization);
    requireMerchant(merchantId);
    ObjectNode json = JsonBodies.readObject(body, contentType, maxBodyBytes);
    JsonNode pem = json.get("merchant_public_key");
    if (pem == null || pem.isNull() || (pem.isTextual() && pem.asText().isBlank())) {
      throw ApiException.badFields(List.of(FieldError.missing("merchant_public_key")));
    }
    var merchantKey =
        RsaKeys.parsePublicPem(pem.isTextual() ? pem.asText() : null)
            .orElseThrow(
                () ->
                    ApiException.badFields(
                        List.of(
                            FieldError.invalid(
                                "merchant_public_key",
                                "must be an RSA public key of 2048 to 8192 bits in PEM (BEGIN"
                                    + " PUBLIC KEY or BEGIN RSA PUBLIC KEY)"))));
    JweKeyStore.KeyInfo key = keys.create(merchantId, merchantKey);
    return Response.status(201)
        .entity(new CreatedKeyView(key.keyId(), RsaKeys.publicPem(key.serverPublicKey())))
        .build();
  }

  @Operation(operationId = "listJweKeys", summary = "A merchant's JWE keys, live and retired")
  @APIResponse(
      responseCode = "200",
      description = "The keys, oldest first",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = KeyListView.class)))
  @GET
  public KeyListView list(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @PathParam("merchantId") String merchantId)
      throws SQLException {
    access.require(authorization);
    requireMerchant(merchantId);
    return new KeyListView(keys.list(merchantId).stream().map(KeyView::of).toList());
  }

  @Operation(
      operationId = "retireJweKey",
      summary = "Retire a JWE key: calls made with it are refused from now on")
  @APIResponse(
      responseCode = "200",
      description = "The key is retired",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = RetiredKeyView.class)))
  @DELETE
  @Path("/{keyId}")
  public RetiredKeyView retire(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @PathParam("merchantId") String merchantId,
      @PathParam("keyId") String keyId)
      throws SQLException {
    access.require(authorization);
    requireMerchant(merchantId);
    AdminAccess.requireIdentifier(keyId, "JWE key");
    if (!keys.retire(merchantId, keyId)) {
      throw ApiException.notFound("No live JWE key " + keyId + " for merchant " + merchantId);
    }
    return new RetiredKeyView(keyId, true);
  }

  private void requireMerchant(String merchantId) throws SQLException {
    AdminAccess.requireIdentifier(merchantId, "merchant");
    if (merchants.find(merchantId).isEmpty()) {
      throw ApiException.notFound("No merchant " + merchantId);
    }
  }

  @Schema(name = "JweKeyCreate", requiredProperties = "merchant_public_key")
  public record NewKeyBody(
      @Schema(description = "The merchant's RSA public key (2048 to 8192 bits), PEM")
          @JsonProperty("merchant_public_key")
          String merchantPublicKey) {}

  @Schema(name = "JweKeyCreated", additionalProperties = Schema.False.class)
  public record CreatedKeyView(
      @Schema(
              required = true,
              description = "The kid the merchant configures (the SDK's jweAuth.keyId)")
          @JsonProperty("key_id")
          String keyId,
      @Schema(
              required = true,
              description =
                  "The server's RSA public key, PEM (the SDK's jweAuth.publicKey): encrypt"
                      + " requests to it, verify answers with it")
          @JsonProperty("server_public_key")
          String serverPublicKey) {}

  @Schema(name = "JweKey", additionalProperties = Schema.False.class)
  public record KeyView(
      @Schema(required = true) @JsonProperty("key_id") String keyId,
      @Schema(required = true) @JsonProperty("merchant_public_key") String merchantPublicKey,
      @Schema(required = true) @JsonProperty("server_public_key") String serverPublicKey,
      @Schema(
              required = true,
              enumeration = {"ACTIVE", "RETIRED"})
          @JsonProperty("status")
          String status,
      @Schema(required = true) @JsonProperty("created_at") String createdAt,
      @Schema(nullable = true) @JsonProperty("retired_at") String retiredAt) {

    static KeyView of(JweKeyStore.KeyInfo key) {
      return new KeyView(
          key.keyId(),
          RsaKeys.publicPem(key.merchantPublicKey()),
          RsaKeys.publicPem(key.serverPublicKey()),
          key.retiredAt().isPresent() ? "RETIRED" : "ACTIVE",
          key.createdAt().toString(),
          key.retiredAt().map(Instant::toString).orElse(null));
    }
  }

  @Schema(name = "JweKeyList", additionalProperties = Schema.False.class)
  public record KeyListView(
      @Schema(required = true) @JsonProperty("jwe_keys") List<KeyView> jweKeys) {}

  @Schema(name = "RetiredJweKey", additionalProperties = Schema.False.class)
  public record RetiredKeyView(
      @Schema(required = true) @JsonProperty("key_id") String keyId,
      @Schema(required = true) @JsonProperty("retired") boolean retired) {}
}
