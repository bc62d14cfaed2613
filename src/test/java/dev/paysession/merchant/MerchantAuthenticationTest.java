package dev.paysession.merchant;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.paysession.TestMerchants;
import dev.paysession.TestMerchants.Merchant;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

/** Juspay's server-to-server authentication on {@code POST /session}. */
@QuarkusTest
class MerchantAuthenticationTest {

  private static RequestSpecification session(String authorization, String merchantId) {
    RequestSpecification request = given().contentType(ContentType.JSON);
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    if (merchantId != null) {
      request.header("x-merchantid", merchantId);
    }
    return request;
  }

  private static void assertAccessDenied(Response response) {
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.contentType()).startsWith("application/json");
    JsonPath body = response.jsonPath();
    assertThat(body.getString("status")).isEqualTo("error");
    assertThat(body.getString("error_code")).isEqualTo("access_denied");
    assertThat(body.getString("error_info.code")).isEqualTo("UNAUTHORIZED");
    assertThat(body.getString("error_info.developer_message")).isNotBlank();
    assertThat(response.header("x-request-id")).isNotBlank();
  }

  @Test
  void acceptsBasicKeyWithColonAsTheDocsShow() {
    Merchant merchant = TestMerchants.create();
    session(TestMerchants.basicWithColon(merchant.apiKey()), merchant.merchantId())
        .body(merchant.body("auth-colon"))
        .post("/session")
        .then()
        .statusCode(200);
  }

  @Test
  void acceptsBasicKeyWithoutColonAsJuspaySdksSendIt() {
    Merchant merchant = TestMerchants.create();
    session(TestMerchants.basicWithoutColon(merchant.apiKey()), merchant.merchantId())
        .body(merchant.body("auth-no-colon"))
        .post("/session")
        .then()
        .statusCode(200);
  }

  @Test
  void refusesAWrongKey() {
    Merchant merchant = TestMerchants.create();
    Response response =
        session(
                TestMerchants.basicWithColon("0123456789ABCDEF0123456789ABCDEF"),
                merchant.merchantId())
            .body(merchant.body("auth-wrong"))
            .post("/session");
    assertAccessDenied(response);
    assertThat(response.header("WWW-Authenticate")).startsWith("Basic");
  }

  @Test
  void refusesAKeyWithAPassword() {
    Merchant merchant = TestMerchants.create();
    assertAccessDenied(
        session(TestMerchants.basic(merchant.apiKey() + ":secret"), merchant.merchantId())
            .body(merchant.body("auth-password"))
            .post("/session"));
  }

  @Test
  void refusesAMissingAuthorizationHeader() {
    Merchant merchant = TestMerchants.create();
    assertAccessDenied(
        session(null, merchant.merchantId()).body(merchant.body("auth-none")).post("/session"));
  }

  @Test
  void refusesASchemeOtherThanBasic() {
    Merchant merchant = TestMerchants.create();
    assertAccessDenied(
        session("Bearer " + merchant.apiKey(), merchant.merchantId())
            .body(merchant.body("auth-bearer"))
            .post("/session"));
    assertAccessDenied(
        session("Basic not*base64!", merchant.merchantId())
            .body(merchant.body("auth-garbled"))
            .post("/session"));
  }

  @Test
  void refusesTheKeyOfAnotherMerchant() {
    Merchant a = TestMerchants.create();
    Merchant b = TestMerchants.create();
    // B's own key works for B, A's key with B's id does not (body names B's client id, so only
    // the key is wrong).
    session(TestMerchants.basicWithColon(b.apiKey()), b.merchantId())
        .body(b.body("auth-own"))
        .post("/session")
        .then()
        .statusCode(200);
    assertAccessDenied(
        session(TestMerchants.basicWithColon(a.apiKey()), b.merchantId())
            .body(b.body("auth-cross"))
            .post("/session"));
  }

  @Test
  void refusesARevokedKeyAndAcceptsANewlyIssuedOne() {
    Merchant merchant = TestMerchants.create();
    session(TestMerchants.basicWithColon(merchant.apiKey()), merchant.merchantId())
        .body(merchant.body("auth-before"))
        .post("/session")
        .then()
        .statusCode(200);

    JsonPath issued =
        TestMerchants.admin()
            .post("/admin/merchants/{id}/api-keys", merchant.merchantId())
            .then()
            .statusCode(201)
            .extract()
            .jsonPath();
    String newKey = issued.getString("api_key");
    assertThat(newKey).isNotEqualTo(merchant.apiKey());
    assertThat(issued.getString("display_prefix")).isEqualTo(newKey.substring(0, 6));

    TestMerchants.admin()
        .delete(
            "/admin/merchants/{id}/api-keys/{keyId}", merchant.merchantId(), merchant.apiKeyId())
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();

    assertAccessDenied(
        session(TestMerchants.basicWithColon(merchant.apiKey()), merchant.merchantId())
            .body(merchant.body("auth-revoked"))
            .post("/session"));
    session(TestMerchants.basicWithoutColon(newKey), merchant.merchantId())
        .body(merchant.body("auth-new-key"))
        .post("/session")
        .then()
        .statusCode(200);

    // The admin view shows the old key as revoked, the new one as active; revoking twice is 404.
    JsonPath view =
        TestMerchants.admin()
            .get("/admin/merchants/{id}", merchant.merchantId())
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(view.getList("api_keys.findAll { it.active }.key_id"))
        .containsExactly(issued.getString("key_id"));
    assertThat(
            view.getString(
                "api_keys.find { it.key_id == '" + merchant.apiKeyId() + "' }.revoked_at"))
        .isNotBlank();
    TestMerchants.admin()
        .delete(
            "/admin/merchants/{id}/api-keys/{keyId}", merchant.merchantId(), merchant.apiKeyId())
        .then()
        .statusCode(404);
  }

  @Test
  void requiresTheMerchantIdHeader() {
    Merchant merchant = TestMerchants.create();
    Response response =
        session(TestMerchants.basicWithColon(merchant.apiKey()), null)
            .body(merchant.body("auth-no-mid"))
            .post("/session");
    assertThat(response.statusCode()).isEqualTo(400);
    JsonPath body = response.jsonPath();
    assertThat(body.getString("error_code")).isEqualTo("Mandatory fields are missing");
    assertThat(body.getList("error_info.fields.field_name")).containsExactly("x-merchantid");
  }

  @Test
  void acceptsTheHyphenatedMerchantIdHeader() {
    Merchant merchant = TestMerchants.create();
    given()
        .contentType(ContentType.JSON)
        .header("Authorization", TestMerchants.basicWithColon(merchant.apiKey()))
        .header("x-merchant-id", merchant.merchantId())
        .body(merchant.body("auth-hyphen"))
        .post("/session")
        .then()
        .statusCode(200);
    // …with the same key check as x-merchantid.
    Merchant other = TestMerchants.create();
    assertAccessDenied(
        given()
            .contentType(ContentType.JSON)
            .header("Authorization", TestMerchants.basicWithColon(merchant.apiKey()))
            .header("x-merchant-id", other.merchantId())
            .body(other.body("auth-hyphen-x"))
            .post("/session"));
  }

  @Test
  void refusesAnUnknownMerchantId() {
    Merchant merchant = TestMerchants.create();
    assertAccessDenied(
        session(TestMerchants.basicWithColon(merchant.apiKey()), "no_such_merchant_xyz")
            .body(merchant.body("auth-unknown"))
            .post("/session"));
  }
}
