package dev.paysession.jwe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paysession.TestMerchants;
import dev.paysession.TestMerchants.Merchant;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The admin API for JWE keys: register, list, retire; each rule both ways. */
@QuarkusTest
class JweKeysAdminTest {

  private static Response register(String merchantId, Object body) {
    return TestMerchants.admin()
        .contentType(ContentType.JSON)
        .body(body)
        .post("/admin/merchants/" + merchantId + "/jwe-keys");
  }

  private static JsonPath list(String merchantId) {
    return TestMerchants.admin()
        .get("/admin/merchants/" + merchantId + "/jwe-keys")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  @Test
  void aRegisteredKeyAnswersItsKidAndAServerPublicKeyAndIsListedActive() {
    Merchant merchant = TestMerchants.create();
    String merchantPem = SdkJwe.pem(SdkJwe.rsa(2048).getPublic());
    Response created = register(merchant.merchantId(), Map.of("merchant_public_key", merchantPem));
    assertThat(created.statusCode()).as(created.asString()).isEqualTo(201);
    assertThat(created.header("Cache-Control")).isEqualTo("no-store");
    String keyId = created.jsonPath().getString("key_id");
    String serverPem = created.jsonPath().getString("server_public_key");
    assertThat(keyId).matches("key_[0-9a-f]{32}");
    assertThat(serverPem).startsWith("-----BEGIN PUBLIC KEY-----\n");
    assertThat(RsaKeys.parsePublicPem(serverPem).orElseThrow().getModulus().bitLength())
        .isEqualTo(2048);

    JsonPath keys = list(merchant.merchantId());
    assertThat(keys.getList("jwe_keys")).hasSize(1);
    assertThat(keys.getString("jwe_keys[0].key_id")).isEqualTo(keyId);
    assertThat(keys.getString("jwe_keys[0].status")).isEqualTo("ACTIVE");
    assertThat(keys.getString("jwe_keys[0].server_public_key")).isEqualTo(serverPem);
    assertThat(SdkJwe.fromPem(keys.getString("jwe_keys[0].merchant_public_key")))
        .isEqualTo(SdkJwe.fromPem(merchantPem));
    assertThat(keys.getString("jwe_keys[0].retired_at")).isNull();
    // Another merchant sees none of them.
    assertThat(list(TestMerchants.create().merchantId()).getList("jwe_keys")).isEmpty();
  }

  @Test
  void severalKeysAreLiveDuringARotationAndARetiredOneStaysListed() {
    JweMerchant first = JweMerchant.create();
    JweMerchant second = JweMerchant.register(first.merchant());
    assertThat(second.keyId()).isNotEqualTo(first.keyId());
    assertThat(list(first.merchant().merchantId()).getList("jwe_keys.status"))
        .containsExactly("ACTIVE", "ACTIVE");

    Response retired =
        TestMerchants.admin()
            .delete(
                "/admin/merchants/" + first.merchant().merchantId() + "/jwe-keys/" + first.keyId());
    assertThat(retired.statusCode()).as(retired.asString()).isEqualTo(200);
    assertThat(retired.jsonPath().getString("key_id")).isEqualTo(first.keyId());
    assertThat(retired.jsonPath().getBoolean("retired")).isTrue();
    JsonPath keys = list(first.merchant().merchantId());
    assertThat(keys.getList("jwe_keys.status")).containsExactly("RETIRED", "ACTIVE");
    assertThat(keys.getString("jwe_keys[0].retired_at")).isNotNull();

    // Retiring again, or a key of another merchant, is a 404.
    Response again =
        TestMerchants.admin()
            .delete(
                "/admin/merchants/" + first.merchant().merchantId() + "/jwe-keys/" + first.keyId());
    JweMerchant.refused(again, 404, "RESOURCE_NOT_FOUND", "No live JWE key");
    Response foreign =
        TestMerchants.admin()
            .delete(
                "/admin/merchants/"
                    + TestMerchants.create().merchantId()
                    + "/jwe-keys/"
                    + second.keyId());
    JweMerchant.refused(foreign, 404, "RESOURCE_NOT_FOUND", "No live JWE key");
  }

  @Test
  void aBadOrMissingPemIsA400() {
    Merchant merchant = TestMerchants.create();
    Response garbage = register(merchant.merchantId(), Map.of("merchant_public_key", "hello"));
    JweMerchant.refused(garbage, 400, "INVALID_REQUEST", "merchant_public_key");
    assertThat(garbage.jsonPath().getString("error_info.fields[0].field_name"))
        .isEqualTo("merchant_public_key");
    Response weak =
        register(
            merchant.merchantId(),
            Map.of("merchant_public_key", SdkJwe.pem(SdkJwe.rsa(1024).getPublic())));
    JweMerchant.refused(weak, 400, "INVALID_REQUEST", "2048 to 8192 bits");
    Response notText = register(merchant.merchantId(), Map.of("merchant_public_key", 42));
    JweMerchant.refused(notText, 400, "INVALID_REQUEST", "merchant_public_key");
    Response missing = register(merchant.merchantId(), Map.of());
    assertThat(missing.statusCode()).isEqualTo(400);
    assertThat(missing.jsonPath().getString("error_info.fields[0].field_name"))
        .isEqualTo("merchant_public_key");
    assertThat(list(merchant.merchantId()).getList("jwe_keys")).isEmpty();
  }

  @Test
  void anUnknownMerchantIsA404AndNoAdminTokenA401() {
    String pem = SdkJwe.pem(SdkJwe.rsa(2048).getPublic());
    JweMerchant.refused(
        register("m_nobody_here", Map.of("merchant_public_key", pem)),
        404,
        "RESOURCE_NOT_FOUND",
        "No merchant m_nobody_here");
    Merchant merchant = TestMerchants.create();
    Response anonymous =
        TestMerchants.management()
            .contentType(ContentType.JSON)
            .body(Map.of("merchant_public_key", pem))
            .post("/admin/merchants/" + merchant.merchantId() + "/jwe-keys");
    JweMerchant.refused(anonymous, 401, "access_denied", "admin token");
    assertThat(list(merchant.merchantId()).getList("jwe_keys")).isEmpty();
  }
}
