package dev.paysession.api;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A request that cannot be served, carrying everything the error envelope needs. Thrown from
 * services and turned into JSON by {@link ApiExceptionMappers}; never carries a stack trace to a
 * client.
 */
public class ApiException extends RuntimeException {

  private final int httpStatus;
  private final String status;
  private final String errorCode;
  private final String userMessage;
  private final String infoCode;
  private final List<FieldError> fields;
  private final Integer statusId;
  private final String orderId;
  private Duration retryAfter;

  /** An error with Juspay's {@code status_id} -1 on a 400 and none otherwise. */
  public ApiException(
      int httpStatus,
      String status,
      String errorCode,
      String errorMessage,
      String userMessage,
      String infoCode,
      List<FieldError> fields) {
    this(
        httpStatus,
        status,
        errorCode,
        errorMessage,
        userMessage,
        infoCode,
        fields,
        httpStatus == 400 ? -1 : null,
        null);
  }

  /**
   * @param statusId Juspay's {@code status_id}, or null for none
   * @param orderId the {@code order_id} the error is about, or null for none
   */
  private ApiException(
      int httpStatus,
      String status,
      String errorCode,
      String errorMessage,
      String userMessage,
      String infoCode,
      List<FieldError> fields,
      Integer statusId,
      String orderId) {
    super(errorMessage, null, false, false);
    this.httpStatus = httpStatus;
    this.status = status;
    this.errorCode = errorCode;
    this.userMessage = userMessage;
    this.infoCode = infoCode;
    this.fields = List.copyOf(fields);
    this.statusId = statusId;
    this.orderId = orderId;
  }

  /** 400 for a request whose fields are missing or invalid; lists every offending field. */
  public static ApiException badFields(List<FieldError> fields) {
    boolean anyMissing = fields.stream().anyMatch(f -> f.kind() == FieldError.Kind.MISSING);
    if (anyMissing) {
      return new ApiException(
          400,
          "Bad Request",
          "Mandatory fields are missing",
          summarise(fields),
          "Invalid input data",
          "INVALID_INPUT",
          fields);
    }
    return new ApiException(
        400,
        "ERROR",
        "INVALID_REQUEST",
        summarise(fields),
        "Invalid input data",
        "INVALID_INPUT",
        fields);
  }

  /** 400 for a request that is well-formed field by field but wrong as a whole. */
  public static ApiException invalidRequest(String message) {
    return new ApiException(
        400, "ERROR", "INVALID_REQUEST", message, "Invalid input data", "INVALID_INPUT", List.of());
  }

  /**
   * 400 for a bad {@code order_id} on the Orders API, with the {@code error_code} and text of the
   * answer Juspay's sandbox gave (recorded): {@code invalid_request}, "INVALID ORDERID: …". The
   * offending fields are listed as for any invalid request.
   */
  public static ApiException invalidOrderId(List<FieldError> fields) {
    return new ApiException(
        400,
        "ERROR",
        "invalid_request",
        "INVALID ORDERID: order_id must begin with an alphanumeric character and may include the"
            + " special characters - _ ( } + ~ { . )",
        "Invalid input data",
        "INVALID_INPUT",
        fields);
  }

  public static ApiException invalidAction(String message) {
    return new ApiException(
        400,
        "ERROR",
        "INVALID_REQUEST",
        message,
        "Invalid input data",
        "INVALID_ACTION",
        List.of());
  }

  public static ApiException unauthorized(String developerMessage) {
    return new ApiException(
        401,
        "error",
        "access_denied",
        developerMessage,
        "Unauthorized.",
        "UNAUTHORIZED",
        List.of());
  }

  /** 401 for a credential that was valid once (a client auth token past its expiry). */
  public static ApiException expired(String developerMessage) {
    return new ApiException(
        401, "error", "access_denied", developerMessage, "Session expired.", "EXPIRED", List.of());
  }

