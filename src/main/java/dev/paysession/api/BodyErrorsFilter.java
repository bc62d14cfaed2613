package dev.paysession.api;

import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Every operation that takes a body can answer 408, 413 and 415 ({@link HttpPlumbing} and {@link
 * JsonBodies} give those answers before any resource runs), so the document says so once, here,
 * instead of three annotations on every such operation. Likewise every operation a merchant's API
 * key authenticates can answer 429 (its rate limit, {@link RateLimits}), and so can every admin
 * operation (failed admin authentications are throttled per client address).
 */
public class BodyErrorsFilter implements OASFilter {

  private static final Map<String, String> BODY_ERRORS =
      Map.of(
          "408", OpenApiDocument.TIMEOUT,
          "413", OpenApiDocument.TOO_LARGE,
          "415", OpenApiDocument.UNSUPPORTED);

  @Override
  public Operation filterOperation(Operation operation) {
    APIResponses responses = operation.getResponses();
    if (responses != null
        && operation.getSecurity() != null
        && operation.getSecurity().stream()
            .anyMatch(
                requirement ->
                    requirement.hasScheme(OpenApiDocument.MERCHANT_AUTH)
                        || requirement.hasScheme(OpenApiDocument.ADMIN_AUTH))) {
      addTooMany(operation);
    }
    if (operation.getRequestBody() != null && responses != null) {
      BODY_ERRORS.forEach(
          (status, name) -> {
            if (!responses.hasAPIResponse(status)) {
              responses.addAPIResponse(
                  status, OASFactory.createAPIResponse().ref("#/components/responses/" + name));
            }
          });
    }
    return operation;
  }

  /** The payment page's form posts are limited per order and per client address too. */
  @Override
  public void filterOpenAPI(OpenAPI openAPI) {
    if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
      return;
    }
    openAPI
        .getPaths()
        .getPathItems()
        .forEach(
            (path, item) -> {
              if (path.startsWith("/orders/{id}/payment-page/") && item.getPOST() != null) {
                addTooMany(item.getPOST());
              }
            });
  }

  private static void addTooMany(Operation operation) {
    APIResponses responses = operation.getResponses();
    if (responses != null && !responses.hasAPIResponse("429")) {
      responses.addAPIResponse(
          "429",
          OASFactory.createAPIResponse().ref("#/components/responses/" + OpenApiDocument.TOO_MANY));
    }
  }
}
