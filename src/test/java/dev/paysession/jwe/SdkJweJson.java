package dev.paysession.jwe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.response.Response;

/** JSON helpers for the JWE tests. */
final class SdkJweJson {

  private static final ObjectMapper JSON = new ObjectMapper();

  private SdkJweJson() {}

  static JsonNode read(Response response) {
    try {
      return JSON.readTree(response.asString());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static ObjectNode object(String json) {
    try {
      return (ObjectNode) JSON.readTree(json);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
