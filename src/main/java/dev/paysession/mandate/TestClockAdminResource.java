package dev.paysession.mandate;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.paysession.api.ApiException;
import dev.paysession.api.ErrorEnvelope;
import dev.paysession.api.FieldError;
import dev.paysession.api.HttpConfig;
import dev.paysession.api.JsonBodies;
import dev.paysession.api.OpenApiDocument;
import dev.paysession.merchant.AdminAccess;
import dev.paysession.merchant.Merchant;
import dev.paysession.merchant.MerchantStore;
import dev.paysession.order.OrderStatusView;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;
import java.sql.SQLException;
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
 * Operator API (management port): a sandbox merchant's test clock. Advancing it moves the
 * merchant's time forward (never back) and runs, at each time on the way, the mandate work that
 * falls due then, with every status change and webhook it would bring in real time. A production
 * merchant's clock cannot be moved.
 */
@Tag(name = "Admin")
@APIResponse(responseCode = "400", ref = OpenApiDocument.BAD_REQUEST)
@APIResponse(responseCode = "401", ref = OpenApiDocument.UNAUTHORIZED)
@APIResponse(responseCode = "404", ref = OpenApiDocument.NOT_FOUND)
@APIResponse(responseCode = "500", ref = OpenApiDocument.SERVER_ERROR)
@APIResponse(responseCode = "503", ref = OpenApiDocument.UNAVAILABLE)
@SecurityRequirement(name = OpenApiDocument.ADMIN_AUTH)
@Path("/admin/merchants/{merchantId}/test-clock")
@Produces(MediaType.APPLICATION_JSON)
public class TestClockAdminResource {

  /** The longest single advance: ten years. */
  static final long MAX_ADVANCE_SECONDS = Duration.ofDays(3653).toSeconds();

  private final AdminAccess access;
  private final MerchantStore merchants;
  private final MerchantTime time;
  private final DueWorkRunner runner;
  private final int maxBodyBytes;

  TestClockAdminResource(
      AdminAccess access,
      MerchantStore merchants,
      MerchantTime time,
      DueWorkRunner runner,
      HttpConfig http) {
    this.access = access;
    this.merchants = merchants;
    this.time = time;
    this.runner = runner;
    this.maxBodyBytes = http.maxBodyBytes();
  }

  @Schema(
      name = "TestClockAdvance",
      requiredProperties = {"advance_seconds"})
  record AdvanceRequest(
      @Schema(
              minimum = "1",
              description = "Whole seconds to move the clock forward; at most ten years")
          @JsonProperty("advance_seconds")
          long advanceSeconds) {}

  /** A merchant's clock. */
  @Schema(
      name = "TestClock",
      requiredProperties = {
        "merchant_id",
        "merchant_time",
        "merchant_time_epoch",
        "offset_seconds"
      },
      additionalProperties = Schema.False.class)
  public record TestClockView(
      @JsonProperty("merchant_id") String merchantId,
      @Schema(description = "The merchant's time, ISO 8601") @JsonProperty("merchant_time")
          String merchantTime,
      @JsonProperty("merchant_time_epoch") long merchantTimeEpoch,
      @Schema(description = "How far the merchant's clock is ahead of the installation's")
          @JsonProperty("offset_seconds")
          long offsetSeconds,
      @Schema(description = "Advance only: mandate changes made on the way")
          @JsonProperty("changes")
          @JsonInclude(JsonInclude.Include.NON_NULL)
          Integer changes) {

    static TestClockView of(String merchantId, Instant now, Duration offset, Integer changes) {
      return new TestClockView(
          merchantId,
          OrderStatusView.timestamp(now),
          now.getEpochSecond(),
          offset.toSeconds(),
          changes);
    }
  }

  private static final String PRODUCTION_REFUSED =
      "Only a sandbox merchant's clock can be moved; merchant %s is a production merchant";

  @Operation(operationId = "getTestClock", summary = "A merchant's time and how far it is ahead")
  @APIResponse(
      responseCode = "200",
      description = "The merchant's clock",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = TestClockView.class)))
  @GET
  public TestClockView read(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @PathParam("merchantId") String merchantId)
      throws SQLException {
    access.require(authorization);
    existing(merchantId);
    Duration offset = time.offset(merchantId);
    return TestClockView.of(merchantId, time.now(merchantId), offset, null);
  }

  @Operation(
      operationId = "advanceTestClock",
      summary = "Move a sandbox merchant's clock forward, running the mandate work due on the way")
  @RequestBody(
      required = true,
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = AdvanceRequest.class)))
  @APIResponse(
      responseCode = "200",
      description = "The merchant's clock after the advance",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = TestClockView.class)))
  @APIResponse(
      responseCode = "403",
      description = "The merchant is a production merchant",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = ErrorEnvelope.class)))
  @APIResponse(responseCode = "409", ref = OpenApiDocument.CONFLICT)
  @POST
  public TestClockView advance(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
      @PathParam("merchantId") String merchantId,
      InputStream body)
      throws SQLException {
    access.require(authorization);
    Merchant merchant = existing(merchantId);
    Duration by = advanceSeconds(JsonBodies.readObject(body, contentType, maxBodyBytes));
    if (!merchant.isSandbox()) {
      throw SandboxMandateResource.sandboxOnly(String.format(PRODUCTION_REFUSED, merchantId));
    }
    DueWorkRunner.Advanced advanced = runner.advance(merchantId, by);
    return TestClockView.of(
        merchantId, advanced.merchantNow(), advanced.offset(), advanced.handled());
  }

  private Merchant existing(String merchantId) throws SQLException {
    AdminAccess.requireIdentifier(merchantId, "merchant");
    return merchants
        .find(merchantId)
        .orElseThrow(() -> ApiException.notFound("No merchant " + merchantId));
  }

  /** A whole number of seconds, 1 to ten years, as a JSON integer or a string of digits. */
  static Duration advanceSeconds(ObjectNode body) {
    JsonNode sent = body.get("advance_seconds");
    if (sent == null || sent.isNull()) {
      throw ApiException.badFields(List.of(FieldError.missing("advance_seconds")));
    }
    String text = sent.isIntegralNumber() || sent.isTextual() ? sent.asText().trim() : "";
    if (!text.matches("[0-9]{1,12}")
        || Long.parseLong(text) < 1
        || Long.parseLong(text) > MAX_ADVANCE_SECONDS) {
      throw ApiException.badFields(
          List.of(
              FieldError.invalid(
                  "advance_seconds",
                  "must be a whole number of seconds from 1 to " + MAX_ADVANCE_SECONDS)));
    }
    return Duration.ofSeconds(Long.parseLong(text));
  }
}
