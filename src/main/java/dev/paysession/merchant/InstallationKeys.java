package dev.paysession.merchant;

import dev.paysession.api.PaysessionConfig;
import dev.paysession.api.RandomTokens;
import dev.paysession.api.Secret;
import dev.paysession.merchant.MasterKeys.Key;
import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.Startup;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * The installation's master keys and what they protect: the secrets sealed at rest (response keys,
 * webhook signing secrets, passwords and headers) and the pepper of API-key hashes.
 *
 * <p>Sealed values are AES-256-GCM under a key derived from a master key, laid out as {@code 0x01,
 * key id (4 bytes), nonce (12), ciphertext and tag}, with what the value is and whose it is ({@link
 * Purpose} and merchant id) as associated data, so a sealed value moved to another column or
 * merchant does not open. Values sealed by earlier versions ({@code nonce, ciphertext}, no
 * associated data) still open, under any known master key; a rotation re-seals them.
 *
 * <p>The pepper is random data kept sealed in {@code installation_secret}, so a master-key rotation
 * re-seals it and API keys keep working. An installation from before keeps the pepper it had
 * (derived from its master key then).
 *
 * <p>At start it checks that the sealed pepper opens: a master key changed without a rotation stops
 * the start with a message saying what to do, instead of answering 500 once a customer has paid and
 * the response key cannot be read.
 */
@Singleton
@Startup
public class InstallationKeys {

  private static final Logger LOG = Logger.getLogger(InstallationKeys.class);

  private static final byte FORMAT = 1;
  private static final int KEY_ID_BYTES = 4;
  private static final int GCM_NONCE_BYTES = 12;
  private static final int GCM_TAG_BITS = 128;
  private static final String LEGACY_MASTER = "master";
  private static final String PEPPER = "api-key-pepper";

  /** What a sealed value is; part of its associated data. */
  public enum Purpose {
    RESPONSE_KEY("response-key"),
    /** Current and previous webhook signing secrets alike: a rotation moves one to the other. */
    WEBHOOK_SIGNING_SECRET("webhook-signing-secret"),
    WEBHOOK_PASSWORD("webhook-password"),
    WEBHOOK_HEADERS("webhook-headers"),
    API_KEY_PEPPER("api-key-pepper"),
    /** A JWE key's server private key (jwe/JweKeyStore), base64 of its PKCS#8. */
    JWE_SERVER_PRIVATE_KEY("jwe-server-private-key");

    private final String label;

    Purpose(String label) {
      this.label = label;
    }
  }

  private final DataSource dataSource;
  private final Optional<Path> keyFile;
  private volatile MasterKeys masterKeys;
  private volatile SecretKeySpec pepper;

  @Inject
  InstallationKeys(AgroalDataSource dataSource, PaysessionConfig config) throws SQLException {
    this(dataSource, config.masterKey(), config.previousMasterKeys(), config.masterKeyFile());
  }

