package dev.paysession.jwe;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.paysession.api.Json;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * A JWE as a request carries it, parsed but not yet decrypted: the JSON form Juspay's SDK sends
 * ({@code {header, encryptedKey, iv, encryptedPayload, tag}}), RFC 7516's flattened JSON ({@code
 * protected, encrypted_key, iv, ciphertext, tag}) or the compact five-part form (bare, or as a JSON
 * string). The protected header is kept as sent: its text is the AES-GCM associated data.
 */
record JweMessage(
    String protectedHeader,
    String algorithm,
    String keyId,
    byte[] encryptedKey,
    byte[] iv,
    byte[] ciphertext,
    byte[] tag) {

  static final String RSA_OAEP = "RSA-OAEP";
  static final String RSA_OAEP_256 = "RSA-OAEP-256";
  static final String A256GCM = "A256GCM";

  private static final Set<String> KEY_ALGORITHMS = Set.of(RSA_OAEP, RSA_OAEP_256);
  private static final int GCM_IV_BYTES = 12;
  private static final int GCM_TAG_BYTES = 16;

  static JweMessage parse(byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8).strip();
    if (text.isEmpty()) {
      throw new JweRefused("The request body is empty; send the JWE");
    }
    if (text.startsWith("{") || text.startsWith("[") || text.startsWith("\"")) {
      JsonNode node;
      try {
        node = Json.requestBodies().readTree(text);
      } catch (JsonProcessingException e) {
        throw new JweRefused("The request body is neither a JWE in JSON nor a compact JWE");
      }
      if (node.isTextual()) {
        return compact(node.asText());
      }
      if (node instanceof ObjectNode json) {
        return json.has("protected")
            ? of(
                text(json, "protected"),
                text(json, "encrypted_key"),
                text(json, "iv"),
                text(json, "ciphertext"),
                text(json, "tag"))
            : of(
                text(json, "header"),
                text(json, "encryptedKey"),
                text(json, "iv"),
                text(json, "encryptedPayload"),
                text(json, "tag"));
      }
      throw new JweRefused("The request body is neither a JWE in JSON nor a compact JWE");
    }
    return compact(text);
  }

  private static JweMessage compact(String text) {
    String[] parts = text.split("\\.", -1);
    if (parts.length != 5) {
      throw new JweRefused("A compact JWE has five parts separated by '.'");
    }
    return of(parts[0], parts[1], parts[2], parts[3], parts[4]);
  }

  private static String text(ObjectNode json, String field) {
    JsonNode value = json.get(field);
    if (value == null || !value.isTextual()) {
      throw new JweRefused("The JWE's " + field + " is missing or not a string");
    }
    return value.asText();
  }

  private static JweMessage of(
      String header, String encryptedKey, String iv, String ciphertext, String tag) {
    JsonNode fields;
    try {
      fields = Json.requestBodies().readTree(Base64Url.decode(header, "JWE header"));
    } catch (java.io.IOException e) {
      throw new JweRefused("The JWE header is not JSON");
    }
    if (!(fields instanceof ObjectNode object)) {
      throw new JweRefused("The JWE header is not a JSON object");
    }
    String algorithm = object.path("alg").asText("");
    if (!KEY_ALGORITHMS.contains(algorithm)) {
      throw new JweRefused("The JWE's alg must be RSA-OAEP or RSA-OAEP-256");
    }
    if (!A256GCM.equals(object.path("enc").asText(""))) {
      throw new JweRefused("The JWE's enc must be A256GCM");
    }
    if (object.has("zip") || object.has("crit")) {
      throw new JweRefused("The JWE's header has zip or crit, which this server does not take");
    }
    String keyId = object.path("kid").asText("");
    if (keyId.isBlank()) {
      throw new JweRefused("The JWE's header names no kid");
    }
    byte[] ivBytes = Base64Url.decode(iv, "JWE iv");
    byte[] tagBytes = Base64Url.decode(tag, "JWE tag");
    if (ivBytes.length != GCM_IV_BYTES || tagBytes.length != GCM_TAG_BYTES) {
      throw new JweRefused("The JWE's iv must be 12 bytes and its tag 16");
    }
    return new JweMessage(
        header,
        algorithm,
        keyId,
        Base64Url.decode(encryptedKey, "JWE encrypted key"),
        ivBytes,
        ciphertext.isEmpty() ? new byte[0] : Base64Url.decode(ciphertext, "JWE ciphertext"),
        tagBytes);
  }
}
