package dev.paysession.merchant;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paysession.TestMerchants;
import dev.paysession.TestMerchants.Merchant;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The operator API: merchants, their settings and API keys. */
@QuarkusTest
class AdminApiTest {

  @Inject AgroalDataSource dataSource;

  private static Map<String, Object> newMerchant(String merchantId) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("merchant_id", merchantId);
    body.put("name", "Admin test");
    body.put("environment", "sandbox");
    body.put("payment_page_client_ids", List.of(merchantId + "_web", merchantId + "_app"));
    return body;
  }

  private static Response post(Object body) {
    return TestMerchants.admin().contentType(ContentType.JSON).body(body).post("/admin/merchants");
  }

  @Test
  void createsAMerchantAndShowsItsKeyOnce() {
    String merchantId = TestMerchants.uniqueId("adm");
    Map<String, Object> body = newMerchant(merchantId);
    body.put("default_return_url", "https://shop.example.com/return");
    Response response = post(body);
    assertThat(response.statusCode()).as(response.asString()).isEqualTo(201);
    JsonPath json = response.jsonPath();
    assertThat(json.getString("merchant_id")).isEqualTo(merchantId);
    assertThat(json.getString("environment")).isEqualTo("sandbox");
    assertThat(json.getList("payment_page_client_ids", String.class))
        .containsExactlyInAnyOrder(merchantId + "_web", merchantId + "_app");
    assertThat(json.getList("supported_currencies")).containsExactly("INR");
    assertThat(json.getString("default_return_url")).isEqualTo("https://shop.example.com/return");
    String apiKey = json.getString("api_key");
    assertThat(apiKey).matches("[0-9A-F]{32}");
    assertThat(json.getString("response_key")).isNotBlank().isNotEqualTo(apiKey);
    assertThat(json.getList("api_keys.display_prefix")).containsExactly(apiKey.substring(0, 6));
    assertThat(json.getList("api_keys.key_id")).containsExactly(json.getString("api_key_id"));

    // Reading it back never shows a key or the response key again.
    Response read = TestMerchants.admin().get("/admin/merchants/{id}", merchantId);
    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(read.asString())
        .doesNotContain(apiKey)
        .doesNotContain(json.getString("response_key"))
        .doesNotContain("\"api_key\"");
    assertThat(read.jsonPath().getString("name")).isEqualTo("Admin test");
  }

  @Test
  void missingFieldsAreListed() {
    Response response = post(Map.of("name", "No id"));
    assertThat(response.statusCode()).isEqualTo(400);
    JsonPath json = response.jsonPath();
    assertThat(json.getString("error_code")).isEqualTo("Mandatory fields are missing");
    assertThat(json.getList("error_info.fields.field_name"))
        .containsExactlyInAnyOrder("merchant_id", "environment", "payment_page_client_ids");
  }

  @Test
  void invalidFieldsAreListed() {
    Map<String, Object> body = newMerchant(TestMerchants.uniqueId("inv"));
    body.put("merchant_id", "bad id with spaces");
    body.put("environment", "staging");
    body.put("upi_payee_vpa", "not-a-vpa");
    body.put("supported_currencies", List.of("inr"));
    Response response = post(body);
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.jsonPath().getString("error_code")).isEqualTo("INVALID_REQUEST");
    assertThat(response.jsonPath().getList("error_info.fields.field_name"))
        .containsExactlyInAnyOrder(
            "merchant_id", "environment", "upi_payee_vpa", "supported_currencies");
  }

  @Test
  void aDuplicateMerchantIdIs409() {
    String merchantId = TestMerchants.uniqueId("dup");
    assertThat(post(newMerchant(merchantId)).statusCode()).isEqualTo(201);
    Response again = post(newMerchant(merchantId));
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(again.contentType()).startsWith("application/json");
    assertThat(again.jsonPath().getString("error_code")).isEqualTo("ALREADY_EXISTS");
  }

  @Test
  void aWrongOrMissingAdminTokenIs401() {
    String merchantId = TestMerchants.uniqueId("tok");
    for (var request :
        List.of(
            TestMerchants.management().header("Authorization", "Bearer not-the-admin-token"),
            TestMerchants.management()
                .header("Authorization", TestMerchants.basicWithColon("test-admin-token")),
            TestMerchants.management())) {
      Response response =
          request
              .contentType(ContentType.JSON)
              .body(newMerchant(merchantId))
              .post("/admin/merchants");
      assertThat(response.statusCode()).isEqualTo(401);
      assertThat(response.jsonPath().getString("error_code")).isEqualTo("access_denied");
      assertThat(response.jsonPath().getString("error_info.code")).isEqualTo("UNAUTHORIZED");
    }
    // Nothing was created by the refused calls.
    TestMerchants.admin().get("/admin/merchants/{id}", merchantId).then().statusCode(404);
    TestMerchants.management()
        .header("Authorization", "Bearer wrong")
        .get("/admin/merchants/{id}", merchantId)
        .then()
        .statusCode(401);
  }

  @Test
  void anUnknownMerchantIs404() {
    String unknown = TestMerchants.uniqueId("none");
    for (Response response :
        List.of(
            TestMerchants.admin().get("/admin/merchants/{id}", unknown),
            TestMerchants.admin()
                .contentType(ContentType.JSON)
                .body(Map.of("name", "x"))
                .patch("/admin/merchants/{id}", unknown),
            TestMerchants.admin().post("/admin/merchants/{id}/api-keys", unknown),
            TestMerchants.admin()
                .delete("/admin/merchants/{id}/api-keys/{key}", unknown, "key_x"))) {
      assertThat(response.statusCode()).as(response.asString()).isEqualTo(404);
      assertThat(response.contentType()).startsWith("application/json");
      assertThat(response.jsonPath().getString("error_code")).isEqualTo("RESOURCE_NOT_FOUND");
    }
  }

  @Test
  void patchedCurrenciesDecideWhichSessionsAreAccepted() {
    Merchant merchant = TestMerchants.create();
    Map<String, Object> usd = merchant.body("usd-1");
    usd.put("currency", "USD");

    // Before: INR only.
    Response refused = merchant.session().body(usd).post("/session");
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.jsonPath().getList("error_info.fields.field_name"))
        .containsExactly("currency");

    JsonPath patched =
        TestMerchants.admin()
            .contentType(ContentType.JSON)
            .body(Map.of("supported_currencies", List.of("INR", "USD")))
            .patch("/admin/merchants/{id}", merchant.merchantId())
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(patched.getList("supported_currencies")).containsExactly("INR", "USD");
    // Fields the patch left out are unchanged.
    assertThat(patched.getList("payment_page_client_ids")).containsExactly(merchant.clientId());
    assertThat(
            TestMerchants.admin()
                .get("/admin/merchants/{id}", merchant.merchantId())
                .jsonPath()
                .getList("supported_currencies"))
        .containsExactly("INR", "USD");

    Response accepted = merchant.session().body(usd).post("/session");
    assertThat(accepted.statusCode()).as(accepted.asString()).isEqualTo(200);
    assertThat(accepted.jsonPath().getString("sdk_payload.payload.currency")).isEqualTo("USD");

    Map<String, Object> eur = merchant.body("eur-1");
    eur.put("currency", "EUR");
    Response eurRefused = merchant.session().body(eur).post("/session");
    assertThat(eurRefused.statusCode()).isEqualTo(400);
    assertThat(eurRefused.jsonPath().getString("error_code")).isEqualTo("INVALID_REQUEST");
    assertThat(eurRefused.jsonPath().getList("error_info.fields.field_name"))
        .containsExactly("currency");
  }

  @Test
  void anInvalidPatchChangesNothing() {
    Merchant merchant = TestMerchants.create();
    Response response =
        TestMerchants.admin()
            .contentType(ContentType.JSON)
            .body(Map.of("supported_currencies", List.of(), "merchant_id", "renamed"))
            .patch("/admin/merchants/{id}", merchant.merchantId());
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.jsonPath().getList("error_info.fields.field_name"))
        .containsExactlyInAnyOrder("supported_currencies", "merchant_id");
    assertThat(
            TestMerchants.admin()
                .get("/admin/merchants/{id}", merchant.merchantId())
                .jsonPath()
                .getList("supported_currencies"))
        .containsExactly("INR");
  }

  @Test
  void patchingUpiPayeeEnablesDeepLinks() {
    Merchant merchant = TestMerchants.create();
    Map<String, Object> body = merchant.body("upi-1");
    body.put("options.get_upi_deep_links", "true");
    assertThat(merchant.session().body(body).post("/session").statusCode()).isEqualTo(400);

    TestMerchants.admin()
        .contentType(ContentType.JSON)
        .body(Map.of("upi_payee_vpa", "shop@okbank", "upi_payee_name", "Shop"))
        .patch("/admin/merchants/{id}", merchant.merchantId())
        .then()
        .statusCode(200);
    Response response = merchant.session().body(body).post("/session");
    assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
    assertThat(response.jsonPath().getString("payment_links.deep_link"))
        .startsWith("upi://pay?pa=shop@okbank&pn=Shop&");
  }

  @Test
  void apiKeysAreNotStoredInClear() throws Exception {
    Merchant merchant = TestMerchants.create();
    byte[] keyBytes = merchant.apiKey().getBytes(StandardCharsets.UTF_8);
    byte[] plainSha256 = MessageDigest.getInstance("SHA-256").digest(keyBytes);
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT key_id, key_hash, display_prefix FROM merchant_api_keys"
                    + " WHERE merchant_id = ?")) {
      select.setString(1, merchant.merchantId());
      try (ResultSet row = select.executeQuery()) {
        assertThat(row.next()).isTrue();
        assertThat(row.getString("key_id")).isEqualTo(merchant.apiKeyId());
        byte[] hash = row.getBytes("key_hash");
        assertThat(hash).hasSize(32).isNotEqualTo(keyBytes).isNotEqualTo(plainSha256);
        assertThat(new String(hash, StandardCharsets.ISO_8859_1)).doesNotContain(merchant.apiKey());
        assertThat(row.getString("display_prefix"))
            .hasSize(6)
            .isEqualTo(merchant.apiKey().substring(0, 6));
        assertThat(row.next()).isFalse();
      }
    }
    // No column of any merchant table holds the key or the response key as text.
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT (SELECT count(*) FROM merchants m WHERE m::text LIKE ?)"
                    + " + (SELECT count(*) FROM merchant_api_keys k WHERE k::text LIKE ?)"
                    + " + (SELECT count(*) FROM merchants m WHERE m::text LIKE ?)")) {
      select.setString(1, "%" + merchant.apiKey() + "%");
      select.setString(2, "%" + merchant.apiKey() + "%");
      select.setString(3, "%" + merchant.responseKey() + "%");
      try (ResultSet row = select.executeQuery()) {
        row.next();
        assertThat(row.getLong(1)).isZero();
      }
    }
  }
}
