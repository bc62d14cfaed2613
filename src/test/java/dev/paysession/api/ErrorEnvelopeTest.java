package dev.paysession.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ErrorEnvelopeTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The envelope as it goes on the wire: its JSON object, keys in order. */
  private static Map<String, Object> envelope(ApiException error, String requestId) {
    try {
      return JSON.readValue(
          JSON.writeValueAsString(ErrorEnvelope.of(error, requestId)),
          new TypeReference<LinkedHashMap<String, Object>>() {});
    } catch (JsonProcessingException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void badFieldsHaveJuspaysShape() {
    ApiException error =
        ApiException.badFields(
            List.of(
                FieldError.missing("order_id"),
                FieldError.invalid("amount", "must be at least 1")));
    Map<String, Object> body = envelope(error, "req-123");

    assertThat(body)
        .containsOnlyKeys("status", "error_code", "error_message", "status_id", "error_info");
    assertThat(body)
        .containsEntry("status", "Bad Request")
        .containsEntry("error_code", "Mandatory fields are missing")
        .containsEntry("status_id", -1);
    assertThat((String) body.get("error_message")).contains("order_id").contains("amount");

    Map<String, Object> info = (Map<String, Object>) body.get("error_info");
    assertThat(info)
        .containsOnlyKeys(
            "category", "request_id", "developer_message", "user_message", "code", "fields");
    assertThat(info)
        .containsEntry("category", "USER_ERROR")
        .containsEntry("request_id", "req-123")
        .containsEntry("user_message", "Invalid input data")
        .containsEntry("code", "INVALID_INPUT");
    assertThat((String) info.get("developer_message"))
        .isEqualTo("order_id: Mandatory fields are missing; amount: must be at least 1");
    List<Map<String, String>> fields = (List<Map<String, String>>) info.get("fields");
    assertThat(fields)
        .containsExactly(
            Map.of("field_name", "order_id", "reason", "Mandatory fields are missing"),
            Map.of("field_name", "amount", "reason", "must be at least 1"));
    assertThat(fields.get(0)).containsOnlyKeys("field_name", "reason");
  }

  @Test
  void onlyInvalidFieldsAreAnInvalidRequest() {
    Map<String, Object> body =
        envelope(
            ApiException.badFields(List.of(FieldError.invalid("amount", "must be at least 1"))),
            "r");
    assertThat(body)
        .containsEntry("status", "ERROR")
        .containsEntry("error_code", "INVALID_REQUEST")
        .containsEntry("error_message", "amount: must be at least 1")
        .containsEntry("status_id", -1);
  }

  @Test
  @SuppressWarnings("unchecked")
  void anUnknownOrderHasJuspaysOrderStatusFields() {
    Map<String, Object> body = envelope(ApiException.orderNotFound("o-1"), "r");
    assertThat(body)
        .containsOnlyKeys(
            "status", "error_code", "error_message", "status_id", "order_id", "error_info")
        .containsEntry("status", "NOT_FOUND")
        .containsEntry("status_id", 40)
        .containsEntry("order_id", "o-1")
        .containsEntry("error_code", "RESOURCE_NOT_FOUND");
    assertThat((Map<String, Object>) body.get("error_info"))
        .containsEntry("code", "RESOURCE_NOT_FOUND")
        .containsEntry("category", "USER_ERROR")
        .containsEntry("user_message", "Order Not Found");
    // Other 404s carry neither.
    assertThat(envelope(ApiException.notFound("No such endpoint"), "r"))
        .doesNotContainKeys("status_id", "order_id")
        .containsEntry("status", "error");
  }

  @Test
  void aSingleMissingFieldSaysSo() {
    Map<String, Object> body =
        envelope(ApiException.badFields(List.of(FieldError.missing("amount"))), "r");
    assertThat(body).containsEntry("error_message", "Mandatory fields are missing: amount");
  }

  @Test
  @SuppressWarnings("unchecked")
  void errorMessageIsAtMost255CharactersButTheDeveloperMessageIsWhole() {
    String huge = "x".repeat(10_000);
    Map<String, Object> body = envelope(ApiException.invalidRequest(huge), "r");
    assertThat((String) body.get("error_message")).hasSize(255).startsWith("xxx").endsWith("…");
    assertThat(((Map<String, Object>) body.get("error_info")).get("developer_message"))
        .isEqualTo(huge);
  }

  @Test
  void aMessageOfExactly255IsKept() {
    String message = "m".repeat(255);
    assertThat(envelope(ApiException.invalidRequest(message), "r"))
        .containsEntry("error_message", message);
  }

  @Test
  @SuppressWarnings("unchecked")
  void manyFieldsStillGiveAShortErrorMessage() {
    List<FieldError> many =
        java.util.stream.IntStream.range(0, 100)
            .mapToObj(i -> FieldError.invalid("metadata.GATEWAY:field_" + i, "bad"))
            .toList();
    Map<String, Object> body = envelope(ApiException.badFields(many), "r");
    assertThat((String) body.get("error_message")).hasSizeLessThanOrEqualTo(255);
    assertThat((List<?>) ((Map<String, Object>) body.get("error_info")).get("fields")).hasSize(100);
  }

  @Test
  @SuppressWarnings("unchecked")
  void otherStatusesHaveNoStatusIdOrFields() {
    Map<String, Object> unauthorized = envelope(ApiException.unauthorized("Invalid API Key."), "r");
    assertThat(unauthorized)
        .doesNotContainKey("status_id")
        .containsEntry("status", "error")
        .containsEntry("error_code", "access_denied");
    assertThat((Map<String, Object>) unauthorized.get("error_info"))
        .doesNotContainKey("fields")
        .containsEntry("category", "USER_ERROR")
        .containsEntry("code", "UNAUTHORIZED");

    Map<String, Object> internal = envelope(ApiException.internal(), "r");
    assertThat(internal)
        .containsEntry("status", "error")
        .containsEntry("error_code", "INTERNAL_SERVER_ERROR");
    assertThat((Map<String, Object>) internal.get("error_info"))
        .containsEntry("category", "SERVER_ERROR");
  }
}
