package dev.paysession.api;

/**
 * Names the resources' OpenAPI annotations refer to, defined in {@code META-INF/openapi.yaml}
 * (which smallrye-openapi merges with the annotations): the shared error answers, each the {@link
 * ErrorEnvelope}, and the two ways of authenticating.
 */
public final class OpenApiDocument {

  public static final String BAD_REQUEST = "BadRequest";
  public static final String UNAUTHORIZED = "Unauthorized";
  public static final String NOT_FOUND = "NotFound";
  public static final String CONFLICT = "Conflict";
  public static final String TIMEOUT = "RequestTimeout";
  public static final String TOO_LARGE = "PayloadTooLarge";
  public static final String UNSUPPORTED = "UnsupportedMediaType";
  public static final String TOO_MANY = "TooManyRequests";
  public static final String SERVER_ERROR = "ServerError";
  public static final String UNAVAILABLE = "Unavailable";
  public static final String MERCHANT_AUTH = "merchantBasic";
  public static final String ADMIN_AUTH = "adminBearer";

  private OpenApiDocument() {}
}
