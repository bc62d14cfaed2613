package dev.paysession;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The served OpenAPI document as a contract: every JSON answer the tests receive from the server is
 * validated against the schema the document gives for its operation and status code, so the
 * document cannot drift from the code.
 *
 * <ul>
 *   <li>An operation of the public API (one with a tag) must document the status it answered with,
 *       and the answer must match that status's schema.
 *   <li>Any other JSON error (an unknown path, a method not allowed, an untagged page) must be the
 *       error envelope, as every error is.
 *   <li>A JSON success from a path the document does not know is a failure.
 * </ul>
 *
 * Framework endpoints under {@code /q/} are not checked.
 */
public final class OpenApiContract {

  /** Where the fetched document is registered, so JSON pointers into it can be resolved. */
  static final String DOCUMENT_URI = "https://paysession.test/openapi.json";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, OpenApiContract> BY_SERVER = new ConcurrentHashMap<>();

  private final JsonNode document;
  private final SchemaRegistry registry;
  private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

  OpenApiContract(String documentJson) {
    this.document = JSON.readTree(documentJson);
    this.registry =
        SchemaRegistry.withDialect(
            Dialects.getOpenApi31(),
            builder -> builder.schemas(Map.of(DOCUMENT_URI, documentJson)));
  }

  /**
   * The management port of the application under test ({@code %test.quarkus.management.test-port}).
   */
  public static final int MANAGEMENT_PORT = 9001;

  /**
   * The contract of the server at {@code baseUri} (fetched once per running application, from its
   * management port).
   */
  public static OpenApiContract of(String baseUri) {
    return BY_SERVER.computeIfAbsent(baseUri, OpenApiContract::fetch);
  }

  private static OpenApiContract fetch(String baseUri) {
    try {
      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create(
                              baseUri.replaceFirst(":\\d+$", ":" + MANAGEMENT_PORT)
                                  + "/q/openapi?format=json"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new AssertionError("GET /q/openapi answered " + response.statusCode());
      }
      return new OpenApiContract(response.body());
    } catch (IOException e) {
      throw new AssertionError("GET /q/openapi failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static boolean installed;

  /** Adds {@link #filter()} to RestAssured's global filters, once per class loader. */
  public static synchronized void install() {
    if (!installed) {
      RestAssured.filters(filter());
      installed = true;
    }
  }

  /**
   * A RestAssured filter that checks every answer from the application under test (the one at
   * RestAssured's current port, and its management port) and fails the request, and so the test, on
   * a breach.
   */
  public static Filter filter() {
    return (request, response, context) -> {
      var answer = context.next(request, response);
      URI uri = URI.create(request.getURI());
      if ((uri.getPort() == RestAssured.port || uri.getPort() == MANAGEMENT_PORT) && isLocal(uri)) {
        String base = uri.getScheme() + "://" + uri.getHost() + ":" + RestAssured.port;
        List<String> breaches =
            of(base)
                .check(
                    request.getMethod(),
                    uri.getRawPath(),
                    answer.statusCode(),
                    answer.contentType(),
                    answer.asString());
        if (!breaches.isEmpty()) {
          throw new AssertionError(
              "The answer to "
                  + request.getMethod()
                  + " "
                  + uri.getRawPath()
                  + " ("
                  + answer.statusCode()
                  + ") breaks the OpenAPI document:\n  "
                  + String.join("\n  ", breaches)
                  + "\nbody: "
                  + answer.asString());
        }
      }
      return answer;
    };
  }

  private static boolean isLocal(URI uri) {
    return "localhost".equals(uri.getHost()) || "127.0.0.1".equals(uri.getHost());
  }

  /** What is wrong with this answer, per the document; empty when it conforms. */
  public List<String> check(
      String method, String path, int status, String contentType, String body) {
    if (path.startsWith("/q/")
        || contentType == null
        || !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")
        || body == null
        || body.isEmpty()) {
      return List.of();
    }
    String template = templateOf(path);
    String operationPointer =
        template == null
            ? null
            : "#/paths/" + escape(template) + "/" + method.toLowerCase(Locale.ROOT);
    JsonNode operation =
        operationPointer == null ? null : document.at(operationPointer.substring(1));
    boolean known = operation != null && !operation.isMissingNode();
    boolean contract = known && operation.path("tags").size() > 0;
    if (contract) {
      Optional<String> pointer = responseSchemaPointer(operationPointer, status);
      if (pointer.isEmpty()) {
        return List.of("status " + status + " is not documented for " + method + " " + template);
      }
      return validate(pointer.get(), body);
    }
    if (status >= 400) {
      return validate("#/components/schemas/ErrorEnvelope", body);
    }
    if (!known) {
      return List.of("no operation " + method + " " + path + " in the document");
    }
    return List.of();
  }

  /** Errors of {@code body} against the schema at {@code pointer} in the document. */
  public List<String> validate(String pointer, String body) {
    Schema schema =
        schemas.computeIfAbsent(
            pointer, p -> registry.getSchema(SchemaLocation.of(DOCUMENT_URI + p)));
    List<Error> errors = schema.validate(body, InputFormat.JSON);
    return errors.stream().map(Error::toString).toList();
  }

  /** The document itself, to inspect in tests. */
  public JsonNode document() {
    return document;
  }

  /** The document's path template that {@code path} is an instance of, or null. */
  private String templateOf(String path) {
    for (String template : document.path("paths").propertyNames()) {
      if (Pattern.matches(template.replaceAll("\\{[^/}]+}", "[^/]+"), path)) {
        return template;
      }
    }
    return null;
  }

  /**
   * The JSON pointer of the schema documented for {@code status} of the operation, through the
   * response's {@code $ref} when it names a shared response.
   */
  private Optional<String> responseSchemaPointer(String operationPointer, int status) {
    String pointer = operationPointer + "/responses/" + status;
    JsonNode response = document.at(pointer.substring(1));
    if (response.has("$ref")) {
      pointer = response.get("$ref").asString();
      response = document.at(pointer.substring(1));
    }
    if (!response.path("content").path("application/json").has("schema")) {
      return Optional.empty();
    }
    return Optional.of(pointer + "/content/application~1json/schema");
  }

  /** A JSON pointer segment: {@code ~} and {@code /} escaped. */
  private static String escape(String segment) {
    return segment.replace("~", "~0").replace("/", "~1");
  }
}
