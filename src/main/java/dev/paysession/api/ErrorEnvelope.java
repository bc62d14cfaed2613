package dev.paysession.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Juspay's error body: {@code status}, {@code error_code}, {@code error_message}, {@code status_id}
 * and {@code order_id} when the error has them, and {@code error_info{category, request_id,
 * developer_message, user_message, code, fields[]}}. One type, so every error, whichever layer
 * produced it, serialises the same way.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(
    name = "ErrorEnvelope",
    description = "Every error answer (4xx and 5xx), Juspay's shape.",
    requiredProperties = {"status", "error_code", "error_message", "error_info"},
    additionalProperties = Schema.False.class)
public record ErrorEnvelope(
    @JsonProperty("status") String status,
    @JsonProperty("error_code") String errorCode,
    @Schema(description = "At most 255 characters; error_info.developer_message is whole.")
        @JsonProperty("error_message")
        String errorMessage,
    @Schema(description = "-1 for field errors, 40 for an unknown order; absent otherwise.")
        @JsonProperty("status_id")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        Integer statusId,
    @Schema(description = "The order asked about, for an unknown order only.")
        @JsonProperty("order_id")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        String orderId,
    @JsonProperty("error_info") Info errorInfo) {

  /** Juspay caps error_message at 255 characters; developer_message carries the full text. */
  private static final int MAX_ERROR_MESSAGE = 255;

  /** {@code error_info}: {@code fields} only when the error is about request fields. */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  @Schema(
      name = "ErrorInfo",
      requiredProperties = {"category", "request_id", "developer_message", "user_message", "code"},
      additionalProperties = Schema.False.class)
  public record Info(
      @Schema(enumeration = {"USER_ERROR", "SERVER_ERROR"}) @JsonProperty("category")
          String category,
      @JsonProperty("request_id") String requestId,
      @JsonProperty("developer_message") String developerMessage,
      @JsonProperty("user_message") String userMessage,
      @JsonProperty("code") String code,
      @JsonProperty("fields") @JsonInclude(JsonInclude.Include.NON_NULL) List<Field> fields) {}

  /** One offending request field. */
  @Schema(
      name = "ErrorField",
      requiredProperties = {"field_name", "reason"},
      additionalProperties = Schema.False.class)
  public record Field(
      @JsonProperty("field_name") String fieldName, @JsonProperty("reason") String reason) {}

  public static ErrorEnvelope of(ApiException error, String requestId) {
    String message = error.getMessage();
    List<Field> fields =
        error.fields().isEmpty()
            ? null
            : error.fields().stream()
                .map(field -> new Field(field.field(), field.reason()))
                .toList();
    Info info =
        new Info(
            error.httpStatus() >= 500 ? "SERVER_ERROR" : "USER_ERROR",
            requestId,
            developerMessage(error),
            error.userMessage(),
            error.infoCode(),
            fields);
    return new ErrorEnvelope(
        error.status(),
        error.errorCode(),
        truncate(message),
        error.statusId().orElse(null),
        error.orderId().orElse(null),
        info);
  }

  private static String developerMessage(ApiException error) {
    if (error.fields().size() <= 1) {
      return error.getMessage();
    }
    StringBuilder message = new StringBuilder();
    for (FieldError field : error.fields()) {
      if (message.length() > 0) {
        message.append("; ");
      }
      message.append(field.field()).append(": ").append(field.reason());
    }
    return message.toString();
  }

  private static String truncate(String message) {
    return message.length() <= MAX_ERROR_MESSAGE
        ? message
        : message.substring(0, MAX_ERROR_MESSAGE - 1) + "…";
  }
}