  InstallationKeys(
      DataSource dataSource,
      Optional<Secret> masterKey,
      Optional<Secret> previousMasterKeys,
      Optional<String> masterKeyFile)
      throws SQLException {
    this.dataSource = dataSource;
    this.keyFile = masterKeyFile.filter(path -> !path.isBlank()).map(Path::of);
    try {
      this.masterKeys = load(masterKey, previousMasterKeys);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.pepper = new SecretKeySpec(openOrCreatePepper(), "HmacSHA256");
    if (needsRotation()) {
      LOG.warnf(
          "Secrets are still sealed under a previous master key (or the master key is still in the"
              + " database); run 'rotate-master-key' to re-seal them under the current key %s",
          masterKeys.current().idHex());
    }
  }

  /** Keyed hash of an API key; what the database stores and looks keys up by. */
  public byte[] hashApiKey(String apiKey) {
    return hmac(pepper, apiKey.getBytes(StandardCharsets.UTF_8));
  }

  /** Seals {@code secret} under the current master key, bound to its purpose and merchant. */
  public byte[] seal(Purpose purpose, String merchantId, String secret) {
    return seal(masterKeys.current(), purpose, merchantId, secret.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Opens a value sealed by {@link #seal}, or by an earlier version.
   *
   * @throws IllegalStateException when no known master key opens it
   */
  public String unseal(Purpose purpose, String merchantId, byte[] sealed) {
    return new String(open(purpose, merchantId, sealed), StandardCharsets.UTF_8);
  }

  /** Whether {@code sealed} is in the current format under the current master key. */
  boolean isCurrent(byte[] sealed) {
    return sealed.length > 1 + KEY_ID_BYTES
        && sealed[0] == FORMAT
        && Arrays.equals(
            Arrays.copyOfRange(sealed, 1, 1 + KEY_ID_BYTES), masterKeys.current().id());
  }

  MasterKeys masterKeys() {
    return masterKeys;
  }

  Optional<Path> keyFile() {
    return keyFile;
  }

  /** After a rotation wrote the new key first in the file: seal with it from now on. */
  void use(MasterKeys keys) {
    this.masterKeys = keys;
  }

  private boolean needsRotation() throws SQLException {
    return !masterKeys.previous().isEmpty() || legacyMasterKey().isPresent();
  }

  private MasterKeys load(Optional<Secret> masterKey, Optional<Secret> previousMasterKeys)
      throws IOException, SQLException {
    Optional<MasterKeys> fromEnvironment =
        MasterKeys.fromEnvironment(masterKey, previousMasterKeys);
    Optional<Key> legacy = legacyMasterKey();
    if (fromEnvironment.isPresent()) {
      // A key generated into the database by an earlier version, before the operator set one,
      // still opens what it sealed until a rotation re-seals it.
      return legacy
          .filter(key -> !fromEnvironment.get().all().contains(key))
          .map(key -> withPrevious(fromEnvironment.get(), key))
          .orElse(fromEnvironment.get());
    }
    if (keyFile.isPresent()) {
      Optional<MasterKeys> fromFile = MasterKeys.fromFile(keyFile.get());
      if (fromFile.isEmpty()) {
        // First start, or the first with this version: the key moves out of the database.
        MasterKeys.write(keyFile.get(), List.of(legacy.orElseGet(Key::generate)));
        fromFile = MasterKeys.fromFile(keyFile.get());
        LOG.infof(
            legacy.isPresent()
                ? "Moved the master key from the database to %s"
                : "Generated a master key in %s",
            keyFile.get());
      }
      if (legacy.isPresent() && fromFile.get().all().contains(legacy.get())) {
        deleteLegacyMasterKey();
        legacy = Optional.empty();
      }
      MasterKeys keys = fromFile.get();
      return legacy.map(key -> withPrevious(keys, key)).orElse(keys);
    }
    LOG.warn(
        "No PAYSESSION_MASTER_KEY or PAYSESSION_MASTER_KEY_FILE: the master key is kept in the"
            + " database, so a dump of it reveals every sealed secret. Set one (docs/operations.md).");
    return new MasterKeys(
        legacy.orElseGet(this::insertLegacyMasterKey), List.of(), MasterKeys.Source.DATABASE);
  }

  private static MasterKeys withPrevious(MasterKeys keys, Key older) {
    List<Key> previous = new ArrayList<>(keys.previous());
    previous.add(older);
    return new MasterKeys(keys.current(), previous, keys.source());
  }

  private byte[] openOrCreatePepper() throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      Optional<byte[]> stored = secret(connection, PEPPER);
      if (stored.isPresent()) {
        try {
          return open(Purpose.API_KEY_PEPPER, "", stored.get());
        } catch (IllegalStateException e) {
          throw keyChanged();
        }
      }
      // An installation from before sealed peppers: the pepper its API-key hashes were made with.
      // The oldest known key: the generated one still in the database, when there is one.
      Key original = masterKeys.all().get(masterKeys.all().size() - 1);
      requireExistingSecretsOpen(connection);
      byte[] pepperBytes = MasterKeys.hmac(original.bytes(), "api-key-pepper");
      try (PreparedStatement insert =
          connection.prepareStatement(
              "INSERT INTO installation_secret (name, value) VALUES (?, ?)"
                  + " ON CONFLICT (name) DO NOTHING")) {
        insert.setString(1, PEPPER);
        insert.setBytes(2, seal(masterKeys.current(), Purpose.API_KEY_PEPPER, "", pepperBytes));
        insert.executeUpdate();
      }
      // Another node may have won the insert: use what is stored.
      return open(Purpose.API_KEY_PEPPER, "", secret(connection, PEPPER).orElseThrow());
    }
  }

  /**
   * Before the first sealed pepper exists (a fresh install, or the first start after an upgrade), a
   * merchant's response key is the witness that the master key is the one that sealed it.
   */
  private void requireExistingSecretsOpen(Connection connection) throws SQLException {
    try (PreparedStatement select =
            connection.prepareStatement(
                "SELECT merchant_id, response_key_sealed FROM merchants LIMIT 1");
        ResultSet row = select.executeQuery()) {
      if (row.next()) {
        try {
          open(Purpose.RESPONSE_KEY, row.getString(1), row.getBytes(2));
        } catch (IllegalStateException e) {
          throw keyChanged();
        }
      }
    }
  }

  private IllegalStateException keyChanged() {
    return new IllegalStateException(
        "The master key does not open this installation's secrets (known keys: "
            + masterKeys.all()
            + "). It was changed without a rotation: set PAYSESSION_MASTER_KEY (or the key"
            + " file) back to the previous key, or keep the new one as PAYSESSION_MASTER_KEY"
            + " and pass the old one in PAYSESSION_PREVIOUS_MASTER_KEYS, then run"
            + " rotate-master-key (docs/operations.md).");
  }

  /** The pepper sealed again under the current key, for a rotation. */
  byte[] sealedPepper() {
    return seal(masterKeys.current(), Purpose.API_KEY_PEPPER, "", pepper.getEncoded());
  }

  private Optional<Key> legacyMasterKey() throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      return secret(connection, LEGACY_MASTER).map(Key::new);
    }
  }

