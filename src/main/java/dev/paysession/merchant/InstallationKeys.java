package dev.paysession.merchant;

import dev.paysession.api.PaysessionConfig;
import dev.paysession.api.RandomTokens;
import dev.paysession.api.Secret;
import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.Startup;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The installation's master key and what is derived from it: the pepper for API-key hashes and the
 * key that seals response keys at rest.
 *
 * <p>The master key comes from {@code PAYSESSION_MASTER_KEY} (base64 of 32 bytes) when the operator
 * sets it, which keeps a database dump alone from revealing response keys. Otherwise one is
 * generated on first start and kept in the database, so a fresh install needs no setup.
 */
@Singleton
@Startup
public class InstallationKeys {

  private static final int GCM_NONCE_BYTES = 12;
  private static final int GCM_TAG_BITS = 128;

  private final SecretKeySpec pepper;
  private final SecretKeySpec sealingKey;

  InstallationKeys(AgroalDataSource dataSource, PaysessionConfig config) throws SQLException {
    Optional<Secret> configuredMasterKey =
        config.masterKey().filter(key -> !key.reveal().isBlank());
    byte[] master =
        configuredMasterKey.isPresent()
            ? Base64.getDecoder().decode(configuredMasterKey.get().reveal().trim())
            : storedMasterKey(dataSource);
    if (master.length < 32) {
      throw new IllegalStateException("PAYSESSION_MASTER_KEY must be base64 of at least 32 bytes");
    }
    this.pepper = new SecretKeySpec(derive(master, "api-key-pepper"), "HmacSHA256");
    this.sealingKey = new SecretKeySpec(derive(master, "response-key-sealing"), "AES");
  }

  /** Keyed hash of an API key; what the database stores and looks keys up by. */
  public byte[] hashApiKey(String apiKey) {
    return hmac(pepper, apiKey.getBytes(StandardCharsets.UTF_8));
  }

  /** AES-GCM: nonce followed by ciphertext and tag. */
  public byte[] seal(String secret) {
    try {
      byte[] nonce = RandomTokens.bytes(GCM_NONCE_BYTES);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, sealingKey, new GCMParameterSpec(GCM_TAG_BITS, nonce));
      byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
      byte[] out = new byte[nonce.length + sealed.length];
      System.arraycopy(nonce, 0, out, 0, nonce.length);
      System.arraycopy(sealed, 0, out, nonce.length, sealed.length);
      return out;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM unavailable", e);
    }
  }

  public String unseal(byte[] sealed) {
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          Cipher.DECRYPT_MODE,
          sealingKey,
          new GCMParameterSpec(GCM_TAG_BITS, sealed, 0, GCM_NONCE_BYTES));
      byte[] plain = cipher.doFinal(sealed, GCM_NONCE_BYTES, sealed.length - GCM_NONCE_BYTES);
      return new String(plain, StandardCharsets.UTF_8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Sealed secret does not open with this master key", e);
    }
  }

  private static byte[] storedMasterKey(AgroalDataSource dataSource) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      try (PreparedStatement insert =
          connection.prepareStatement(
              "INSERT INTO installation_secret (name, value) VALUES ('master', ?)"
                  + " ON CONFLICT (name) DO NOTHING")) {
        insert.setBytes(1, RandomTokens.bytes(32));
        insert.executeUpdate();
      }
      try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT value FROM installation_secret WHERE name = 'master'");
          ResultSet row = select.executeQuery()) {
        row.next();
        return row.getBytes(1);
      }
    }
  }

  private static byte[] derive(byte[] master, String purpose) {
    return hmac(new SecretKeySpec(master, "HmacSHA256"), purpose.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] hmac(SecretKeySpec key, byte[] message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return mac.doFinal(message);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
