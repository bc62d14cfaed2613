package dev.paysession.jwe;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paysession.TestMerchants;
import dev.paysession.TestMerchants.Merchant;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.Map;

/**
 * A merchant configured as Juspay's SDK is with {@code jweAuth}: its own RSA key pair, registered
 * through the admin API, and the kid and server public key the admin API answered.
 */
record JweMerchant(Merchant merchant, KeyPair keys, String keyId, PublicKey serverKey) {

  private static final ObjectMapper JSON = new ObjectMapper();

  static JweMerchant create() {
    return register(TestMerchants.create());
  }

  /** Registers a new key pair for {@code merchant}. */
  static JweMerchant register(Merchant merchant) {
    KeyPair keys = SdkJwe.rsa(2048);
    JsonPath created =
        TestMerchants.admin()
            .contentType(ContentType.JSON)
            .body(Map.of("merchant_public_key", SdkJwe.pem(keys.getPublic())))
            .post("/admin/merchants/" + merchant.merchantId() + "/jwe-keys")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath();
    String keyId = created.getString("key_id");
    assertThat(keyId).matches("key_[0-9a-f]{32}");
    return new JweMerchant(
        merchant, keys, keyId, SdkJwe.fromPem(created.getString("server_public_key")));
  }

  /** The body as the SDK encrypts it for this merchant's key. */
  String encrypt(Object body) {
    try {
      return SdkJwe.jwtEncrypt(JSON.writeValueAsString(body), keyId, serverKey, keys.getPrivate())
          .toString();
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Posts an already encrypted body with the SDK's headers. */
  Response postRaw(String path, String body, String merchantIdHeader) {
    var request =
        given()
            .contentType(ContentType.JSON)
            .header("version", "2024-06-24")
            .header("User-Agent", "NODEJS_SDK/1.0.0");
    if (merchantIdHeader != null) {
      request = request.header("x-merchantid", merchantIdHeader);
    }
    return request.body(body).post(path);
  }

  /** The SDK's call: {@code body} encrypted, posted to {@code path} under this merchant. */
  Response post(String path, Object body) {
    return postRaw(path, encrypt(body), merchant.merchantId());
  }

  /** A 2xx answer opened as the SDK opens it. */
  JsonNode open(Response response) {
    assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
    try {
      return SdkJwe.jwtDecrypt(JSON.readTree(response.asString()), keys.getPrivate(), serverKey);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A refusal: the plain envelope, not encrypted. */
  static void refused(Response response, int status, String errorCode, String messagePart) {
    assertThat(response.statusCode()).as(response.asString()).isEqualTo(status);
    assertThat(response.jsonPath().getString("error_code")).isEqualTo(errorCode);
    if (messagePart != null) {
      assertThat(response.jsonPath().getString("error_message")).contains(messagePart);
    }
  }
}
