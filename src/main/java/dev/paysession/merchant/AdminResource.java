package dev.paysession.merchant;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.paysession.api.ApiException;
import dev.paysession.api.HttpConfig;
import dev.paysession.api.JsonBodies;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Operator API: create, read and update merchants; issue and revoke API keys; rotate the response
 * key.
 */
@Path("/admin/merchants")
@Produces(MediaType.APPLICATION_JSON)
public class AdminResource {

  private final AdminAccess access;
  private final MerchantStore store;
  private final int maxBodyBytes;

  AdminResource(AdminAccess access, MerchantStore store, HttpConfig http) {
    this.access = access;
    this.store = store;
    this.maxBodyBytes = http.maxBodyBytes();
  }

  @POST
  public Response create(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
      InputStream body)
      throws SQLException {
    access.require(authorization);
    ObjectNode json = JsonBodies.readObject(body, contentType, maxBodyBytes);
    Merchant merchant = MerchantSettingsRules.forCreate(json);
    String responseKey = RandomTokens.upperHex(16);
    String webhookSecret = WebhookSecrets.generate();
    MerchantStore.IssuedKey key =
        store
            .create(merchant, Secret.of(responseKey), Secret.of(webhookSecret))
            .orElseThrow(
                () ->
                    ApiException.conflict("Merchant " + merchant.merchantId() + " already exists"));
    Map<String, Object> view = view(merchant);
    view.put("api_key", key.apiKey().reveal());
    view.put("api_key_id", key.keyId());
    view.put("response_key", responseKey);
    view.put("webhook_secret", webhookSecret);
    view.put("api_keys", keysView(store.keys(merchant.merchantId())));
    // Secrets shown once: no cache along the way may keep them.
    return Response.status(201).entity(view).header(HttpHeaders.CACHE_CONTROL, "no-store").build();
  }

  @GET
  @Path("/{merchantId}")
  public Map<String, Object> read(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @PathParam("merchantId") String merchantId)
      throws SQLException {
    access.require(authorization);
    Merchant merchant = existing(merchantId);
    Map<String, Object> view = view(merchant);
    view.put("api_keys", keysView(store.keys(merchantId)));
    return view;
  }

  @PATCH
  @Path("/{merchantId}")
  public Map<String, Object> update(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
      @PathParam("merchantId") String merchantId,
      InputStream body)
      throws SQLException {
    access.require(authorization);
    ObjectNode json = JsonBodies.readObject(body, contentType, maxBodyBytes);
    Merchant updated = MerchantSettingsRules.forUpdate(json, existing(merchantId));
    if (!store.update(updated)) {
      throw ApiException.notFound("No merchant " + merchantId);
    }
    Map<String, Object> view = view(updated);
    view.put("api_keys", keysView(store.keys(merchantId)));
    return view;
  }

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
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("key_id", key.keyId());
    view.put("api_key", key.apiKey().reveal());
    view.put("display_prefix", key.displayPrefix());
    return Response.status(201).entity(view).build();
  }

  /**
   * Replaces the merchant's response key and shows the new one, once. Redirects built after this
   * are signed with the new key only; the old key is not kept.
   */
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
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("merchant_id", merchantId);
    view.put("response_key", responseKey);
    // A secret shown once: no cache along the way may keep it.
    return Response.ok(view).header(HttpHeaders.CACHE_CONTROL, "no-store").build();
  }

  @DELETE
  @Path("/{merchantId}/api-keys/{keyId}")
  public Map<String, Object> revokeKey(
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
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("key_id", keyId);
    view.put("revoked", true);
    return view;
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

  static Map<String, Object> view(Merchant merchant) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("merchant_id", merchant.merchantId());
    view.put("name", merchant.name());
    view.put("environment", merchant.environment().wireName());
    view.put("payment_page_client_ids", List.copyOf(merchant.clientIds()));
    view.put("default_return_url", merchant.defaultReturnUrl().orElse(null));
    view.put("supported_currencies", merchant.supportedCurrencies());
    view.put("upi_payee_vpa", merchant.upiPayeeVpa().orElse(null));
    view.put("upi_payee_name", merchant.upiPayeeName().orElse(null));
    view.put("upi_merchant_code", merchant.upiMerchantCode().orElse(null));
    return view;
  }

  private static List<Map<String, Object>> keysView(List<MerchantStore.ApiKeyInfo> keys) {
    return keys.stream()
        .map(
            key -> {
              Map<String, Object> view = new LinkedHashMap<>();
              view.put("key_id", key.keyId());
              view.put("display_prefix", key.displayPrefix());
              view.put("created_at", key.createdAt().toString());
              view.put("revoked_at", key.revokedAt().map(Object::toString).orElse(null));
              view.put("active", key.revokedAt().isEmpty());
              return view;
            })
        .toList();
  }
}