  public static ApiException notFound(String message) {
    return new ApiException(
        404, "error", "RESOURCE_NOT_FOUND", message, "Not found.", "RESOURCE_NOT_FOUND", List.of());
  }

  /**
   * 404 for an order the caller has none of, as Juspay's Order Status API answers it: {@code
   * status} NOT_FOUND with {@code status_id} 40 and the {@code order_id}, so a client reading the
   * order-status fields sees the order's state; the rest of the envelope as for any 404.
   */
  public static ApiException orderNotFound(String orderId) {
    return new ApiException(
        404,
        ORDER_NOT_FOUND_STATUS,
        "RESOURCE_NOT_FOUND",
        "Order " + orderId + " not found",
        "Order Not Found",
        "RESOURCE_NOT_FOUND",
        List.of(),
        ORDER_NOT_FOUND_STATUS_ID,
        orderId);
  }

  // Juspay's status and status_id for an order it does not have: an answer, not an order status.
  private static final String ORDER_NOT_FOUND_STATUS = "NOT_FOUND";
  private static final int ORDER_NOT_FOUND_STATUS_ID = 40;

  public static ApiException conflict(String message) {
    return new ApiException(
        409, "error", "ALREADY_EXISTS", message, message, "ALREADY_EXISTS", List.of());
  }

  /** A plain HTTP-level failure (wrong method, media type, size) with its own status. */
  public static ApiException http(int httpStatus, String errorCode, String message) {
    return new ApiException(httpStatus, "error", errorCode, message, message, errorCode, List.of());
  }

  /** 429: over a rate limit; {@code Retry-After} says when a retry can succeed. */
  public static ApiException tooManyRequests(String message, Duration retryAfter) {
    ApiException error =
        new ApiException(
            429,
            "error",
            "TOO_MANY_REQUESTS",
            message,
            "Too many requests. Please retry later.",
            "TOO_MANY_REQUESTS",
            List.of());
    error.retryAfter = retryAfter;
    return error;
  }

  /** Whole seconds for {@code Retry-After}, rounded up; empty when the answer has none. */
  public Optional<Long> retryAfterSeconds() {
    return Optional.ofNullable(retryAfter).map(wait -> Math.max(1, (wait.toMillis() + 999) / 1000));
  }

  public static ApiException unavailable(String message) {
    return new ApiException(
        503,
        "error",
        "SERVICE_UNAVAILABLE",
        message,
        "Service temporarily unavailable. Please retry.",
        "SERVICE_UNAVAILABLE",
        List.of());
  }

  public static ApiException internal() {
    return new ApiException(
        500,
        "error",
        "INTERNAL_SERVER_ERROR",
        "Internal server Error",
        "Something went wrong. Please retry.",
        "INTERNAL_SERVER_ERROR",
        List.of());
  }

  private static String summarise(List<FieldError> fields) {
    if (fields.size() == 1) {
      FieldError only = fields.get(0);
      return only.kind() == FieldError.Kind.MISSING
          ? FieldError.MISSING_REASON + ": " + only.field()
          : only.field() + ": " + only.reason();
    }
    StringBuilder message = new StringBuilder(fields.size() + " fields are missing or invalid: ");
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        message.append(", ");
      }
      message.append(fields.get(i).field());
    }
    return message.toString();
  }

  public int httpStatus() {
    return httpStatus;
  }

  public String status() {
    return status;
  }

  public String errorCode() {
    return errorCode;
  }

  public String userMessage() {
    return userMessage;
  }

  public String infoCode() {
    return infoCode;
  }

  public List<FieldError> fields() {
    return fields;
  }

  /** Juspay's {@code status_id}, when the error has one. */
  public Optional<Integer> statusId() {
    return Optional.ofNullable(statusId);
  }

  /** The {@code order_id} the error is about, when it names one. */
  public Optional<String> orderId() {
    return Optional.ofNullable(orderId);
  }
}
