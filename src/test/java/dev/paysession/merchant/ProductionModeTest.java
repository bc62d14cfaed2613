package dev.paysession.merchant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.paysession.TestMerchants;
import dev.paysession.db.EmbeddedPostgresTestResource;
import dev.paysession.gateway.GatewayRegistry;
import dev.paysession.gateway.GatewayUnavailable;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code PAYSESSION_MODE=production}: no demo merchant on a fresh embedded install, no sandbox
 * gateway, and the admin API refuses sandbox merchants.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresTestResource.class)
@TestProfile(ProductionModeTest.Production.class)
class ProductionModeTest {

  public static class Production implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      // As the entry point sets it for the embedded database: the demo merchant's one condition.
      return Map.of("paysession.mode", "production", "paysession.embedded-database", "true");
    }
  }

  @Inject GatewayRegistry gateways;

  @Test
  void aFreshEmbeddedInstallHasNoDemoMerchant() {
    TestMerchants.admin().get("/admin/merchants/paysession_demo").then().statusCode(404);
  }

  @Test
  void theSandboxGatewayIsNotInstalled() {
    assertThatThrownBy(() -> gateways.named("SANDBOX")).isInstanceOf(GatewayUnavailable.class);
  }

  @Test
  void theAdminApiRefusesSandboxMerchants() {
    Response refused =
        TestMerchants.admin()
            .contentType(ContentType.JSON)
            .body(
                Map.of(
                    "merchant_id",
                    TestMerchants.uniqueId("pm"),
                    "name",
                    "Sandbox shop",
                    "environment",
                    "sandbox",
                    "payment_page_client_ids",
                    new String[] {TestMerchants.uniqueId("c")}))
            .post("/admin/merchants");
    assertThat(refused.statusCode()).as(refused.asString()).isEqualTo(400);
    assertThat(refused.jsonPath().getString("error_info.fields[0].field_name"))
        .isEqualTo("environment");
    assertThat(refused.jsonPath().getString("error_info.fields[0].reason"))
        .contains("production mode");

    TestMerchants.Merchant live = TestMerchants.create(Map.of("environment", "production"));
    Response moved =
        TestMerchants.admin()
            .contentType(ContentType.JSON)
            .body(Map.of("environment", "sandbox"))
            .patch("/admin/merchants/" + live.merchantId());
    assertThat(moved.statusCode()).as(moved.asString()).isEqualTo(400);
    TestMerchants.admin()
        .get("/admin/merchants/" + live.merchantId())
        .then()
        .statusCode(200)
        .body("environment", org.hamcrest.Matchers.equalTo("production"));
  }
}
