package dev.paysession.jwe;

import dev.paysession.api.RandomTokens;
import dev.paysession.merchant.InstallationKeys;
import dev.paysession.merchant.InstallationKeys.Purpose;
import dev.paysession.merchant.SealedElsewhere;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The {@code jwe_keys} table: each merchant's JWE keys, the server's private keys sealed under the
 * master key and bound to their merchant and kid.
 */
@ApplicationScoped
public class JweKeyStore implements SealedElsewhere {

  private final AgroalDataSource dataSource;
  private final InstallationKeys installationKeys;
  private final Clock clock;

  JweKeyStore(AgroalDataSource dataSource, InstallationKeys installationKeys, Clock clock) {
    this.dataSource = dataSource;
    this.installationKeys = installationKeys;
    this.clock = clock;
  }

  /** A key as the admin API lists it: public halves only. */
  record KeyInfo(
      String keyId,
      RSAPublicKey merchantPublicKey,
      RSAPublicKey serverPublicKey,
      Instant createdAt,
      Optional<Instant> retiredAt) {}

  /** A live key, ready to open a request and seal its answer. */
  record LiveKey(
      String merchantId, String keyId, RSAPublicKey merchantPublicKey, PrivateKey serverKey) {}

  /** Makes a server key pair for {@code merchantPublicKey} and stores both under a new kid. */
  KeyInfo create(String merchantId, RSAPublicKey merchantPublicKey) throws SQLException {
    KeyPair server = RsaKeys.generate();
    String keyId = "key_" + RandomTokens.hex32();
    Instant now = clock.instant();
    byte[] sealed =
        installationKeys.seal(
            Purpose.JWE_SERVER_PRIVATE_KEY,
            owner(merchantId, keyId),
            Base64.getEncoder().encodeToString(server.getPrivate().getEncoded()));
    try (Connection connection = dataSource.getConnection();
        PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO jwe_keys (merchant_id, key_id, merchant_public_key,"
                    + " server_public_key, server_private_key_sealed, created_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?)")) {
      insert.setString(1, merchantId);
      insert.setString(2, keyId);
      insert.setBytes(3, merchantPublicKey.getEncoded());
      insert.setBytes(4, server.getPublic().getEncoded());
      insert.setBytes(5, sealed);
      insert.setTimestamp(6, Timestamp.from(now));
      insert.executeUpdate();
    }
    return new KeyInfo(
        keyId, merchantPublicKey, (RSAPublicKey) server.getPublic(), now, Optional.empty());
  }

  /** The merchant's keys, live and retired, oldest first. */
  List<KeyInfo> list(String merchantId) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT key_id, merchant_public_key, server_public_key, created_at, retired_at"
                    + " FROM jwe_keys WHERE merchant_id = ? ORDER BY created_at, key_id")) {
      select.setString(1, merchantId);
      List<KeyInfo> keys = new ArrayList<>();
      try (ResultSet row = select.executeQuery()) {
        while (row.next()) {
          Timestamp retired = row.getTimestamp(5);
          keys.add(
              new KeyInfo(
                  row.getString(1),
                  RsaKeys.publicKey(row.getBytes(2)),
                  RsaKeys.publicKey(row.getBytes(3)),
                  row.getTimestamp(4).toInstant(),
                  Optional.ofNullable(retired).map(Timestamp::toInstant)));
        }
      }
      return keys;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("a stored JWE public key does not parse", e);
    }
  }

  /** Retires a live key; false when the merchant has no live key of that id. */
  boolean retire(String merchantId, String keyId) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement update =
            connection.prepareStatement(
                "UPDATE jwe_keys SET retired_at = ? WHERE merchant_id = ? AND key_id = ?"
                    + " AND retired_at IS NULL")) {
      update.setTimestamp(1, Timestamp.from(clock.instant()));
      update.setString(2, merchantId);
      update.setString(3, keyId);
      return update.executeUpdate() == 1;
    }
  }

  /** The merchant's live key {@code keyId}; empty when unknown or retired. */
  Optional<LiveKey> live(String merchantId, String keyId) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT merchant_public_key, server_private_key_sealed FROM jwe_keys"
                    + " WHERE merchant_id = ? AND key_id = ? AND retired_at IS NULL")) {
      select.setString(1, merchantId);
      select.setString(2, keyId);
      try (ResultSet row = select.executeQuery()) {
        if (!row.next()) {
          return Optional.empty();
        }
        String pkcs8 =
            installationKeys.unseal(
                Purpose.JWE_SERVER_PRIVATE_KEY, owner(merchantId, keyId), row.getBytes(2));
        return Optional.of(
            new LiveKey(
                merchantId,
                keyId,
                RsaKeys.publicKey(row.getBytes(1)),
                RsaKeys.privateKey(Base64.getDecoder().decode(pkcs8))));
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("a stored JWE key does not parse", e);
    }
  }

  @Override
  public int reseal(Connection connection, Resealer resealer) throws SQLException {
    int count = 0;
    try (PreparedStatement select =
            connection.prepareStatement(
                "SELECT merchant_id, key_id, server_private_key_sealed FROM jwe_keys"
                    + " ORDER BY merchant_id, key_id FOR UPDATE");
        PreparedStatement update =
            connection.prepareStatement(
                "UPDATE jwe_keys SET server_private_key_sealed = ?"
                    + " WHERE merchant_id = ? AND key_id = ?");
        ResultSet row = select.executeQuery()) {
      while (row.next()) {
        String merchantId = row.getString(1);
        String keyId = row.getString(2);
        update.setBytes(
            1,
            resealer.reseal(
                Purpose.JWE_SERVER_PRIVATE_KEY, owner(merchantId, keyId), row.getBytes(3)));
        update.setString(2, merchantId);
        update.setString(3, keyId);
        update.addBatch();
        count++;
      }
      update.executeBatch();
    }
    return count;
  }

  /**
   * Sealed values are bound to merchant and kid: a sealed key moved to another row does not open.
   */
  private static String owner(String merchantId, String keyId) {
    return merchantId + "/" + keyId;
  }
}
