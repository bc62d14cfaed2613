package dev.paysession.mandate;

import dev.paysession.api.OpenApiDocument;
import dev.paysession.customer.CustomerNames;
import dev.paysession.merchant.ServerCalls;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.sql.SQLException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Juspay's {@code GET /customers/{customer_id}/mandates}: the merchant's mandates of one customer,
 * newest first, in Juspay's list object. A customer created with {@code POST /customers} is found
 * by our id or its object reference, whichever its orders were sent with. A {@code version} header
 * or query parameter is accepted and changes nothing; so is one trailing path segment, which a
 * production Juspay client sends (juspay-lifecycle §2.5).
 */
@Tag(name = "Mandates")
@APIResponse(responseCode = "400", ref = OpenApiDocument.BAD_REQUEST)
@APIResponse(responseCode = "401", ref = OpenApiDocument.UNAUTHORIZED)
@APIResponse(responseCode = "500", ref = OpenApiDocument.SERVER_ERROR)
@APIResponse(responseCode = "503", ref = OpenApiDocument.UNAVAILABLE)
@SecurityRequirement(name = OpenApiDocument.MERCHANT_AUTH)
@Path("/customers/{customer_id}/mandates")
@Produces(MediaType.APPLICATION_JSON)
public class CustomerMandatesResource {

  private final ServerCalls calls;
  private final MandateCommands commands;
  private final CustomerNames customers;

  CustomerMandatesResource(ServerCalls calls, MandateCommands commands, CustomerNames customers) {
    this.calls = calls;
    this.commands = commands;
    this.customers = customers;
  }

  @Operation(operationId = "listCustomerMandates", summary = "A customer's mandates")
  @APIResponse(
      responseCode = "200",
      description = "The customer's mandates, newest first (an empty list for an unknown customer)",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = MandateCommandViews.MandateList.class)))
  @GET
  public MandateCommandViews.MandateList list(
      @PathParam("customer_id") String customerId,
      @QueryParam("version") String version,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @HeaderParam("x-merchantid") String merchantIdHeader,
      @HeaderParam("x-merchant-id") String merchantIdAlternative)
      throws SQLException {
    String merchantId =
        calls.merchant(authorization, merchantIdHeader, merchantIdAlternative).merchantId();
    return MandateCommandViews.MandateList.of(
        commands.ofCustomer(merchantId, customers.of(merchantId, customerId)));
  }

  @Operation(
      operationId = "listCustomerMandatesWithSuffix",
      summary = "A customer's mandates; the trailing segment (a version or date) is ignored")
  @APIResponse(
      responseCode = "200",
      description = "As without the trailing segment",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = MandateCommandViews.MandateList.class)))
  @GET
  @Path("/{suffix}")
  public MandateCommandViews.MandateList listWithSuffix(
      @PathParam("customer_id") String customerId,
      @PathParam("suffix") String suffix,
      @QueryParam("version") String version,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @HeaderParam("x-merchantid") String merchantIdHeader,
      @HeaderParam("x-merchant-id") String merchantIdAlternative)
      throws SQLException {
    return list(customerId, version, authorization, merchantIdHeader, merchantIdAlternative);
  }
}
