package dev.paysession.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paysession.api.ApiException;
import dev.paysession.api.OpenApiDocument;
import dev.paysession.merchant.AdminAccess;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.time.Clock;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Operator API for webhook deliveries: what was sent for an order and how each attempt went, and
 * sending events again (one, or every failed event of a merchant).
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
public class WebhookAdminResource {

  private static final Pattern EVENT_ID = Pattern.compile("evt_V2_[0-9a-f]{32}");

  private final AdminAccess access;
  private final WebhookEventStore events;
  private final ObjectMapper json;
  private final Clock clock;

  WebhookAdminResource(
      AdminAccess access, WebhookEventStore events, ObjectMapper json, Clock clock) {
    this.access = access;
    this.events = events;
    this.json = json;
    this.clock = clock;
  }

  @Operation(
      operationId = "listOrderWebhooks",
      summary = "The webhook events of an order and every delivery attempt")
  @APIResponse(
      responseCode = "200",
      description = "The delivery log",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = WebhookAdminViews.DeliveryLog.class)))
  @GET
  @Path("/orders/{orderId}/webhooks")
  public WebhookAdminViews.DeliveryLog ofOrder(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @PathParam("merchantId") String merchantId,
      @PathParam("orderId") String orderId)
      throws SQLException {
    access.require(authorization);
    AdminAccess.requireIdentifier(merchantId, "merchant");
    AdminAccess.requireIdentifier(orderId, "order");
    return new WebhookAdminViews.DeliveryLog(
        merchantId,
        orderId,
        events.eventsOf(merchantId, orderId).stream().map(this::view).toList());
  }

  @Operation(operationId = "redeliverWebhook", summary = "Send a webhook event again")
  @APIResponse(
      responseCode = "202",
      description = "Queued",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = WebhookAdminViews.Redelivery.class)))
  @POST
  @Path("/webhooks/{eventId}/redeliver")
  public Response redeliver(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @PathParam("merchantId") String merchantId,
      @PathParam("eventId") String eventId)
      throws SQLException {
    access.require(authorization);
    AdminAccess.requireIdentifier(merchantId, "merchant");
    if (!EVENT_ID.matcher(eventId).matches()) {
      throw ApiException.notFound("No webhook event " + eventId.replaceAll("[^A-Za-z0-9_]", "?"));
    }
    WebhookEventStore.Status status =
        events
            .redeliver(merchantId, eventId, clock.instant())
            .orElseThrow(() -> ApiException.notFound("No webhook event " + eventId));
    return Response.accepted(new WebhookAdminViews.Redelivery(eventId, status.name())).build();
  }

  @Operation(
      operationId = "redeliverFailedWebhooks",
      summary = "Send every failed webhook event of the merchant again")
  @APIResponse(
      responseCode = "202",
      description = "Queued",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = WebhookAdminViews.FailedRedelivery.class)))
  @POST
  @Path("/webhooks/redeliver-failed")
  public Response redeliverFailed(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @PathParam("merchantId") String merchantId)
      throws SQLException {
    access.require(authorization);
    AdminAccess.requireIdentifier(merchantId, "merchant");
    return Response.accepted(
            new WebhookAdminViews.FailedRedelivery(
                merchantId, events.redeliverFailed(merchantId, clock.instant())))
        .build();
  }

  private WebhookAdminViews.EventView view(WebhookEventStore.Event event) {
    JsonNode payload;
    try {
      payload = json.readTree(event.payload());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored webhook payload is not JSON", e);
    }
    return new WebhookAdminViews.EventView(
        event.eventId(),
        event.eventName(),
        event.status().name(),
        event.createdAt().toString(),
        event.failures(),
        event.nextAttemptAt().map(Object::toString).orElse(null),
        event.deliveredAt().map(Object::toString).orElse(null),
        event.attempts().stream()
            .map(
                attempt ->
                    new WebhookAdminViews.AttemptView(
                        attempt.attempt(),
                        attempt.startedAt().toString(),
                        attempt.url().orElse(null),
                        attempt.httpStatus().orElse(null),
                        attempt.latencyMs().orElse(null),
                        attempt.error().orElse(null),
                        attempt.delivered()))
            .toList(),
        payload);
  }
}
