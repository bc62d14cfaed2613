package dev.paysession.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * The one place Jackson is configured. Every mapper in the application, the injected one included,
 * reads numbers as {@code BigDecimal} (never {@code double}: amounts stay exact) and a document as
 * exactly one value. Two stricter variants add to that, never change it: {@link #exact()} for what
 * a merchant sent (a number keeps its text, 100.10 stays 100.10) and {@link #requestBodies()} for
 * request bodies (also duplicate keys refused and size bounded).
 */
public final class Json {

  private static final ObjectMapper MAPPER = common(new ObjectMapper());

  private static final ObjectMapper EXACT =
      common(new ObjectMapper()).setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

  /** Duplicate keys are an error rather than "last one wins", and nesting is bounded. */
  private static final ObjectMapper REQUEST_BODIES =
      EXACT.copy().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  static {
    REQUEST_BODIES
        .getFactory()
        .setStreamReadConstraints(
            StreamReadConstraints.builder()
                .maxNestingDepth(32)
                .maxNumberLength(64)
                .maxStringLength(64 * 1024)
                .build());
  }

  private Json() {}

  /** The application's settings, for plain-Java code that cannot inject the mapper. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** Numbers keep their exact text in trees: what the merchant sent, not a normalised form. */
  public static ObjectMapper exact() {
    return EXACT;
  }

  /** Exact, and a request body's limits: no duplicate keys, bounded nesting and lengths. */
  public static ObjectMapper requestBodies() {
    return REQUEST_BODIES;
  }

  private static ObjectMapper common(ObjectMapper mapper) {
    return mapper
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  }

  /** Gives the injected mapper (Quarkus REST, webhooks, error envelopes) the same settings. */
  @Singleton
  static class Customizer implements ObjectMapperCustomizer {
    @Override
    public void customize(ObjectMapper mapper) {
      common(mapper);
    }
  }
}
