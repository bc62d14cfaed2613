package dev.paysession.merchant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.paysession.api.ApiException;
import dev.paysession.api.FieldError;
import dev.paysession.api.HttpConfig;
import dev.paysession.api.JsonBodies;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Operator API for a merchant's webhooks: where they go ({@code PUT/GET .../webhook}) and the
 * secret they are signed with ({@code POST .../webhook-secret} rotates it).
 */
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

  @PUT
  @Path("/webhook")
  public Map<String, Object> replace(
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
    return view(merchantId, settings);
  }

  @GET
  @Path("/webhook")
  public Map<String, Object> read(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @PathParam("merchantId") String merchantId)
      throws SQLException {
    access.require(authorization);
    existing(merchantId);
    return view(
        merchantId,
        store
            .webhookSettings(merchantId)
            .orElseThrow(() -> ApiException.notFound("No merchant " + merchantId)));
  }

  /**
   * Issues a new signing secret and shows it, once. The old one keeps signing beside it for {@code
   * overlap_seconds} (default a day), so receivers can switch without rejecting any webhook.
   */
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
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("merchant_id", merchantId);
    view.put("webhook_secret", secret);
    view.put("previous_secret_expires_at", previousExpires.toString());
    return Response.ok(view).header(HttpHeaders.CACHE_CONTROL, "no-store").build();
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

  /** Secrets are never shown back: only whether a password is set and which headers exist. */
  private static Map<String, Object> view(String merchantId, WebhookSettings settings) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("merchant_id", merchantId);
    view.put("url", settings.url().orElse(null));
    view.put("username", settings.username().orElse(null));
    view.put("password_set", settings.password().isPresent());
    view.put("custom_header_names", List.copyOf(settings.headers().keySet()));
    return view;
  }
}