  /** Earlier versions' home of a generated master key; still used when nothing else is set. */
  private Key insertLegacyMasterKey() {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO installation_secret (name, value) VALUES (?, ?)"
                    + " ON CONFLICT (name) DO NOTHING")) {
      insert.setString(1, LEGACY_MASTER);
      insert.setBytes(2, RandomTokens.bytes(32));
      insert.executeUpdate();
      return secret(connection, LEGACY_MASTER).map(Key::new).orElseThrow();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot store a master key", e);
    }
  }

  /** Once the key lives outside the database (file or environment), the database forgets it. */
  void deleteLegacyMasterKey() throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement delete =
            connection.prepareStatement("DELETE FROM installation_secret WHERE name = ?")) {
      delete.setString(1, LEGACY_MASTER);
      delete.executeUpdate();
    }
  }

  private static Optional<byte[]> secret(Connection connection, String name) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement("SELECT value FROM installation_secret WHERE name = ?")) {
      select.setString(1, name);
      try (ResultSet row = select.executeQuery()) {
        return row.next() ? Optional.of(row.getBytes(1)) : Optional.empty();
      }
    }
  }

  private static byte[] associatedData(Purpose purpose, String merchantId) {
    return ("paysession/" + purpose.label + "/" + merchantId).getBytes(StandardCharsets.UTF_8);
  }

  private static SecretKeySpec sealingKey(Key master) {
    return new SecretKeySpec(MasterKeys.hmac(master.bytes(), "response-key-sealing"), "AES");
  }

  private static byte[] seal(Key master, Purpose purpose, String merchantId, byte[] plain) {
    try {
      byte[] nonce = RandomTokens.bytes(GCM_NONCE_BYTES);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          Cipher.ENCRYPT_MODE, sealingKey(master), new GCMParameterSpec(GCM_TAG_BITS, nonce));
      cipher.updateAAD(associatedData(purpose, merchantId));
      byte[] sealed = cipher.doFinal(plain);
      byte[] out = new byte[1 + KEY_ID_BYTES + nonce.length + sealed.length];
      out[0] = FORMAT;
      System.arraycopy(master.id(), 0, out, 1, KEY_ID_BYTES);
      System.arraycopy(nonce, 0, out, 1 + KEY_ID_BYTES, nonce.length);
      System.arraycopy(sealed, 0, out, 1 + KEY_ID_BYTES + nonce.length, sealed.length);
      return out;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM unavailable", e);
    }
  }

  private byte[] open(Purpose purpose, String merchantId, byte[] sealed) {
    int header = 1 + KEY_ID_BYTES;
    if (sealed.length > header + GCM_NONCE_BYTES && sealed[0] == FORMAT) {
      byte[] id = Arrays.copyOfRange(sealed, 1, header);
      for (Key key : masterKeys.all()) {
        if (Arrays.equals(key.id(), id)) {
          Optional<byte[]> plain =
              decrypt(key, sealed, header, associatedData(purpose, merchantId));
          if (plain.isPresent()) {
            return plain.get();
          }
        }
      }
    }
    // Sealed by an earlier version: no key id, no associated data.
    for (Key key : masterKeys.all()) {
      Optional<byte[]> plain = decrypt(key, sealed, 0, null);
      if (plain.isPresent()) {
        return plain.get();
      }
    }
    throw new IllegalStateException(
        "A sealed " + purpose.label + " does not open with any known master key");
  }

  private static Optional<byte[]> decrypt(Key key, byte[] sealed, int offset, byte[] aad) {
    if (sealed.length < offset + GCM_NONCE_BYTES + GCM_TAG_BITS / 8) {
      return Optional.empty();
    }
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          Cipher.DECRYPT_MODE,
          sealingKey(key),
          new GCMParameterSpec(GCM_TAG_BITS, sealed, offset, GCM_NONCE_BYTES));
      if (aad != null) {
        cipher.updateAAD(aad);
      }
      int body = offset + GCM_NONCE_BYTES;
      return Optional.of(cipher.doFinal(sealed, body, sealed.length - body));
    } catch (javax.crypto.AEADBadTagException e) {
      return Optional.empty();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM unavailable", e);
    }
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
