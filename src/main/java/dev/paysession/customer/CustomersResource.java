package dev.paysession.customer;

import dev.paysession.api.ApiException;
import dev.paysession.api.FieldError;
import dev.paysession.api.OpenApiDocument;
import dev.paysession.merchant.MerchantAuthenticator;
import dev.paysession.merchant.ServerCalls;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;
import java.sql.SQLException;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Juspay's customer API: {@code POST /customers}, {@code GET /customers/{customer_id}} and {@code
 * POST /customers/{customer_id}}, with Basic auth and {@code x-merchantid}, bodies as forms (what
 * Juspay's SDKs send) or JSON. {@code customer_id} is our id or the merchant's object reference.
 * The {@code version} header or query parameter is accepted and changes nothing.
 */
@Tag(name = "Customers", description = "Juspay's customer API")
@APIResponse(responseCode = "400", ref = OpenApiDocument.BAD_REQUEST)
@APIResponse(responseCode = "401", ref = OpenApiDocument.UNAUTHORIZED)
@APIResponse(responseCode = "413", ref = OpenApiDocument.TOO_LARGE)
@APIResponse(responseCode = "415", ref = OpenApiDocument.UNSUPPORTED)
@APIResponse(responseCode = "500", ref = OpenApiDocument.SERVER_ERROR)
@APIResponse(responseCode = "503", ref = OpenApiDocument.UNAVAILABLE)
@SecurityRequirement(name = OpenApiDocument.MERCHANT_AUTH)
@Path("/customers")
@Produces(MediaType.APPLICATION_JSON)
public class CustomersResource {

  private static final String VERSION =
      "Juspay's API version (e.g. 2019-07-01): accepted, ignored.";
  private static final String CUSTOMER_ID = "Our id (cst_…) or the merchant's object_reference_id.";

  private final ServerCalls calls;
  private final Customers customers;

  CustomersResource(ServerCalls calls, Customers customers) {
    this.calls = calls;
    this.customers = customers;
  }

  @Operation(operationId = "createCustomer", summary = "Create a customer")
  @RequestBody(
      required = true,
      content = {
        @Content(
            mediaType = MediaType.APPLICATION_FORM_URLENCODED,
            schema = @Schema(implementation = CustomerBody.class)),
        @Content(
            mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = CustomerBody.class))
      })
  @APIResponse(
      responseCode = "200",
      description = "The new customer",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = CustomerView.class)))
  @POST
  public CustomerView create(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @HeaderParam("x-merchantid") String merchantId,
      @HeaderParam("x-merchant-id") String merchantIdAlternative,
      @Parameter(description = VERSION) @HeaderParam("version") String version,
      @Parameter(description = VERSION) @QueryParam("version") String versionParameter,
      @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
      InputStream body)
      throws SQLException {
    String merchant = calls.merchant(authorization, merchantId, merchantIdAlternative).merchantId();
    return customers.create(merchant, calls.read(body, contentType));
  }

  @Operation(
      operationId = "getCustomer",
      summary = "A customer, by id or object reference; with its client auth token, its own side")
  @APIResponse(
      responseCode = "200",
      description = "The customer",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = CustomerView.class)))
  @APIResponse(responseCode = "404", ref = OpenApiDocument.NOT_FOUND)
  @GET
  @Path("/{customer_id}")
  public CustomerView get(
      @Parameter(description = CUSTOMER_ID) @PathParam("customer_id") String customerId,
      @Parameter(description = "true: the answer carries juspay.client_auth_token.")
          @QueryParam(CustomerRules.GET_CLIENT_AUTH_TOKEN)
          String tokenWanted,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @HeaderParam("x-merchantid") String merchantId,
      @HeaderParam("x-merchant-id") String merchantIdAlternative,
      @Parameter(description = "A client auth token of this customer, instead of the API key.")
          @HeaderParam("x-client-auth-token")
          String tokenHeader,
      @Parameter(description = "As x-client-auth-token (the header keeps it out of access logs).")
          @QueryParam("client_auth_token")
          String tokenParameter,
      @Parameter(description = VERSION) @HeaderParam("version") String version,
      @Parameter(description = VERSION) @QueryParam("version") String versionParameter)
      throws SQLException {
    String token = tokenHeader != null ? tokenHeader : tokenParameter;
    if (token != null) {
      String merchant = MerchantAuthenticator.merchantIdSent(merchantId, merchantIdAlternative);
      if (merchant == null) {
        throw ApiException.badFields(List.of(FieldError.missing("x-merchantid")));
      }
      if (CustomerRules.tokenWanted(tokenWanted)) {
        throw ApiException.unauthorized(
            "A client auth token cannot ask for another; the merchant's server asks with its API"
                + " key.");
      }
      return customers.getWithToken(merchant, customerId, token);
    }
    String merchant = calls.merchant(authorization, merchantId, merchantIdAlternative).merchantId();
    return customers.get(merchant, customerId, CustomerRules.tokenWanted(tokenWanted));
  }

  @Operation(
      operationId = "updateCustomer",
      summary = "Change a customer's mobile number, country code, e-mail address or names")
  @RequestBody(
      required = true,
      content = {
        @Content(
            mediaType = MediaType.APPLICATION_FORM_URLENCODED,
            schema = @Schema(implementation = CustomerBody.class)),
        @Content(
            mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = CustomerBody.class))
      })
  @APIResponse(
      responseCode = "200",
      description = "The customer as changed",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = CustomerView.class)))
  @APIResponse(responseCode = "404", ref = OpenApiDocument.NOT_FOUND)
  @POST
  @Path("/{customer_id}")
  public CustomerView update(
      @Parameter(description = CUSTOMER_ID) @PathParam("customer_id") String customerId,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @HeaderParam("x-merchantid") String merchantId,
      @HeaderParam("x-merchant-id") String merchantIdAlternative,
      @Parameter(description = VERSION) @HeaderParam("version") String version,
      @Parameter(description = VERSION) @QueryParam("version") String versionParameter,
      @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
      InputStream body)
      throws SQLException {
    String merchant = calls.merchant(authorization, merchantId, merchantIdAlternative).merchantId();
    return customers.update(merchant, customerId, calls.read(body, contentType));
  }
}
