package dev.paysession;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The "Sample Request" bodies of the seed's three versions of the Session API, kept verbatim in
 * {@code src/test/resources/seed/<version>-request.json}; only the client id placeholder changes.
 */
public final class SeedRequests {

  private static final ObjectMapper JSON = new ObjectMapper();

  private SeedRequests() {}

  public static Map<String, Object> defaultVersion(String clientId) {
    return parse(text("default"), clientId);
  }

  public static Map<String, Object> v1(String clientId) {
    return parse(text("v1"), clientId);
  }

  public static Map<String, Object> enach(String clientId) {
    return parse(text("enach"), clientId);
  }

  /** The sample body of {@code version} ("default", "v1" or "enach") exactly as the seed has it. */
  public static String text(String version) {
    try (InputStream in =
        SeedRequests.class.getResourceAsStream("/seed/" + version + "-request.json")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, Object> parse(String json, String clientId) {
    try {
      return JSON.readValue(
          json.replace("yourClientId", clientId),
          new TypeReference<LinkedHashMap<String, Object>>() {});
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
