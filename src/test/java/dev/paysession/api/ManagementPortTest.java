package dev.paysession.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.paysession.TestMerchants;
import dev.paysession.db.EmbeddedPostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Health, metrics, the OpenAPI document and the admin API answer on the management port only; the
 * public port answers 404 to them, however the path is spelled.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresTestResource.class)
class ManagementPortTest {

  private static final String TOKEN = "Bearer " + TestMerchants.ADMIN_TOKEN;

  @Test
  void theAdminApiAnswersOnTheManagementPortOnly() {
    TestMerchants.Merchant merchant = TestMerchants.create();
    String id = merchant.merchantId();
    for (String path :
        List.of(
            "/admin/merchants/" + id,
            "//admin/merchants/" + id,
            "/%61dmin/merchants/" + id,
            "/./admin/merchants/" + id,
            "/x/../admin/merchants/" + id)) {
      Response refused = given().urlEncodingEnabled(false).header("Authorization", TOKEN).get(path);
      assertThat(refused.statusCode()).as(path + ": " + refused.asString()).isEqualTo(404);
      assertThat(refused.jsonPath().getString("error_code"))
          .as(path)
          .isEqualTo("RESOURCE_NOT_FOUND");
    }
    // The mark the management port adds cannot be sent from outside.
    given()
        .header("x-paysession-management", "guess")
        .header("Authorization", TOKEN)
        .get("/admin/merchants/" + id)
        .then()
        .statusCode(404);
    Response served = TestMerchants.admin().get("/admin/merchants/" + id);
    assertThat(served.statusCode()).as(served.asString()).isEqualTo(200);
    assertThat(served.jsonPath().getString("merchant_id")).isEqualTo(id);
  }

  @Test
  void metricsHealthAndOpenApiAnswerOnTheManagementPortOnly() {
    for (String path : List.of("/q/metrics", "/q/health/ready", "/q/openapi", "/q/swagger-ui/")) {
      assertThat(given().get(path).statusCode()).as(path).isEqualTo(404);
      assertThat(TestMerchants.management().get(path).statusCode()).as(path).isEqualTo(200);
    }
  }
}
