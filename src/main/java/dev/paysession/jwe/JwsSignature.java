package dev.paysession.jwe;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.paysession.api.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;

/**
 * The JWS inside the JWE: RS256 over {@code header.payload}, as Juspay's SDK makes it, in its JSON
 * form {@code {header, payload, signature}} or compact {@code header.payload.signature}.
 */
final class JwsSignature {

  static final String RS256 = "RS256";

  private JwsSignature() {}

  /**
   * The signed payload's bytes, once the signature verifies with {@code signer}. The JWS header
   * must say RS256, and a kid in it must be the JWE's.
   */
  static byte[] verify(byte[] jws, PublicKey signer, String keyId) {
    String header;
    String payload;
    String signature;
    String text = new String(jws, StandardCharsets.UTF_8).strip();
    if (text.startsWith("{")) {
      JsonNode node;
      try {
        node = Json.requestBodies().readTree(text);
      } catch (JsonProcessingException e) {
        throw new JweRefused("The decrypted JWS is not JSON");
      }
      header = field(node, "header");
      payload = field(node, "payload");
      signature = field(node, "signature");
    } else {
      String[] parts = text.split("\\.", -1);
      if (parts.length != 3) {
        throw new JweRefused("The decrypted content is neither a JWS in JSON nor a compact JWS");
      }
      header = parts[0];
      payload = parts[1];
      signature = parts[2];
    }
    JsonNode fields;
    try {
      fields = Json.requestBodies().readTree(Base64Url.decode(header, "JWS header"));
    } catch (IOException e) {
      throw new JweRefused("The JWS header is not JSON");
    }
    if (!(fields instanceof ObjectNode object) || !RS256.equals(object.path("alg").asText(""))) {
      throw new JweRefused("The JWS's alg must be RS256");
    }
    if (object.has("kid") && !keyId.equals(object.path("kid").asText(""))) {
      throw new JweRefused("The JWS's kid differs from the JWE's");
    }
    if (object.has("crit")) {
      throw new JweRefused("The JWS's header has crit, which this server does not take");
    }
    byte[] signatureBytes = Base64Url.decode(signature, "JWS signature");
    try {
      Signature verifier = Signature.getInstance("SHA256withRSA");
      verifier.initVerify(signer);
      verifier.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
      if (!verifier.verify(signatureBytes)) {
        throw badSignature(keyId);
      }
    } catch (GeneralSecurityException e) {
      throw badSignature(keyId);
    }
    return Base64Url.decode(payload, "JWS payload");
  }

  private static JweRefused badSignature(String keyId) {
    return new JweRefused(
        "The JWS signature does not verify with the merchant public key of kid " + keyId);
  }

  private static String field(JsonNode node, String name) {
    JsonNode value = node.get(name);
    if (value == null || !value.isTextual()) {
      throw new JweRefused("The JWS's " + name + " is missing or not a string");
    }
    return value.asText();
  }

  /** The SDK's JSON form of a JWS of {@code payload}, signed by {@code signer}. */
  static ObjectNode sign(byte[] payload, String keyId, PrivateKey signer) {
    ObjectNode headerFields = Json.mapper().createObjectNode();
    headerFields.put("alg", RS256);
    headerFields.put("kid", keyId);
    String header = Base64Url.encode(headerFields.toString().getBytes(StandardCharsets.UTF_8));
    String body = Base64Url.encode(payload);
    try {
      Signature signing = Signature.getInstance("SHA256withRSA");
      signing.initSign(signer);
      signing.update((header + "." + body).getBytes(StandardCharsets.US_ASCII));
      ObjectNode jws = Json.mapper().createObjectNode();
      jws.put("header", header);
      jws.put("payload", body);
      jws.put("signature", Base64Url.encode(signing.sign()));
      return jws;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA256withRSA unavailable, or an unusable key", e);
    }
  }
}
