package dev.paysession.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paysession.TestMerchants;
import dev.paysession.TestMerchants.Merchant;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How {@code POST /session} reads its body: every failure is a JSON 4xx, never a 5xx. */
@QuarkusTest
class RequestBodyHandlingTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TestHTTPResource("/session")
  URL sessionUrl;

  private Merchant merchant;

  @BeforeEach
  void newMerchant() {
    merchant = TestMerchants.create();
  }

  private Response postRaw(String body) {
    return merchant.session().body(body).post("/session");
  }

  private static JsonPath error(Response response, int status) {
    assertThat(response.statusCode()).as(response.asString()).isEqualTo(status);
    assertThat(response.contentType()).startsWith("application/json");
    assertThat(response.header("x-request-id")).isNotBlank();
    JsonPath json = response.jsonPath();
    assertThat(json.getString("error_code")).isNotBlank();
    assertThat(json.getString("error_message")).isNotBlank();
    assertThat(json.getString("error_info.code")).isNotBlank();
    assertThat(response.asString()).doesNotContain("Exception").doesNotContain("\tat ");
    return json;
  }

  private String bodyText(String orderId) throws IOException {
    return JSON.writeValueAsString(merchant.body(orderId));
  }

  @Test
  void malformedJsonIs400() {
    JsonPath json = error(postRaw("{\"order_id\": \"x\", \"amount\": "), 400);
    assertThat(json.getString("error_code")).isEqualTo("INVALID_REQUEST");
    error(postRaw("{order_id: 'x'}"), 400);
    error(postRaw("not json at all"), 400);
  }

  @Test
  void trailingContentAfterTheObjectIs400() throws IOException {
    error(postRaw(bodyText("trailing-1") + " {}"), 400);
  }

  @Test
  void aJsonArrayOrScalarIs400() throws IOException {
    error(postRaw("[" + bodyText("array-1") + "]"), 400);
    error(postRaw("\"just a string\""), 400);
    error(postRaw("null"), 400);
  }

  @Test
  void anEmptyBodyIs400() {
    error(postRaw(""), 400);
    error(postRaw("   \n"), 400);
  }

  @Test
  void formEncodedBodyIs415() {
    Response response =
        given()
            .header("Authorization", TestMerchants.basicWithColon(merchant.apiKey()))
            .header("x-merchantid", merchant.merchantId())
            .contentType("application/x-www-form-urlencoded")
            .formParam("order_id", "form-1")
            .formParam("amount", "1.0")
            .post("/session");
    error(response, 415);
  }

  @Test
  void otherNonJsonContentTypesAre415ButJsonWithCharsetIsAccepted() throws IOException {
    Response text =
        given()
            .header("Authorization", TestMerchants.basicWithColon(merchant.apiKey()))
            .header("x-merchantid", merchant.merchantId())
            .contentType("text/plain")
            .body(bodyText("text-1"))
            .post("/session");
    error(text, 415);
    given()
        .header("Authorization", TestMerchants.basicWithColon(merchant.apiKey()))
        .header("x-merchantid", merchant.merchantId())
        .contentType("application/json; charset=UTF-8")
        .body(bodyText("charset-1"))
        .post("/session")
        .then()
        .statusCode(200);
  }

  @Test
  void aBodyOverTheSessionLimitIs413() throws IOException {
    Map<String, Object> body = merchant.body("big-1");
    body.put("padding", "x".repeat(70 * 1024));
    JsonPath json = error(merchant.session().body(body).post("/session"), 413);
    assertThat(json.getString("error_code")).isEqualTo("INVALID_REQUEST");
    // …and a body just under 64 KiB is read (here it is a valid order).
    body.put("order_id", "big-2");
    body.put("padding", "x".repeat(60 * 1024));
    merchant.session().body(body).post("/session").then().statusCode(200);
  }

  @Test
  void aDeclaredLengthOverTheServerLimitIs413BeforeTheBodyIsRead() throws Exception {
    // 2 MiB declared: refused from the Content-Length header alone.
    byte[] big = new byte[2 * 1024 * 1024];
    java.util.Arrays.fill(big, (byte) ' ');
    HttpResponse<String> response =
        http()
            .send(
                authorized(HttpRequest.BodyPublishers.ofByteArray(big)),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.headers().firstValue("content-type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    assertThat(response.headers().firstValue("x-request-id")).isPresent();
    assertThat(JSON.readTree(response.body()).path("error_code").asText()).isNotBlank();
  }

  @Test
  void aChunkedBodyIsAccepted() throws Exception {
    byte[] bytes = bodyText("chunked-1").getBytes(StandardCharsets.UTF_8);
    // ofInputStream has no known length: HTTP/1.1 sends it with Transfer-Encoding: chunked.
    HttpResponse<String> response =
        http()
            .send(
                authorized(
                    HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(bytes))),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode json = JSON.readTree(response.body());
    assertThat(json.path("status").asText()).isEqualTo("NEW");
    assertThat(json.path("order_id").asText()).isEqualTo("chunked-1");
  }

  @Test
  void aChunkedBodyOverTheLimitIs413() throws Exception {
    Map<String, Object> body = merchant.body("chunked-2");
    body.put("padding", "x".repeat(100 * 1024));
    byte[] bytes = JSON.writeValueAsBytes(body);
    HttpResponse<String> response =
        http()
            .send(
                authorized(
                    HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(bytes))),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(JSON.readTree(response.body()).path("error_code").asText()).isNotBlank();
  }

  @Test
  void amountMayBeAJsonNumber() {
    Map<String, Object> body = merchant.body("number-1");
    body.put("amount", 1);
    assertThat(
            merchant
                .session()
                .body(body)
                .post("/session")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getString("sdk_payload.payload.amount"))
        .isEqualTo("1.0");
    String json =
        postRaw(
                "{\"order_id\":\"number-2\",\"amount\":100.15,\"customer_id\":\"c1\","
                    + "\"payment_page_client_id\":\""
                    + merchant.clientId()
                    + "\",\"action\":\"paymentPage\",\"return_url\":\"https://shop.merchant.com\"}")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getString("sdk_payload.payload.amount");
    assertThat(json).isEqualTo("100.15");
  }

  @Test
  void aJsonNumberAmountWithTooManyDecimalsIsInvalid() {
    JsonPath json =
        error(
            postRaw(
                "{\"order_id\":\"number-3\",\"amount\":100.1532,\"customer_id\":\"c1\","
                    + "\"payment_page_client_id\":\""
                    + merchant.clientId()
                    + "\",\"action\":\"paymentPage\",\"return_url\":\"https://shop.merchant.com\"}"),
            400);
    assertThat(json.getList("error_info.fields.field_name")).containsExactly("amount");
  }

  @Test
  void booleansMayBeStringsOrJsonBooleans() {
    Merchant upi = TestMerchants.createWithUpi();
    for (Object yes : new Object[] {"true", true, "TRUE"}) {
      Map<String, Object> body = upi.body(TestMerchants.uniqueId("b"));
      body.put("options.get_upi_deep_links", yes);
      String deepLink =
          upi.session()
              .body(body)
              .post("/session")
              .then()
              .statusCode(200)
              .extract()
              .jsonPath()
              .getString("payment_links.deep_link");
      assertThat(deepLink).as("options.get_upi_deep_links=%s", yes).startsWith("upi://pay?");
    }
    for (Object no : new Object[] {"false", false}) {
      Map<String, Object> body = upi.body(TestMerchants.uniqueId("b"));
      body.put("options.get_upi_deep_links", no);
      Map<String, Object> links =
          upi.session()
              .body(body)
              .post("/session")
              .then()
              .statusCode(200)
              .extract()
              .jsonPath()
              .getMap("payment_links");
      assertThat(links).as("options.get_upi_deep_links=%s", no).doesNotContainKey("deep_link");
    }
  }

  @Test
  void aBooleanThatIsNeitherTrueNorFalseIsInvalid() {
    Merchant upi = TestMerchants.createWithUpi();
    for (Object bad : new Object[] {"yes", 1}) {
      Map<String, Object> body = upi.body(TestMerchants.uniqueId("b"));
      body.put("options.get_upi_deep_links", bad);
      JsonPath json = error(upi.session().body(body).post("/session"), 400);
      assertThat(json.getList("error_info.fields.field_name"))
          .as("options.get_upi_deep_links=%s", bad)
          .containsExactly("options.get_upi_deep_links");
    }
  }

  @Test
  void duplicateJsonKeysAre400() {
    JsonPath json =
        error(
            postRaw(
                "{\"order_id\":\"dup-1\",\"amount\":\"1.0\",\"amount\":\"1000.0\","
                    + "\"customer_id\":\"c1\",\"payment_page_client_id\":\""
                    + merchant.clientId()
                    + "\",\"action\":\"paymentPage\",\"return_url\":\"https://shop.merchant.com\"}"),
            400);
    assertThat(json.getString("error_code")).isEqualTo("INVALID_REQUEST");
    assertThat(json.getString("error_message")).contains("amount");
  }

  @Test
  void aDottedKeyAndTheSameNestedKeyAre400() {
    Merchant upi = TestMerchants.createWithUpi();
    Map<String, Object> body = upi.body("dup-2");
    body.put("options.get_upi_deep_links", "true");
    body.put("options", Map.of("get_upi_deep_links", "true"));
    JsonPath json = error(upi.session().body(body).post("/session"), 400);
    assertThat(json.getList("error_info.fields.field_name"))
        .containsExactly("options.get_upi_deep_links");
  }

  @Test
  void aNestedOptionsObjectIsReadLikeDottedKeys() {
    Merchant upi = TestMerchants.createWithUpi();
    Map<String, Object> body = upi.body("nested-1");
    body.put("options", Map.of("get_upi_deep_links", true));
    assertThat(
            upi.session()
                .body(body)
                .post("/session")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getString("payment_links.deep_link"))
        .startsWith("upi://pay?");
  }

  /** PostgreSQL's jsonb refuses U+0000: it must be a 400 naming the field, not a 500. */
  @Test
  void aNulCharacterAnywhereInTheBodyIs400() {
    String[][] cases = {
      {",\"theme\":\"a\\u0000b\"", "theme"},
      {",\"metadata.PAYU:udf1\":\"a\\u0000b\"", "metadata.PAYU:udf1"},
      {",\"payment_filter\":{\"note\":[\"\\u0000\"]}", "payment_filter.note[0]"},
      {",\"odd\\u0000key\":\"x\"", "odd\\u0000key"},
    };
    for (String[] c : cases) {
      JsonPath json = error(postRaw(withExtra(TestMerchants.uniqueId("nul"), c[0])), 400);
      assertThat(json.getString("error_code")).as(c[0]).isEqualTo("INVALID_REQUEST");
      assertThat(json.getList("error_info.fields.field_name")).as(c[0]).containsExactly(c[1]);
    }
    // The same fields without the NUL are stored as sent.
    postRaw(withExtra("nul-ok", ",\"theme\":\"ab\",\"payment_filter\":{\"note\":[\"x\"]}"))
        .then()
        .statusCode(200);
  }

  /**
   * A 20-character number such as 1e999999999 must neither overflow PostgreSQL's numeric (500) nor
   * be expanded to a billion digits (seconds of CPU and a gigabyte of memory per request).
   */
  @Test
  void aNumberWithAHugeExponentIs400Quickly() {
    String[][] cases = {
      {"\"amount\":1e999999999", "amount"},
      {"\"amount\":\"1.0\",\"theme\":1e99999999", "theme"},
      {"\"amount\":\"1.0\",\"theme\":1e-999999999", "theme"},
      {"\"amount\":\"1.0\",\"metadata.expiryInMins\":6E+999999", "metadata.expiryInMins"},
    };
    for (String[] c : cases) {
      long started = System.nanoTime();
      String body =
          "{\"order_id\":\""
              + TestMerchants.uniqueId("exp")
              + "\","
              + c[0]
              + ",\"customer_id\":\"c1\",\"payment_page_client_id\":\""
              + merchant.clientId()
              + "\",\"action\":\"paymentPage\",\"return_url\":\"https://shop.merchant.com\"}";
      JsonPath json = error(postRaw(body), 400);
      assertThat(Duration.ofNanos(System.nanoTime() - started))
          .as(c[0])
          .isLessThan(Duration.ofSeconds(5));
      assertThat(json.getList("error_info.fields.field_name")).as(c[0]).containsExactly(c[1]);
    }
    // An ordinary exponent is an ordinary number.
    postRaw(withExtra("exp-ok", ",\"theme\":1.5e3")).then().statusCode(200);
  }

  private String withExtra(String orderId, String extraFields) {
    return "{\"order_id\":\""
        + orderId
        + "\",\"amount\":\"1.0\",\"customer_id\":\"c1\",\"payment_page_client_id\":\""
        + merchant.clientId()
        + "\",\"action\":\"paymentPage\",\"return_url\":\"https://shop.merchant.com\""
        + extraFields
        + "}";
  }

  private static HttpClient http() {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10))
        .build();
  }

  private HttpRequest authorized(HttpRequest.BodyPublisher body) throws URISyntaxException {
    URI uri = sessionUrl.toURI();
    return HttpRequest.newBuilder(uri)
        .timeout(Duration.ofSeconds(30))
        .header("Authorization", TestMerchants.basicWithColon(merchant.apiKey()))
        .header("x-merchantid", merchant.merchantId())
        .header("Content-Type", "application/json")
        .POST(body)
        .build();
  }
}
