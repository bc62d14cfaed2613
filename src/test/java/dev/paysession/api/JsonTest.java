package dev.paysession.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class JsonTest {

  @Test
  void everyMapperReadsDecimalsExactlyAndOneDocumentOnly() throws Exception {
    ObjectMapper injected = new ObjectMapper();
    new Json.Customizer().customize(injected);
    for (ObjectMapper mapper :
        new ObjectMapper[] {Json.mapper(), Json.exact(), Json.requestBodies(), injected}) {
      assertThat(mapper.isEnabled(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)).isTrue();
      assertThat(mapper.readTree("{\"a\":0.1}").get("a").isBigDecimal()).isTrue();
      assertThatThrownBy(() -> mapper.readTree("{} {}"))
          .isInstanceOf(JsonProcessingException.class);
    }
  }

  @Test
  void exactKeepsTheTextTheMerchantSent() throws Exception {
    assertThat(Json.exact().readTree("{\"a\":100.10}").get("a").decimalValue().toPlainString())
        .isEqualTo("100.10");
    assertThat(Json.requestBodies().readTree("{\"a\":100.10}").get("a").asText())
        .isEqualTo("100.10");
  }

  @Test
  void onlyRequestBodiesRefuseDuplicateKeysAndDeepNesting() throws Exception {
    String duplicate = "{\"a\":1,\"a\":2}";
    assertThatThrownBy(() -> Json.requestBodies().readTree(duplicate))
        .hasMessageContaining("Duplicate field 'a'");
    assertThat(Json.exact().readTree(duplicate).get("a").asInt()).isEqualTo(2);
    String deep = "[".repeat(40) + "]".repeat(40);
    assertThatThrownBy(() -> Json.requestBodies().readTree(deep))
        .hasMessageContaining("nesting depth");
    assertThat(Json.mapper().readTree(deep).isArray()).isTrue();
  }
}
