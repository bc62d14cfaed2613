package dev.paysession.jwe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.paysession.api.ApiException;
import dev.paysession.api.FieldError;
import dev.paysession.api.OpenApiDocument;
import dev.paysession.order.OrderStatusResource;
import dev.paysession.refund.RefundResource;
import dev.paysession.session.SessionResource;
import dev.paysession.txns.TxnsResource;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;
import java.sql.SQLException;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Juspay's JWE-encrypted server calls on {@code /v4}, at the paths its Node SDK posts them to when
 * configured with {@code jweAuth}. Each opens the call ({@link EncryptedCalls}), runs exactly what
 * the plain endpoint runs after its authentication, and answers a 2xx signed and encrypted for the
 * caller. Errors are the plain Juspay envelope, unencrypted, as the SDK reads them.
 */
@Tag(name = "Encrypted calls (JWE)", description = "Juspay's JWE + JWS calls on /v4")
@APIResponse(responseCode = "400", ref = OpenApiDocument.BAD_REQUEST)
@APIResponse(responseCode = "401", ref = OpenApiDocument.UNAUTHORIZED)
@APIResponse(responseCode = "404", ref = OpenApiDocument.NOT_FOUND)
@APIResponse(responseCode = "500", ref = OpenApiDocument.SERVER_ERROR)
@APIResponse(responseCode = "503", ref = OpenApiDocument.UNAVAILABLE)
@Path("/v4")
@Consumes(MediaType.WILDCARD)
@Produces(MediaType.APPLICATION_JSON)
public class EncryptedApiResource {

  private final EncryptedCalls calls;
  private final SessionResource sessions;
  private final TxnsResource txns;
  private final RefundResource refunds;
  private final OrderStatusResource statuses;

  EncryptedApiResource(
      EncryptedCalls calls,
      SessionResource sessions,
      TxnsResource txns,
      RefundResource refunds,
      OrderStatusResource statuses) {
    this.calls = calls;
    this.sessions = sessions;
    this.txns = txns;
    this.refunds = refunds;
    this.statuses = statuses;
  }

  @Operation(
      operationId = "createSessionEncrypted",
      summary = "POST /session's body and answer, encrypted (the SDK's orderSession.create)")
  @RequestBody(required = true, content = @Content(schema = @Schema(implementation = Jwe.class)))
  @APIResponse(
      responseCode = "200",
      description = "The session, as /session answers it, signed and encrypted",
      content = @Content(schema = @Schema(implementation = Jwe.class)))
  @POST
  @Path("/session")
  public ObjectNode session(
      @HeaderParam("x-merchantid") String merchantIdHeader,
      @HeaderParam("x-merchant-id") String merchantIdAlternative,
      @HeaderParam("x-routing-id") String routingId,
      @HeaderParam("x-customerid") String legacyCustomerId,
      InputStream body)
      throws SQLException {
    EncryptedCalls.Opened call = calls.open(body, merchantIdHeader, merchantIdAlternative);
    return calls.seal(
        call.key(), sessions.handle(call.merchant(), call.body(), routingId, legacyCustomerId));
  }

  @Operation(
      operationId = "txnsEncrypted",
      summary = "POST /txns's body and answer, encrypted (the SDK's payments.create)")
  @RequestBody(required = true, content = @Content(schema = @Schema(implementation = Jwe.class)))
  @APIResponse(
      responseCode = "200",
      description = "What /txns answers, signed and encrypted",
      content = @Content(schema = @Schema(implementation = Jwe.class)))
  @POST
  @Path("/txns")
  public ObjectNode txns(
      @HeaderParam("x-merchantid") String merchantIdHeader,
      @HeaderParam("x-merchant-id") String merchantIdAlternative,
      InputStream body)
      throws SQLException {
    EncryptedCalls.Opened call = calls.open(body, merchantIdHeader, merchantIdAlternative);
    return calls.seal(call.key(), txns.serverToServer(call.merchant(), call.body()));
  }

  @Operation(
      operationId = "refundOrderEncrypted",
      summary = "POST /orders/{order_id}/refunds's body and answer, encrypted (order.refund)")
  @RequestBody(required = true, content = @Content(schema = @Schema(implementation = Jwe.class)))
  @APIResponse(
      responseCode = "200",
      description = "The order-status object with refunds[], signed and encrypted",
      content = @Content(schema = @Schema(implementation = Jwe.class)))
  @POST
  @Path("/orders/{order_id}/refunds")
  public ObjectNode refund(
      @PathParam("order_id") String orderId,
      @HeaderParam("x-merchantid") String merchantIdHeader,
      @HeaderParam("x-merchant-id") String merchantIdAlternative,
      InputStream body)
      throws SQLException {
    EncryptedCalls.Opened call = calls.open(body, merchantIdHeader, merchantIdAlternative);
    return calls.seal(
        call.key(), refunds.handle(call.merchant().merchantId(), orderId, call.body()));
  }

  /**
   * The SDK's {@code order.status}: a GET's query, {@code {order_id}}, encrypted as a POST body.
   */
  @Operation(
      operationId = "getOrderStatusEncrypted",
      summary =
          "GET /orders/{order_id}'s answer for {order_id} in the encrypted body (order.status)")
  @RequestBody(required = true, content = @Content(schema = @Schema(implementation = Jwe.class)))
  @APIResponse(
      responseCode = "200",
      description = "The order-status object, signed and encrypted",
      content = @Content(schema = @Schema(implementation = Jwe.class)))
  @POST
  @Path("/order-status")
  public ObjectNode orderStatus(
      @HeaderParam("x-merchantid") String merchantIdHeader,
      @HeaderParam("x-merchant-id") String merchantIdAlternative,
      InputStream body)
      throws SQLException {
    EncryptedCalls.Opened call = calls.open(body, merchantIdHeader, merchantIdAlternative);
    JsonNode orderId = call.body().get("order_id");
    if (orderId == null || orderId.isNull() || orderId.asText().isBlank()) {
      throw ApiException.badFields(List.of(FieldError.missing("order_id")));
    }
    if (!orderId.isTextual()) {
      throw ApiException.badFields(List.of(FieldError.invalid("order_id", "must be a string")));
    }
    return calls.seal(call.key(), statuses.handle(call.merchant().merchantId(), orderId.asText()));
  }

  /** A JWE in the SDK's JSON form; a request may also send RFC 7516's compact form. */
  @Schema(
      name = "JweBody",
      requiredProperties = {"header", "encryptedKey", "iv", "encryptedPayload", "tag"})
  record Jwe(
      @Schema(
              description =
                  "base64url of the protected header {alg, enc: A256GCM, cty: JWT, kid}; its text"
                      + " is the AES-GCM associated data")
          String header,
      @Schema(description = "base64url of the RSA-OAEP-wrapped content key") String encryptedKey,
      @Schema(description = "base64url of the 12-byte GCM nonce") String iv,
      @Schema(description = "base64url of the ciphertext of the JWS {header, payload, signature}")
          String encryptedPayload,
      @Schema(description = "base64url of the 16-byte GCM tag") String tag) {}
}
