package dev.paysession.txns;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.paysession.api.ApiException;
import dev.paysession.api.FieldError;
import dev.paysession.api.OpenApiDocument;
import dev.paysession.mandate.MandateDebits;
import dev.paysession.merchant.Merchant;
import dev.paysession.merchant.MerchantStore;
import dev.paysession.merchant.ServerCalls;
import dev.paysession.order.OrderAccess;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.net.URI;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Juspay's {@code POST /txns} (form or JSON). A body naming a mandate is a mandate execution
 * ({@link MandateDebits}); any other pays an existing order by card, net banking, wallet or UPI
 * ({@link TxnsPayments}). The merchant's server calls it with Basic auth and {@code x-merchantid};
 * the customer's device may call it with the order's client auth token instead ({@code
 * x-client-auth-token} or a {@code client_auth_token} field), for that order's payments only.
 *
 * <p>{@link #serverToServer} is the one entry after the merchant's authentication, so that the
 * JWE-encrypted {@code /v4/txns} runs exactly what the plain one does.
 */
@Tag(
    name = "Payments",
    description = "Juspay's /txns: mandate debits and server-to-server payments")
@APIResponse(responseCode = "400", ref = OpenApiDocument.BAD_REQUEST)
@APIResponse(responseCode = "401", ref = OpenApiDocument.UNAUTHORIZED)
@APIResponse(responseCode = "404", ref = OpenApiDocument.NOT_FOUND)
@APIResponse(responseCode = "500", ref = OpenApiDocument.SERVER_ERROR)
@APIResponse(responseCode = "503", ref = OpenApiDocument.UNAVAILABLE)
@SecurityRequirement(name = OpenApiDocument.MERCHANT_AUTH)
@Path("/txns")
public class TxnsResource {

  static final String TOKEN_FIELD = "client_auth_token";

  private final ServerCalls calls;
  private final MandateDebits debits;
  private final TxnsPayments payments;
  private final OrderAccess access;
  private final MerchantStore merchants;

  TxnsResource(
      ServerCalls calls,
      MandateDebits debits,
      TxnsPayments payments,
      OrderAccess access,
      MerchantStore merchants) {
    this.calls = calls;
    this.debits = debits;
    this.payments = payments;
    this.access = access;
    this.merchants = merchants;
  }

  @Operation(
      operationId = "createTxn",
      summary =
          "Pay an order by card, net banking, wallet or UPI, or debit a mandate (mandate"
              + " execution)")
  @RequestBody(
      required = true,
      content = {
        @Content(
            mediaType = MediaType.APPLICATION_FORM_URLENCODED,
            schema = @Schema(implementation = TxnsBody.class)),
        @Content(
            mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = TxnsBody.class))
      })
  @APIResponse(
      responseCode = "200",
      description = "The attempt (format=json, and always for a mandate debit)",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = TxnsResponse.class)))
  @APIResponse(
      responseCode = "302",
      description = "Without format=json: to payment.authentication.url")
  @POST
  @Produces(MediaType.APPLICATION_JSON)
  public Response txns(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @HeaderParam("x-merchantid") String merchantIdHeader,
      @HeaderParam("x-merchant-id") String merchantIdAlternative,
      @HeaderParam("x-client-auth-token") String tokenHeader,
      @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
      InputStream body)
      throws SQLException {
    ObjectNode fields = calls.read(body, contentType);
    String token =
        tokenHeader != null
            ? tokenHeader
            : TxnsPaymentRules.text(fields, TOKEN_FIELD, new ArrayList<>());
    if (token == null && authorization == null) {
      throw ApiException.unauthorized(
          "POST /txns needs the merchant's API key (Basic auth with x-merchantid) or the order's"
              + " client auth token (x-client-auth-token)");
    }
    TxnsResponse answer =
        token == null
            ? serverToServer(
                calls.merchant(authorization, merchantIdHeader, merchantIdAlternative), fields)
            : fromCustomer(token, merchantIdHeader, merchantIdAlternative, fields);
    if (answer.redirects()) {
      return Response.status(Response.Status.FOUND)
          .location(URI.create(answer.authenticationUrl()))
          .header("Cache-Control", "no-store")
          .build();
    }
    return Response.ok(answer, MediaType.APPLICATION_JSON).build();
  }

  /**
   * A {@code /txns} call from the merchant's server, already authenticated and read. The answer
   * says whether a plain caller without {@code format=json} is redirected ({@link
   * TxnsResponse#redirects}); the JSON it serialises to is Juspay's answer.
   */
  public TxnsResponse serverToServer(Merchant merchant, ObjectNode fields) throws SQLException {
    if (MandateDebits.isDebit(fields)) {
      return TxnsResponse.ofDebit(debits.debit(merchant, fields));
    }
    if (TxnsPayments.createsOrder(fields)) {
      throw ApiException.invalidRequest(
          "POST /txns pays an existing order: create it first with POST /session or POST /orders"
              + " and send its order_id (order.* fields create an order only for a mandate debit)");
    }
    return payments.pay(merchant, fields);
  }

  /**
   * A call from the customer's device with the order's client auth token: it may pay that order
   * only; debits and order creation need the merchant's key.
   */
  private TxnsResponse fromCustomer(
      String token, String merchantIdHeader, String merchantIdAlternative, ObjectNode fields)
      throws SQLException {
    if (MandateDebits.isDebit(fields) || TxnsPayments.createsOrder(fields)) {
      throw ApiException.unauthorized(
          "Mandate debits and order.* fields need the merchant's API key (Basic auth), not a"
              + " client auth token");
    }
    String orderId = TxnsPaymentRules.text(fields, "order_id", new ArrayList<>());
    if (orderId == null) {
      throw ApiException.badFields(List.of(FieldError.missing("order_id")));
    }
    String merchantId =
        access.merchantFor(
            orderId,
            OrderAccess.Credentials.of(null, merchantIdHeader, merchantIdAlternative, token, null));
    Merchant merchant =
        merchants.find(merchantId).orElseThrow(() -> ApiException.orderNotFound(orderId));
    return payments.pay(merchant, fields);
  }

  /**
   * The request body, for the OpenAPI document: a payment names {@code order_id} and its
   * instrument; a mandate debit names a new {@code order.*} and the mandate (JSON may nest {@code
   * order} and {@code mandate}).
   */
  @Schema(name = "TxnsRequest")
  record TxnsBody(
      @Schema(description = "Payments: the order to pay") @JsonProperty("order_id")
          String payOrderId,
      @Schema(enumeration = {"CARD", "NB", "WALLET", "UPI"}) @JsonProperty("payment_method_type")
          String paymentMethodType,
      @Schema(description = "Card brand (from the number when absent), NB_xxx bank, wallet")
          @JsonProperty("payment_method")
          String paymentMethod,
      @JsonProperty("card_number") String cardNumber,
      @Schema(example = "12") @JsonProperty("card_exp_month") String cardExpMonth,
      @Schema(example = "30") @JsonProperty("card_exp_year") String cardExpYear,
      @JsonProperty("name_on_card") String nameOnCard,
      @JsonProperty("card_security_code") String cardSecurityCode,
      @Schema(description = "Save the card for the order's customer once it is charged")
          @JsonProperty("save_to_locker")
          String saveToLocker,
      @Schema(description = "A saved card of the order's customer") @JsonProperty("card_token")
          String cardToken,
      @Schema(enumeration = {"UPI_COLLECT", "UPI_PAY"}) @JsonProperty("txn_type") String txnType,
      @JsonProperty("upi_vpa") String upiVpa,
      @Schema(description = "UPI_PAY: answer payment.sdk_params") @JsonProperty("sdk_params")
          String sdkParams,
      @Schema(
              description =
                  "false: after authentication the customer lands on /v2/pay/finish/… instead of"
                      + " the order's return URL")
          @JsonProperty("redirect_after_payment")
          String redirectAfterPayment,
      @Schema(description = "The order's amount, checked when sent") @JsonProperty("amount")
          String payAmount,
      @Schema(description = "The customer's device: the order's client auth token")
          @JsonProperty("client_auth_token")
          String clientAuthToken,
      @Schema(description = "Mandate debits: a new order id for this debit")
          @JsonProperty("order.order_id")
          String orderId,
      @Schema(example = "100.00") @JsonProperty("order.amount") String amount,
      @JsonProperty("order.customer_id") String customerId,
      @Schema(description = "The mandate to debit (or mandate_token)") @JsonProperty("mandate_id")
          String mandateId,
      @JsonProperty("mandate_token") String mandateToken,
      @Schema(
              description =
                  "Epoch seconds; default the earliest allowed (24 h after the notice for UPI and"
                      + " card mandates)")
          @JsonProperty("mandate.execution_date")
          String executionDate,
      @Schema(description = "An earlier pre_debit_notify's id (decoupled flow)")
          @JsonProperty("mandate.notification_id")
          String notificationId,
      @JsonProperty("mandate.display_invoice_number") String displayInvoiceNumber,
      @Schema(
              enumeration = {"MUTUAL_FUND", "INSURANCE", "CREDIT_CARD_BILL"},
              description =
                  "paysession extension: a category RBI lets debit up to 100000 without additional"
                      + " authentication")
          @JsonProperty("mandate.category")
          String category,
      @JsonProperty("merchant_id") String merchantId,
      @Schema(
              description =
                  "json: answer 200 JSON; otherwise 302 to payment.authentication.url (a mandate"
                      + " debit always answers JSON)")
          @JsonProperty("format")
          String format) {}
}
