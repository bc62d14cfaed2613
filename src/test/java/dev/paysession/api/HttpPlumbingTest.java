package dev.paysession.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.paysession.TestMerchants;
import dev.paysession.TestMerchants.Merchant;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Routes no resource serves, wrong methods, and the request id on every response. */
@QuarkusTest
class HttpPlumbingTest {

  private static JsonPath jsonError(Response response, int status) {
    assertThat(response.statusCode()).as(response.asString()).isEqualTo(status);
    assertThat(response.contentType()).startsWith("application/json");
    assertThat(response.header("x-request-id")).isNotBlank();
    JsonPath json = response.jsonPath();
    assertThat(json.getString("status")).isNotBlank();
    assertThat(json.getString("error_code")).isNotBlank();
    assertThat(json.getString("error_message")).isNotBlank();
    assertThat(json.getString("error_info.request_id")).isEqualTo(response.header("x-request-id"));
    return json;
  }

  @Test
  void anUnknownRouteIsAJson404() {
    JsonPath json = jsonError(given().get("/no/such/route"), 404);
    assertThat(json.getString("error_code")).isEqualTo("RESOURCE_NOT_FOUND");
    jsonError(given().contentType(ContentType.JSON).body("{}").post("/sessions"), 404);
    jsonError(given().delete("/"), 404);
  }

  @Test
  void aKnownRouteIsNot404() {
    // The counterpart of the above: /session exists, so an empty POST is a 400, not a 404.
    assertThat(given().contentType(ContentType.JSON).body("{}").post("/session").statusCode())
        .isEqualTo(400); // missing x-merchantid is checked before the key
  }

  /** A NUL in a path parameter must not reach PostgreSQL (which answers it with an error). */
  @Test
  void anEncodedNulInThePathIs400() {
    for (Response response :
        java.util.List.of(
            TestMerchants.admin().urlEncodingEnabled(false).get("/admin/merchants/a%00b"),
            TestMerchants.admin().urlEncodingEnabled(false).post("/admin/merchants/a%00b/api-keys"),
            TestMerchants.admin()
                .urlEncodingEnabled(false)
                .delete("/admin/merchants/m/api-keys/k%00"))) {
      JsonPath json = jsonError(response, 400);
      assertThat(json.getString("error_code")).isEqualTo("INVALID_REQUEST");
    }
    // Other escapes in a path are ordinary characters: this merchant just does not exist.
    jsonError(TestMerchants.admin().urlEncodingEnabled(false).get("/admin/merchants/a%20b"), 404);
  }

  @Test
  void aWrongMethodIsAJson405() {
    jsonError(given().get("/session"), 405);
    jsonError(given().put("/session"), 405);
    jsonError(given().delete("/session"), 405);
  }

  @Test
  void everyResponseCarriesARequestId() {
    Merchant merchant = TestMerchants.create();
    Response ok = merchant.session().body(merchant.body("rid-1")).post("/session");
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.header("x-request-id")).isNotBlank();

    Response badRequest = merchant.session().body("{}").post("/session");
    assertThat(badRequest.statusCode()).isEqualTo(400);
    assertThat(badRequest.header("x-request-id")).isNotBlank();

    Response unauthorized =
        given()
            .header("x-merchantid", merchant.merchantId())
            .contentType(ContentType.JSON)
            .body(merchant.body("rid-2"))
            .post("/session");
    assertThat(unauthorized.statusCode()).isEqualTo(401);
    assertThat(unauthorized.header("x-request-id")).isNotBlank();

    Response admin = TestMerchants.admin().get("/admin/merchants/{id}", merchant.merchantId());
    assertThat(admin.statusCode()).isEqualTo(200);
    assertThat(admin.header("x-request-id")).isNotBlank();

    // Fresh ids differ from request to request.
    assertThat(ok.header("x-request-id")).isNotEqualTo(badRequest.header("x-request-id"));
  }

  @Test
  void aSaneIncomingRequestIdIsEchoed() {
    Merchant merchant = TestMerchants.create();
    String mine = "merchant-req." + UUID.randomUUID();
    Response ok =
        merchant
            .session()
            .header("x-request-id", mine)
            .body(merchant.body("rid-3"))
            .post("/session");
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.header("x-request-id")).isEqualTo(mine);

    Response error = merchant.session().header("x-request-id", mine).body("[]").post("/session");
    assertThat(error.statusCode()).isEqualTo(400);
    assertThat(error.header("x-request-id")).isEqualTo(mine);
    assertThat(error.jsonPath().getString("error_info.request_id")).isEqualTo(mine);

    Response notFound = given().header("x-request-id", mine).get("/nowhere");
    assertThat(notFound.statusCode()).isEqualTo(404);
    assertThat(notFound.header("x-request-id")).isEqualTo(mine);
  }

  @Test
  void anUnsafeIncomingRequestIdIsReplaced() {
    Merchant merchant = TestMerchants.create();
    for (String unsafe : new String[] {"has spaces in it", "x".repeat(65), "<script>", "a\"b"}) {
      Response response =
          merchant
              .session()
              .header("x-request-id", unsafe)
              .body(merchant.body(TestMerchants.uniqueId("r")))
              .post("/session");
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.header("x-request-id"))
          .as("incoming %s", unsafe)
          .isNotEqualTo(unsafe)
          .matches("[0-9a-f-]{36}");
    }
  }
}
