package dev.paysession.mandate;

import dev.paysession.api.ApiException;
import dev.paysession.api.OpenApiDocument;
import dev.paysession.merchant.MerchantAuthenticator;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
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

/** Juspay's {@code GET /notifications/{notification_id}}: a pre-debit notification's status. */
@Tag(name = "Mandates", description = "Juspay's mandate APIs")
@APIResponse(responseCode = "401", ref = OpenApiDocument.UNAUTHORIZED)
@APIResponse(responseCode = "404", ref = OpenApiDocument.NOT_FOUND)
@APIResponse(responseCode = "500", ref = OpenApiDocument.SERVER_ERROR)
@APIResponse(responseCode = "503", ref = OpenApiDocument.UNAVAILABLE)
@SecurityRequirement(name = OpenApiDocument.MERCHANT_AUTH)
@Path("/notifications/{notification_id}")
public class NotificationsResource {

  private final MerchantAuthenticator authenticator;
  private final NotificationStore notifications;

  NotificationsResource(MerchantAuthenticator authenticator, NotificationStore notifications) {
    this.authenticator = authenticator;
    this.notifications = notifications;
  }

  @Operation(operationId = "notificationStatus", summary = "A pre-debit notification's status")
  @APIResponse(
      responseCode = "200",
      description = "The notification object",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = NotificationView.class)))
  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public NotificationView notification(
      @PathParam("notification_id") String notificationId,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @HeaderParam("x-merchantid") String merchantIdHeader,
      @HeaderParam("x-merchant-id") String merchantIdAlternative)
      throws SQLException {
    String merchantId =
        authenticator
            .authenticate(
                authorization,
                MerchantAuthenticator.merchantIdSent(merchantIdHeader, merchantIdAlternative))
            .merchantId();
    return notifications
        .byId(merchantId, notificationId)
        .map(NotificationView::of)
        .orElseThrow(() -> ApiException.notFound("Notification " + notificationId + " not found"));
  }
}
