package dev.paysession.jwe;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.paysession.api.Json;
import dev.paysession.api.RandomTokens;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import javax.crypto.spec.SecretKeySpec;

/**
 * JWE with RSA-OAEP key wrapping and AES-256-GCM content, as Juspay's Node SDK makes and reads it.
 * The SDK wraps its key with OAEP's default hash (SHA-1, labelled {@code RSA-OAEP}) but unwraps our
 * answers with OAEP-SHA-256: so requests are opened with either hash, and answers are wrapped with
 * SHA-256 and labelled {@code RSA-OAEP-256}, which is what they are.
 */
final class JweCrypto {

  private static final OAEPParameterSpec OAEP_SHA1 =
      new OAEPParameterSpec("SHA-1", "MGF1", MGF1ParameterSpec.SHA1, PSource.PSpecified.DEFAULT);

  /** Explicit: Java's "OAEPWithSHA-256AndMGF1Padding" would use MGF1 with SHA-1, Node does not. */
  private static final OAEPParameterSpec OAEP_SHA256 =
      new OAEPParameterSpec(
          "SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT);

  private static final int CEK_BYTES = 32;
  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;

  private JweCrypto() {}

  /**
   * The plaintext, once the key unwraps and the tag verifies the ciphertext and the header. Every
   * failure has the same message, so a caller cannot tell a bad wrapped key from a bad tag.
   */
  static byte[] decrypt(JweMessage message, PrivateKey serverKey) {
    byte[] cek = unwrap(message, serverKey);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          Cipher.DECRYPT_MODE,
          new SecretKeySpec(cek, "AES"),
          new GCMParameterSpec(TAG_BITS, message.iv()));
      cipher.updateAAD(message.protectedHeader().getBytes(StandardCharsets.US_ASCII));
      byte[] sealed = Arrays.copyOf(message.ciphertext(), message.ciphertext().length + 16);
      System.arraycopy(message.tag(), 0, sealed, message.ciphertext().length, 16);
      return cipher.doFinal(sealed);
    } catch (GeneralSecurityException e) {
      throw doesNotDecrypt(message.keyId());
    } finally {
      Arrays.fill(cek, (byte) 0);
    }
  }

  private static byte[] unwrap(JweMessage message, PrivateKey serverKey) {
    boolean sha256First = JweMessage.RSA_OAEP_256.equals(message.algorithm());
    for (OAEPParameterSpec spec :
        sha256First
            ? new OAEPParameterSpec[] {OAEP_SHA256, OAEP_SHA1}
            : new OAEPParameterSpec[] {OAEP_SHA1, OAEP_SHA256}) {
      try {
        Cipher rsa = Cipher.getInstance("RSA/ECB/OAEPPadding");
        rsa.init(Cipher.DECRYPT_MODE, serverKey, spec);
        byte[] cek = rsa.doFinal(message.encryptedKey());
        if (cek.length == CEK_BYTES) {
          return cek;
        }
      } catch (GeneralSecurityException e) {
        // the other hash, or refused below
      }
    }
    throw doesNotDecrypt(message.keyId());
  }

  private static JweRefused doesNotDecrypt(String keyId) {
    return new JweRefused("The JWE does not decrypt with the server key of kid " + keyId);
  }

  /** The SDK's JSON form of a JWE of {@code plaintext} for the holder of {@code recipient}. */
  static ObjectNode encrypt(byte[] plaintext, String keyId, PublicKey recipient) {
    ObjectNode headerFields = Json.mapper().createObjectNode();
    headerFields.put("alg", JweMessage.RSA_OAEP_256);
    headerFields.put("enc", JweMessage.A256GCM);
    headerFields.put("cty", "JWT");
    headerFields.put("kid", keyId);
    String header = Base64Url.encode(headerFields.toString().getBytes(StandardCharsets.UTF_8));
    byte[] cek = RandomTokens.bytes(CEK_BYTES);
    byte[] iv = RandomTokens.bytes(IV_BYTES);
    try {
      Cipher rsa = Cipher.getInstance("RSA/ECB/OAEPPadding");
      rsa.init(Cipher.ENCRYPT_MODE, recipient, OAEP_SHA256);
      byte[] encryptedKey = rsa.doFinal(cek);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          Cipher.ENCRYPT_MODE, new SecretKeySpec(cek, "AES"), new GCMParameterSpec(TAG_BITS, iv));
      cipher.updateAAD(header.getBytes(StandardCharsets.US_ASCII));
      byte[] sealed = cipher.doFinal(plaintext);
      int split = sealed.length - TAG_BITS / 8;
      ObjectNode jwe = Json.mapper().createObjectNode();
      jwe.put("header", header);
      jwe.put("encryptedKey", Base64Url.encode(encryptedKey));
      jwe.put("iv", Base64Url.encode(iv));
      jwe.put("encryptedPayload", Base64Url.encode(Arrays.copyOf(sealed, split)));
      jwe.put("tag", Base64Url.encode(Arrays.copyOfRange(sealed, split, sealed.length)));
      return jwe;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("RSA-OAEP or AES-GCM unavailable, or an unusable key", e);
    } finally {
      Arrays.fill(cek, (byte) 0);
    }
  }
}
