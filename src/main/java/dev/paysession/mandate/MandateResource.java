package dev.paysession.mandate;

import static dev.paysession.api.Committed.committed;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.paysession.api.OpenApiDocument;
import dev.paysession.mandate.MandateCommandRules.Command;
import dev.paysession.mandate.MandateCommands.PauseResult;
import dev.paysession.merchant.ServerCalls;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Juspay's {@code POST /mandates/{mandate_id}}: one endpoint, the {@code command} field says what
 * to do (juspay-lifecycle §2.4-2.8). Form or JSON; Basic auth and {@code x-merchantid}.
 */
@Tag(name = "Mandates", description = "Juspay's mandate APIs")
@APIResponse(responseCode = "400", ref = OpenApiDocument.BAD_REQUEST)
@APIResponse(responseCode = "401", ref = OpenApiDocument.UNAUTHORIZED)
@APIResponse(responseCode = "404", ref = OpenApiDocument.NOT_FOUND)
@APIResponse(responseCode = "413", ref = OpenApiDocument.TOO_LARGE)
@APIResponse(responseCode = "415", ref = OpenApiDocument.UNSUPPORTED)
@APIResponse(responseCode = "500", ref = OpenApiDocument.SERVER_ERROR)
@APIResponse(responseCode = "503", ref = OpenApiDocument.UNAVAILABLE)
@SecurityRequirement(name = OpenApiDocument.MERCHANT_AUTH)
@Path("/mandates/{mandate_id}")
public class MandateResource {

  private final ServerCalls calls;
  private final MandateCommands commands;
  private final PreDebitNotifier notifier;

  MandateResource(ServerCalls calls, MandateCommands commands, PreDebitNotifier notifier) {
    this.calls = calls;
    this.commands = commands;
    this.notifier = notifier;
  }

  /** The request body, for the OpenAPI document (form or JSON). */
  @Schema(
      name = "MandateCommandRequest",
      requiredProperties = {"command"})
  record CommandRequest(
      @Schema(
              enumeration = {"check_status", "revoke", "pause", "resume", "pre_debit_notify"},
              description = "Trimmed, surrounding quotes stripped, any case")
          @JsonProperty("command")
          String command,
      @Schema(description = "pause: epoch seconds; default now") @JsonProperty("pause_start_date")
          String pauseStartDate,
      @Schema(description = "pause: epoch seconds; default the mandate's end date")
          @JsonProperty("pause_end_date")
          String pauseEndDate,
      @Schema(description = "resume: epoch seconds; default now") @JsonProperty("resume_date")
          String resumeDate,
      @Schema(description = "pre_debit_notify: the merchant's reference, up to 25 alphanumerics")
          @JsonProperty("object_reference_id")
          String objectReferenceId,
      @Schema(description = "pre_debit_notify: why, up to 50 characters")
          @JsonProperty("description")
          String description,
      @Schema(description = "pre_debit_notify: a JSON string {amount, txn_date}")
          @JsonProperty("source_info")
          String sourceInfo) {}

  @Operation(
      operationId = "mandateCommand",
      summary = "check_status, revoke, pause, resume or pre_debit_notify a mandate")
  @RequestBody(
      required = true,
      content = {
        @Content(
            mediaType = MediaType.APPLICATION_FORM_URLENCODED,
            schema = @Schema(implementation = CommandRequest.class)),
        @Content(
            mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = CommandRequest.class))
      })
  @APIResponse(
      responseCode = "200",
      description =
          "check_status: the mandate; revoke: {mandate_status, mandate_id}; pause and resume: the"
              + " order's mandate block with response_message and the pause dates; pre_debit_notify:"
              + " the notification",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema =
                  @Schema(
                      oneOf = {
                        MandateView.class,
                        MandateCommandViews.Revoked.class,
                        MandateCommandViews.PauseAnswer.class,
                        NotificationView.class
                      })))
  @POST
  @Produces(MediaType.APPLICATION_JSON)
  public Object command(
      @PathParam("mandate_id") String mandateId,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @HeaderParam("x-merchantid") String merchantIdHeader,
      @HeaderParam("x-merchant-id") String merchantIdAlternative,
      @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
      InputStream body)
      throws Exception {
    String merchantId =
        calls.merchant(authorization, merchantIdHeader, merchantIdAlternative).merchantId();
    ObjectNode fields = calls.read(body, contentType);
    Command command = MandateCommandRules.command(fields);
    return switch (command) {
      case CHECK_STATUS -> MandateView.of(commands.existing(merchantId, mandateId));
      case REVOKE ->
          MandateCommandViews.Revoked.of(committed(() -> commands.revoke(merchantId, mandateId)));
      case PAUSE -> {
        MandateCommandRules.Pause pause = MandateCommandRules.pause(fields);
        yield answer(committed(() -> commands.pause(merchantId, mandateId, pause)));
      }
      case RESUME -> {
        var at = MandateCommandRules.resumeDate(fields);
        yield answer(committed(() -> commands.resume(merchantId, mandateId, at)));
      }
      case PRE_DEBIT_NOTIFY -> preDebitNotify(merchantId, mandateId, fields);
    };
  }

  private Object preDebitNotify(String merchantId, String mandateId, ObjectNode fields)
      throws Exception {
    MandateRecord mandate = commands.existing(merchantId, mandateId);
    return notifier.notify(mandate, MandateCommandRules.texts(fields), commands.now(merchantId));
  }

  private static MandateCommandViews.PauseAnswer answer(PauseResult result) {
    return MandateCommandViews.PauseAnswer.of(result.mandate(), result.message());
  }
}
