package dev.paysession.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paysession.api.ApiException;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Operator API for webhook deliveries: what was sent for an order and how each attempt went, and
 * sending events again (one, or every failed event of a merchant).
 */
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

  @GET
  @Path("/orders/{orderId}/webhooks")
  public Map<String, Object> ofOrder(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @PathParam("merchantId") String merchantId,
      @PathParam("orderId") String orderId)
      throws SQLException {
    access.require(authorization);
    AdminAccess.requireIdentifier(merchantId, "merchant");
    AdminAccess.requireIdentifier(orderId, "order");
    List<Map<String, Object>> list =
        events.eventsOf(merchantId, orderId).stream().map(this::view).toList();
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("merchant_id", merchantId);
    view.put("order_id", orderId);
    view.put("events", list);
    return view;
  }

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
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", eventId);
    view.put("status", status.name());
    return Response.accepted(view).build();
  }

  @POST
  @Path("/webhooks/redeliver-failed")
  public Response redeliverFailed(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @PathParam("merchantId") String merchantId)
      throws SQLException {
    access.require(authorization);
    AdminAccess.requireIdentifier(merchantId, "merchant");
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("merchant_id", merchantId);
    view.put("redelivered", events.redeliverFailed(merchantId, clock.instant()));
    return Response.accepted(view).build();
  }

  private Map<String, Object> view(WebhookEventStore.Event event) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", event.eventId());
    view.put("event_name", event.eventName());
    view.put("status", event.status().name());
    view.put("date_created", event.createdAt().toString());
    view.put("failures", event.failures());
    view.put("next_attempt_at", event.nextAttemptAt().map(Object::toString).orElse(null));
    view.put("delivered_at", event.deliveredAt().map(Object::toString).orElse(null));
    view.put(
        "attempts",
        event.attempts().stream()
            .map(
                attempt -> {
                  Map<String, Object> a = new LinkedHashMap<>();
                  a.put("attempt", attempt.attempt());
                  a.put("started_at", attempt.startedAt().toString());
                  a.put("url", attempt.url().orElse(null));
                  a.put("http_status", attempt.httpStatus().orElse(null));
                  a.put("latency_ms", attempt.latencyMs().orElse(null));
                  a.put("error", attempt.error().orElse(null));
                  a.put("delivered", attempt.delivered());
                  return a;
                })
            .toList());
    try {
      view.put("payload", json.readTree(event.payload()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored webhook payload is not JSON", e);
    }
    return view;
  }
}
