package dev.paysession.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonBodiesTest {

  private static ApiException refusal(String json) {
    try {
      JsonBodies.readObject(
          new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)),
          "application/json",
          65536);
    } catch (ApiException e) {
      return e;
    }
    throw new AssertionError("accepted: " + json);
  }

  @Test
  void refusesANulCharacterAnywhereWithA400NamingTheField() {
    ApiException error = refusal("{\"order_id\":\"o1\",\"x\":[{\"y\":\"a\\u0000b\"}]}");
    assertThat(error.httpStatus()).isEqualTo(400);
    assertThat(error.fields()).extracting(FieldError::field).containsExactly("x[0].y");

    ApiException inKey = refusal("{\"metadata\":{\"k\\u0000\":1}}");
    assertThat(inKey.fields()).extracting(FieldError::field).containsExactly("metadata.k\\u0000");
  }

  @Test
  void refusesUnpairedSurrogatesAndNumbersPostgresCannotHold() {
    ApiException lone = refusal("{\"a\":\"x\\ud800y\",\"b\":\"\\udc00\"}");
    assertThat(lone.fields()).extracting(FieldError::field).containsExactly("a", "b");
    assertThat(lone.fields().get(0).reason()).contains("unpaired surrogate");

    ApiException huge = refusal("{\"theme\":1e999999999,\"n\":[1e-2000]}");
    assertThat(huge.fields()).extracting(FieldError::field).containsExactly("theme", "n[0]");
  }

  @Test
  void acceptsOtherUnicode() {
    assertThat(
            JsonBodies.readObject(
                new ByteArrayInputStream(
                    "{\"d\":\"😀 \\u202e \\uD83D\\uDE00 \\u0001\"}"
                        .getBytes(StandardCharsets.UTF_8)),
                "application/json",
                65536))
        .isNotNull();
    assertThatThrownBy(() -> refusal("{\"d\":\"ok\"}")).isInstanceOf(AssertionError.class);
  }
}
