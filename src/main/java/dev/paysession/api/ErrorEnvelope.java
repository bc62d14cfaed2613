package dev.paysession.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Juspay's error body: {@code status}, {@code error_code}, {@code error_message}, {@code status_id}
 * and {@code order_id} when the error has them, and {@code error_info{category, request_id,
 * developer_message, user_message, code, fields[]}}. Built as an ordered map so every error,
 * whichever layer produced it, serialises the same way.
 */
public final class ErrorEnvelope {

  /** Juspay caps error_message at 255 characters; developer_message carries the full text. */
  private static final int MAX_ERROR_MESSAGE = 255;

  private ErrorEnvelope() {}

  public static Map<String, Object> of(ApiException error, String requestId) {
    String message = error.getMessage();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", error.status());
    body.put("error_code", error.errorCode());
    body.put("error_message", truncate(message));
    error.statusId().ifPresent(id -> body.put("status_id", id));
    error.orderId().ifPresent(orderId -> body.put("order_id", orderId));
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("category", error.httpStatus() >= 500 ? "SERVER_ERROR" : "USER_ERROR");
    info.put("request_id", requestId);
    info.put("developer_message", developerMessage(error));
    info.put("user_message", error.userMessage());
    info.put("code", error.infoCode());
    if (!error.fields().isEmpty()) {
      List<Map<String, String>> fields = new ArrayList<>();
      for (FieldError field : error.fields()) {
        Map<String, String> entry = new LinkedHashMap<>();
        entry.put("field_name", field.field());
        entry.put("reason", field.reason());
        fields.add(entry);
      }
      info.put("fields", fields);
    }
    body.put("error_info", info);
    return body;
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
