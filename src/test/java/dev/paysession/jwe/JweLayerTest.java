package dev.paysession.jwe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.Base64;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The JWE and JWS layer without a server: requests made as Juspay's Node SDK makes them open, in
 * every form it and RFC 7516 allow; answers open as the SDK opens them; and every tampered,
 * mis-keyed or malformed body is refused with a message, never an exception of another kind.
 */
class JweLayerTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String KID = "key_0123456789abcdef0123456789abcdef";
  private static final KeyPair SERVER = SdkJwe.rsa(2048);
  private static final KeyPair MERCHANT = SdkJwe.rsa(2048);
  private static final KeyPair OTHER_MERCHANT = SdkJwe.rsa(2048);
  private static final String BODY = "{\"order_id\":\"ord_1\",\"amount\":\"10.00\"}";

  /** What the server does with a body: parse, decrypt, verify; the payload as text. */
  private static String open(String body) {
    JweMessage message = JweMessage.parse(body.getBytes(StandardCharsets.UTF_8));
    assertThat(message.keyId()).isEqualTo(KID);
    byte[] jws = JweCrypto.decrypt(message, SERVER.getPrivate());
    return new String(
        JwsSignature.verify(jws, MERCHANT.getPublic(), message.keyId()), StandardCharsets.UTF_8);
  }

  private static ObjectNode sdkRequest() {
    return SdkJwe.jwtEncrypt(BODY, KID, SERVER.getPublic(), MERCHANT.getPrivate());
  }

  private static void refused(String body, String messagePart) {
    assertThatThrownBy(() -> open(body))
        .isInstanceOf(JweRefused.class)
        .hasMessageContaining(messagePart);
  }

  @Test
  void aRequestMadeAsTheSdkMakesItOpensToItsBody() {
    assertThat(open(sdkRequest().toString())).isEqualTo(BODY);
  }

  @Test
  void bothOaepHashesAreAcceptedWhateverTheAlgLabel() {
    String signed = SdkJwe.sign(BODY, KID, MERCHANT.getPrivate()).toString();
    for (String alg : new String[] {"RSA-OAEP", "RSA-OAEP-256"}) {
      assertThat(open(SdkJwe.encrypt(signed, KID, SERVER.getPublic(), SdkJwe.SHA1, alg).toString()))
          .as("SHA-1, " + alg)
          .isEqualTo(BODY);
      assertThat(
              open(SdkJwe.encrypt(signed, KID, SERVER.getPublic(), SdkJwe.SHA256, alg).toString()))
          .as("SHA-256, " + alg)
          .isEqualTo(BODY);
    }
  }

  @Test
  void theCompactFormOpensBareOrAsAJsonString() {
    String compact = SdkJwe.compact(sdkRequest());
    assertThat(open(compact)).isEqualTo(BODY);
    assertThat(open("\"" + compact + "\"")).isEqualTo(BODY);
  }

  @Test
  void rfc7516FlattenedJsonOpens() {
    ObjectNode sdk = sdkRequest();
    ObjectNode flattened = JSON.createObjectNode();
    flattened.put("protected", sdk.get("header").asText());
    flattened.put("encrypted_key", sdk.get("encryptedKey").asText());
    flattened.put("iv", sdk.get("iv").asText());
    flattened.put("ciphertext", sdk.get("encryptedPayload").asText());
    flattened.put("tag", sdk.get("tag").asText());
    assertThat(open(flattened.toString())).isEqualTo(BODY);
  }

  @Test
  void aCompactJwsInsideOpens() {
    ObjectNode jws = SdkJwe.sign(BODY, KID, MERCHANT.getPrivate());
    String compactJws =
        jws.get("header").asText()
            + "."
            + jws.get("payload").asText()
            + "."
            + jws.get("signature").asText();
    assertThat(
            open(
                SdkJwe.encrypt(compactJws, KID, SERVER.getPublic(), SdkJwe.SHA1, "RSA-OAEP")
                    .toString()))
        .isEqualTo(BODY);
  }

  @Test
  void anAnswerOpensAsTheSdkOpensItAndIsSignedByTheServer() throws Exception {
    byte[] answer = "{\"status\":\"CHARGED\",\"amount\":10.0}".getBytes(StandardCharsets.UTF_8);
    ObjectNode jws = JwsSignature.sign(answer, KID, SERVER.getPrivate());
    ObjectNode jwe =
        JweCrypto.encrypt(
            jws.toString().getBytes(StandardCharsets.UTF_8), KID, MERCHANT.getPublic());
    JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(jwe.get("header").asText()));
    assertThat(header.get("alg").asText()).isEqualTo("RSA-OAEP-256");
    assertThat(header.get("enc").asText()).isEqualTo("A256GCM");
    assertThat(header.get("kid").asText()).isEqualTo(KID);
    JsonNode opened = SdkJwe.jwtDecrypt(jwe, MERCHANT.getPrivate(), SERVER.getPublic());
    assertThat(opened.get("status").asText()).isEqualTo("CHARGED");
    // Signed by the server's key, not anyone else's: the SDK's verify fails with another key.
    assertThatThrownBy(() -> SdkJwe.jwtDecrypt(jwe, MERCHANT.getPrivate(), MERCHANT.getPublic()))
        .hasMessageContaining("Signature verification failed");
    // Wrapped with OAEP-SHA-256 (what the SDK unwraps with), not SHA-1.
    javax.crypto.Cipher sha1 = javax.crypto.Cipher.getInstance("RSA/ECB/OAEPPadding");
    sha1.init(javax.crypto.Cipher.DECRYPT_MODE, MERCHANT.getPrivate(), SdkJwe.SHA1);
    assertThatThrownBy(() -> sha1.doFinal(SdkJwe.unb64(jwe.get("encryptedKey").asText())))
        .isInstanceOf(javax.crypto.BadPaddingException.class);
  }

  /** Flips one bit of one base64url field of the SDK's JSON form. */
  private static String tampered(String field) {
    ObjectNode jwe = sdkRequest();
    byte[] bytes = SdkJwe.unb64(jwe.get(field).asText());
    bytes[bytes.length / 2] ^= 0x01;
    jwe.put(field, SdkJwe.b64(bytes));
    return jwe.toString();
  }

  @Test
  void aTamperedCiphertextTagIvOrEncryptedKeyDoesNotDecrypt() {
    for (String field : new String[] {"encryptedPayload", "tag", "iv", "encryptedKey"}) {
      refused(tampered(field), "does not decrypt with the server key of kid " + KID);
    }
  }

  @Test
  void aTamperedHeaderIsRefused() {
    // Same header meaning, other text: the associated data no longer matches.
    ObjectNode jwe = sdkRequest();
    String header = new String(SdkJwe.unb64(jwe.get("header").asText()), StandardCharsets.UTF_8);
    jwe.put("header", SdkJwe.b64(header.replace("{", "{ ")));
    refused(jwe.toString(), "does not decrypt");
    // A header naming another enc is refused before any decryption.
    jwe.put("header", SdkJwe.b64(header.replace("A256GCM", "A128GCM")));
    refused(jwe.toString(), "enc must be A256GCM");
    jwe.put("header", SdkJwe.b64(header.replace("RSA-OAEP", "dir")));
    refused(jwe.toString(), "alg must be RSA-OAEP");
    jwe.put("header", SdkJwe.b64(header.replace(",\"kid\":\"" + KID + "\"", "")));
    assertThatThrownBy(() -> JweMessage.parse(jwe.toString().getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(JweRefused.class)
        .hasMessageContaining("names no kid");
  }

  @Test
  void aBodySignedByAnotherMerchantsKeyIsRefused() {
    ObjectNode jwe = SdkJwe.jwtEncrypt(BODY, KID, SERVER.getPublic(), OTHER_MERCHANT.getPrivate());
    refused(jwe.toString(), "signature does not verify");
  }

  @Test
  void aBodyEncryptedForAnotherServerKeyDoesNotDecrypt() {
    KeyPair otherServer = SdkJwe.rsa(2048);
    ObjectNode jwe = SdkJwe.jwtEncrypt(BODY, KID, otherServer.getPublic(), MERCHANT.getPrivate());
    refused(jwe.toString(), "does not decrypt");
  }

  @Test
  void aJwsNamingAnotherKidOrAlgIsRefused() {
    ObjectNode jws = SdkJwe.sign(BODY, "key_other", MERCHANT.getPrivate());
    refused(
        SdkJwe.encrypt(jws.toString(), KID, SERVER.getPublic(), SdkJwe.SHA1, "RSA-OAEP").toString(),
        "kid differs");
    ObjectNode none = SdkJwe.sign(BODY, KID, MERCHANT.getPrivate());
    none.put("header", SdkJwe.b64("{\"alg\":\"none\",\"kid\":\"" + KID + "\"}"));
    none.put("signature", "");
    refused(
        SdkJwe.encrypt(none.toString(), KID, SERVER.getPublic(), SdkJwe.SHA1, "RSA-OAEP")
            .toString(),
        "alg must be RS256");
  }

  @Test
  void aJwsWhosePayloadWasChangedAfterSigningIsRefused() {
    ObjectNode jws = SdkJwe.sign(BODY, KID, MERCHANT.getPrivate());
    jws.put("payload", SdkJwe.b64(BODY.replace("10.00", "99.00")));
    refused(
        SdkJwe.encrypt(jws.toString(), KID, SERVER.getPublic(), SdkJwe.SHA1, "RSA-OAEP").toString(),
        "signature does not verify");
  }

  @Test
  void malformedBodiesAreRefusedWithAReason() {
    refused("", "empty");
    refused("{not json", "neither a JWE in JSON nor a compact JWE");
    refused("[1,2]", "neither a JWE in JSON nor a compact JWE");
    refused("a.b.c.d", "five parts");
    refused("{\"header\":\"eyJ\"}", "encryptedKey is missing");
    refused(with(jwe -> jwe.put("iv", 12)), "iv is missing or not a string");
    refused(with(jwe -> jwe.put("tag", "!!!!")), "tag is not base64url");
    refused(with(jwe -> jwe.put("iv", SdkJwe.b64(new byte[8]))), "iv must be 12 bytes");
    refused(with(jwe -> jwe.put("header", SdkJwe.b64("not json"))), "header is not JSON");
    refused(with(jwe -> jwe.put("header", SdkJwe.b64("[]"))), "not a JSON object");
    refused(with(jwe -> jwe.put("header", "")), "JWE header is missing");
    // Decrypts, but the content is no JWS.
    refused(
        SdkJwe.encrypt("just text", KID, SERVER.getPublic(), SdkJwe.SHA1, "RSA-OAEP").toString(),
        "neither a JWS in JSON nor a compact JWS");
    refused(
        SdkJwe.encrypt("{\"header\":1}", KID, SERVER.getPublic(), SdkJwe.SHA1, "RSA-OAEP")
            .toString(),
        "JWS's header is missing or not a string");
  }

  private static String with(Consumer<ObjectNode> change) {
    ObjectNode jwe = sdkRequest();
    change.accept(jwe);
    return jwe.toString();
  }

  @Test
  void publicKeysAreReadFromSpkiAndPkcs1PemAndNothingElse() throws Exception {
    String spki = SdkJwe.pem(MERCHANT.getPublic());
    assertThat(RsaKeys.parsePublicPem(spki))
        .contains((java.security.interfaces.RSAPublicKey) MERCHANT.getPublic());
    // PKCS#1: the SubjectPublicKeyInfo's bit string, which for a 2048-bit key starts at byte 24.
    byte[] der = MERCHANT.getPublic().getEncoded();
    byte[] pkcs1 = java.util.Arrays.copyOfRange(der, 24, der.length);
    String pkcs1Pem =
        "-----BEGIN RSA PUBLIC KEY-----\n"
            + Base64.getMimeEncoder().encodeToString(pkcs1)
            + "\n-----END RSA PUBLIC KEY-----";
    assertThat(RsaKeys.parsePublicPem(pkcs1Pem))
        .contains((java.security.interfaces.RSAPublicKey) MERCHANT.getPublic());
    assertThat(RsaKeys.parsePublicPem(SdkJwe.pem(SdkJwe.rsa(1024).getPublic()))).isEmpty();
    assertThat(RsaKeys.parsePublicPem("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----"))
        .isEmpty();
    assertThat(RsaKeys.parsePublicPem("hello")).isEmpty();
    assertThat(RsaKeys.parsePublicPem(spki.replace("END PUBLIC", "END RSA PUBLIC"))).isEmpty();
    assertThat(RsaKeys.parsePublicPem(null)).isEmpty();
    // What the admin API shows reads back as the same key.
    assertThat(
            RsaKeys.parsePublicPem(
                RsaKeys.publicPem((java.security.interfaces.RSAPublicKey) SERVER.getPublic())))
        .contains((java.security.interfaces.RSAPublicKey) SERVER.getPublic());
  }
}
