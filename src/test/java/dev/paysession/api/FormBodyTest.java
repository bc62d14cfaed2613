package dev.paysession.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Form bodies as Juspay's server SDKs post them, read into the same flat fields as JSON. */
class FormBodyTest {

  private static ObjectNode read(String body, String contentType) {
    return JsonBodies.readJsonOrForm(
        new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), contentType, 65536);
  }

  private static ObjectNode form(String body) {
    return read(body, "application/x-www-form-urlencoded; charset=UTF-8");
  }

  @Test
  void decodesPercentEscapesPlusAsSpaceAndKeepsDottedKeysFlat() {
    ObjectNode body =
        form("order_id=o-1&amount=10.50&mandate.max_amount=99&description=tea+%26+caf%C3%A9&udf1=");
    assertThat(body.get("order_id").textValue()).isEqualTo("o-1");
    assertThat(body.get("amount").textValue()).isEqualTo("10.50");
    assertThat(body.get("mandate.max_amount").textValue()).isEqualTo("99");
    assertThat(body.get("description").textValue()).isEqualTo("tea & café");
    assertThat(body.get("udf1").textValue()).isEmpty();
    assertThat(form("a=1&&b=2&").size()).isEqualTo(2);
  }

  @Test
  void jsonStillReadsAsJsonAndAMissingContentTypeMeansJson() {
    assertThat(read("{\"amount\":1}", "application/json").get("amount").isNumber()).isTrue();
    assertThat(read("{\"amount\":1}", null).get("amount").isNumber()).isTrue();
  }

  @Test
  void refusesWhatWouldChangeAValue() {
    assertThat(refusal(() -> form("a=1&a=2")).fields())
        .extracting(FieldError::field)
        .containsExactly("a");
    assertThat(refusal(() -> form("a=%zz")).getMessage()).contains("percent escape");
    assertThat(refusal(() -> form("a=%C3")).getMessage()).contains("UTF-8");
    assertThat(refusal(() -> form("a=x%00y")).fields())
        .extracting(FieldError::field)
        .containsExactly("a");
    assertThat(refusal(() -> form("=1")).getMessage()).contains("without a name");
    assertThat(refusal(() -> form("")).getMessage()).contains("empty");
    assertThat(refusal(() -> read("a=1", "text/plain")).httpStatus()).isEqualTo(415);
  }

  private static ApiException refusal(Runnable read) {
    assertThatThrownBy(read::run).isInstanceOf(ApiException.class);
    try {
      read.run();
    } catch (ApiException e) {
      return e;
    }
    throw new AssertionError("unreachable");
  }
}
