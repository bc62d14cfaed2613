package dev.paysession.jwe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import javax.crypto.spec.SecretKeySpec;

/**
 * What Juspay's Node SDK does (security/JWT.js, JWE.js, JWS.js of expresscheckout-nodejs 1.0.0),
 * written again here independently of the server's code: {@code jwtEncrypt} signs the body (RS256,
 * JWS JSON form), stringifies that and encrypts it (RSA-OAEP with Node's default SHA-1, A256GCM,
 * the header's base64url text as associated data); {@code jwtDecrypt} unwraps with OAEP-SHA-256 and
 * verifies the inner JWS.
 */
public final class SdkJwe {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SecureRandom RANDOM = new SecureRandom();

  static final OAEPParameterSpec SHA1 =
      new OAEPParameterSpec("SHA-1", "MGF1", MGF1ParameterSpec.SHA1, PSource.PSpecified.DEFAULT);
  static final OAEPParameterSpec SHA256 =
      new OAEPParameterSpec(
          "SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT);

  private SdkJwe() {}

  public static KeyPair rsa(int bits) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(bits);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String pem(PublicKey key) {
    return "-----BEGIN PUBLIC KEY-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(key.getEncoded())
        + "\n-----END PUBLIC KEY-----\n";
  }

  public static PublicKey fromPem(String pem) {
    try {
      String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
      return java.security.KeyFactory.getInstance("RSA")
          .generatePublic(
              new java.security.spec.X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static String b64(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  static String b64(String text) {
    return b64(text.getBytes(StandardCharsets.UTF_8));
  }

  static byte[] unb64(String text) {
    return Base64.getUrlDecoder().decode(text);
  }

  /** JWS.sign: {header, payload, signature}. */
  public static ObjectNode sign(String claims, String keyId, PrivateKey privateKey) {
    try {
      String header = b64("{\"alg\":\"RS256\",\"kid\":\"" + keyId + "\"}");
      String payload = b64(claims);
      Signature signer = Signature.getInstance("SHA256withRSA");
      signer.initSign(privateKey);
      signer.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
      ObjectNode jws = JSON.createObjectNode();
      jws.put("header", header);
      jws.put("payload", payload);
      jws.put("signature", b64(signer.sign()));
      return jws;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** JWE.encrypt with the SDK's header, and a chosen OAEP hash and alg label. */
  public static ObjectNode encrypt(
      String data, String keyId, PublicKey publicKey, OAEPParameterSpec oaep, String alg) {
    try {
      String header =
          b64(
              "{\"alg\":\""
                  + alg
                  + "\",\"enc\":\"A256GCM\",\"cty\":\"JWT\",\"kid\":\""
                  + keyId
                  + "\"}");
      byte[] cek = new byte[32];
      RANDOM.nextBytes(cek);
      Cipher rsa = Cipher.getInstance("RSA/ECB/OAEPPadding");
      rsa.init(Cipher.ENCRYPT_MODE, publicKey, oaep);
      byte[] encryptedKey = rsa.doFinal(cek);
      byte[] iv = new byte[12];
      RANDOM.nextBytes(iv);
      Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
      gcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(cek, "AES"), new GCMParameterSpec(128, iv));
      gcm.updateAAD(header.getBytes(StandardCharsets.US_ASCII));
      byte[] out = gcm.doFinal(data.getBytes(StandardCharsets.UTF_8));
      ObjectNode jwe = JSON.createObjectNode();
      jwe.put("header", header);
      jwe.put("encryptedKey", b64(encryptedKey));
      jwe.put("iv", b64(iv));
      jwe.put("encryptedPayload", b64(Arrays.copyOf(out, out.length - 16)));
      jwe.put("tag", b64(Arrays.copyOfRange(out, out.length - 16, out.length)));
      return jwe;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** JWT.jwtEncrypt exactly as the SDK: OAEP with SHA-1, labelled RSA-OAEP. */
  public static ObjectNode jwtEncrypt(
      String data, String keyId, PublicKey serverPublicKey, PrivateKey merchantPrivateKey) {
    return encrypt(
        sign(data, keyId, merchantPrivateKey).toString(), keyId, serverPublicKey, SHA1, "RSA-OAEP");
  }

  /** The compact form of a JWE in the SDK's JSON form. */
  public static String compact(JsonNode jwe) {
    return String.join(
        ".",
        jwe.get("header").asText(),
        jwe.get("encryptedKey").asText(),
        jwe.get("iv").asText(),
        jwe.get("encryptedPayload").asText(),
        jwe.get("tag").asText());
  }

  /**
   * JWT.jwtDecrypt as the SDK runs it on a 2xx answer: OAEP-SHA-256 unwrap, AES-GCM with the header
   * text as associated data, then the JWS verified with the server's public key; answers the
   * payload's JSON.
   */
  public static JsonNode jwtDecrypt(
      JsonNode jwe, PrivateKey merchantPrivateKey, PublicKey serverPublicKey) {
    try {
      Cipher rsa = Cipher.getInstance("RSA/ECB/OAEPPadding");
      rsa.init(Cipher.DECRYPT_MODE, merchantPrivateKey, SHA256);
      byte[] cek = rsa.doFinal(unb64(jwe.get("encryptedKey").asText()));
      Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
      gcm.init(
          Cipher.DECRYPT_MODE,
          new SecretKeySpec(cek, "AES"),
          new GCMParameterSpec(128, unb64(jwe.get("iv").asText())));
      gcm.updateAAD(jwe.get("header").asText().getBytes(StandardCharsets.US_ASCII));
      byte[] ciphertext = unb64(jwe.get("encryptedPayload").asText());
      byte[] tag = unb64(jwe.get("tag").asText());
      byte[] sealed = Arrays.copyOf(ciphertext, ciphertext.length + tag.length);
      System.arraycopy(tag, 0, sealed, ciphertext.length, tag.length);
      JsonNode jws = JSON.readTree(gcm.doFinal(sealed));
      Signature verifier = Signature.getInstance("SHA256withRSA");
      verifier.initVerify(serverPublicKey);
      verifier.update(
          (jws.get("header").asText() + "." + jws.get("payload").asText())
              .getBytes(StandardCharsets.US_ASCII));
      if (!verifier.verify(unb64(jws.get("signature").asText()))) {
        throw new IllegalStateException("Signature verification failed");
      }
      return JSON.readTree(unb64(jws.get("payload").asText()));
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
