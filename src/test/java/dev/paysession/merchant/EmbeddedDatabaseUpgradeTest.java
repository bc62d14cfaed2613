package dev.paysession.merchant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.paysession.api.RandomTokens;
import dev.paysession.api.Secret;
import dev.paysession.db.EmbeddedDatabase;
import dev.paysession.db.ExternalTestDatabase;
import dev.paysession.merchant.InstallationKeys.Purpose;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Security review H1 and L7, end to end on a real PostgreSQL: a data directory laid out exactly as
 * the previous version made it (zonky's {@code initdb -A trust}, the master key generated into
 * {@code installation_secret}, values sealed without key id or associated data) is locked on its
 * first start with this version, keeps its data and secrets, and no longer holds the master key;
 * the master key then rotates, and a changed key stops the start.
 */
class EmbeddedDatabaseUpgradeTest {

  @BeforeAll
  static void onlyOnTheEmbeddedDatabase() {
    ExternalTestDatabase.skipIfConfigured(
        "it upgrades the embedded PostgreSQL's own data directory");
  }

  @TempDir Path dataDir;

  private static final String MERCHANT = "upgrade_merchant";
  private static final String RESPONSE_KEY = "response-key-from-before";
  private static final String WEBHOOK_SECRET = "whsec_from_before";
  private static final String API_KEY = "key_from_before_0123456789abcdef";

  @Test
  void aDataDirectoryOfThePreviousVersionIsLockedAndKeepsItsDataAndSecrets() throws Exception {
    byte[] oldMasterKey = RandomTokens.bytes(32);
    int oldPort = makePreviousVersionDataDirectory(oldMasterKey);

    try (EmbeddedDatabase database = EmbeddedDatabase.start(dataDir, 0)) {
      // No passwordless connection any more, over TCP or the Unix socket.
      assertThat(authenticationAsked(new InetSocketAddress("127.0.0.1", database.port())))
          .as("TCP")
          .isEqualTo(SASL);
      Path socket = database.socketDirectory().orElseThrow().resolve(".s.PGSQL." + database.port());
      assertThat(socket.getParent()).isEqualTo(dataDir.resolve("run"));
      assertThat(authenticationAsked(UnixDomainSocketAddress.of(socket)))
          .as("Unix socket")
          .isEqualTo(SASL);
      assertThat(Path.of("/tmp/.s.PGSQL." + database.port())).doesNotExist();
      assertThatThrownBy(
              () -> DriverManager.getConnection(database.jdbcUrl(), "postgres", "").close())
          .isInstanceOf(SQLException.class);
      assertThatThrownBy(
              () -> DriverManager.getConnection(database.jdbcUrl(), "postgres", "guess").close())
          .hasMessageContaining("password authentication failed");
      assertThat(ownerOnly(dataDir.resolve(EmbeddedDatabase.PASSWORD_FILE))).isTrue();
      assertThat(permissions(dataDir.resolve("run"))).isEqualTo("rwx------");
      assertThat(database.port()).isNotEqualTo(oldPort);

      PGSimpleDataSource dataSource = dataSource(database);
      try (Connection connection = dataSource.getConnection()) {
        assertThat(single(connection, "SELECT name FROM merchants WHERE merchant_id = ?"))
            .isEqualTo("Before the upgrade");
      }

      // The first start of the new code moves the master key out of the database.
      Path keyFile = dataDir.resolve("master-key");
      InstallationKeys keys = keysFromFile(dataSource, keyFile);
      assertThat(ownerOnly(keyFile)).isTrue();
      assertThat(Files.readString(keyFile))
          .contains(Base64.getEncoder().encodeToString(oldMasterKey));
      assertThat(installationSecrets(dataSource)).containsExactly("api-key-pepper");
      assertThat(responseKey(keys, dataSource)).isEqualTo(RESPONSE_KEY);
      assertThat(keys.hashApiKey(API_KEY)).isEqualTo(storedApiKeyHash(dataSource));

      // A restart reads the same key from the file.
      InstallationKeys restarted = keysFromFile(dataSource, keyFile);
      assertThat(responseKey(restarted, dataSource)).isEqualTo(RESPONSE_KEY);

      // Another key without a rotation stops the start with a message, not a 500 later.
      String otherKey = Base64.getEncoder().encodeToString(RandomTokens.bytes(32));
      assertThatThrownBy(
              () ->
                  new InstallationKeys(
                      dataSource,
                      Optional.of(Secret.of(otherKey)),
                      Optional.empty(),
                      Optional.empty()))
          .hasMessageContaining("changed without a rotation")
          .hasMessageContaining("rotate-master-key");

      // Rotation: a new key in the file, every value re-sealed under it, the old key gone.
      MasterKeyRotation.Result rotated = new MasterKeyRotation(restarted, dataSource).rotate();
      assertThat(rotated.merchants()).isEqualTo(1);
      String fileAfter = Files.readString(keyFile);
      assertThat(fileAfter).doesNotContain(Base64.getEncoder().encodeToString(oldMasterKey));
      InstallationKeys afterRotation = keysFromFile(dataSource, keyFile);
      assertThat(afterRotation.masterKeys().previous()).isEmpty();
      assertThat(afterRotation.masterKeys().current().idHex()).isEqualTo(rotated.keyId());
      assertThat(responseKey(afterRotation, dataSource)).isEqualTo(RESPONSE_KEY);
      assertThat(afterRotation.hashApiKey(API_KEY)).isEqualTo(storedApiKeyHash(dataSource));
      assertThat(afterRotation.isCurrent(sealedResponseKey(dataSource))).isTrue();
      assertThatThrownBy(
              () ->
                  new InstallationKeys(
                      dataSource,
                      Optional.of(Secret.of(Base64.getEncoder().encodeToString(oldMasterKey))),
                      Optional.empty(),
                      Optional.empty()))
          .hasMessageContaining("changed without a rotation");

      // Associated data: a sealed value does not open as another merchant's or another purpose.
      byte[] sealed = sealedResponseKey(dataSource);
      assertThatThrownBy(() -> afterRotation.unseal(Purpose.RESPONSE_KEY, "other_merchant", sealed))
          .isInstanceOf(IllegalStateException.class);
      assertThatThrownBy(() -> afterRotation.unseal(Purpose.WEBHOOK_PASSWORD, MERCHANT, sealed))
          .isInstanceOf(IllegalStateException.class);
    }

    // And the locked directory starts again as it is (no second lock-down, same password).
    String password = Files.readString(dataDir.resolve(EmbeddedDatabase.PASSWORD_FILE)).trim();
    try (EmbeddedDatabase again = EmbeddedDatabase.start(dataDir, 0)) {
      assertThat(again.password()).isEqualTo(password);
      try (Connection connection = dataSource(again).getConnection()) {
        assertThat(single(connection, "SELECT name FROM merchants WHERE merchant_id = ?"))
            .isEqualTo("Before the upgrade");
      }
    }

    // A restored data directory without its password file gets a new password, not a lock-out.
    Files.delete(dataDir.resolve(EmbeddedDatabase.PASSWORD_FILE));
    try (EmbeddedDatabase restored = EmbeddedDatabase.start(dataDir, 0)) {
      assertThat(restored.password()).isNotEqualTo(password);
      try (Connection connection = dataSource(restored).getConnection()) {
        assertThat(connection.isValid(5)).isTrue();
      }
      assertThatThrownBy(
              () -> DriverManager.getConnection(restored.jdbcUrl(), "postgres", password).close())
          .hasMessageContaining("password authentication failed");
    }
  }

  @Test
  void aNewDataDirectoryNeverTrustsAnyone() throws Exception {
    try (EmbeddedDatabase database = EmbeddedDatabase.start(dataDir, 0)) {
      assertThat(authenticationAsked(new InetSocketAddress("127.0.0.1", database.port())))
          .isEqualTo(SASL);
      assertThat(
              authenticationAsked(
                  UnixDomainSocketAddress.of(
                      database
                          .socketDirectory()
                          .orElseThrow()
                          .resolve(".s.PGSQL." + database.port()))))
          .isEqualTo(SASL);
      assertThat(Files.readString(dataDir.resolve("pg/pg_hba.conf")))
          .doesNotContain("trust")
          .contains("scram-sha-256");
      Flyway.configure()
          .dataSource(dataSource(database))
          .locations("classpath:db/migration")
          .load()
          .migrate();
      try (Connection connection = dataSource(database).getConnection()) {
        InstallationKeys keys = keysFromFile(dataSource(database), dataDir.resolve("master-key"));
        assertThat(keys.masterKeys().source()).isEqualTo(MasterKeys.Source.FILE);
        assertThat(installationSecrets(dataSource(database))).doesNotContain("master");
        assertThat(connection.isValid(5)).isTrue();
      }
    }
  }

  // --- the previous version, reproduced
  // -----------------------------------------------------------

  /**
   * What the previous EmbeddedDatabase.start and InstallationKeys did on a first start: zonky with
   * its {@code initdb -A trust} and socket in /tmp, the schema, a master key generated into the
   * database, and a merchant whose secrets are sealed the old way (nonce + ciphertext, no AAD).
   */
  private int makePreviousVersionDataDirectory(byte[] masterKey) throws Exception {
    Path pgData = dataDir.resolve("pg");
    Files.createDirectories(pgData);
    Path log = dataDir.resolve("postgres.log");
    try (EmbeddedPostgres old =
        EmbeddedPostgres.builder()
            .setDataDirectory(pgData)
            .setCleanDataDirectory(false)
            .setRegisterShutdownHook(false)
            .setPGStartupWait(Duration.ofSeconds(60))
            .setServerConfig("fsync", "on")
            .setServerConfig("synchronous_commit", "on")
            .setServerConfig("full_page_writes", "on")
            .setServerConfig("listen_addresses", "127.0.0.1")
            .setServerConfig("max_connections", "100")
            .setOutputRedirector(Redirect.appendTo(log.toFile()))
            .setErrorRedirector(Redirect.appendTo(log.toFile()))
            .start()) {
      String url = "jdbc:postgresql://127.0.0.1:" + old.getPort() + "/postgres";
      assertThat(authenticationAsked(new InetSocketAddress("127.0.0.1", old.getPort())))
          .as("the previous version trusted every local connection")
          .isEqualTo(OK);
      Flyway.configure()
          .dataSource(url, "postgres", "")
          .locations("classpath:db/migration")
          .load()
          .migrate();
      try (Connection connection = DriverManager.getConnection(url, "postgres", "");
          Statement statement = connection.createStatement()) {
        try (PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO installation_secret (name, value) VALUES ('master', ?)")) {
          insert.setBytes(1, masterKey);
          insert.executeUpdate();
        }
        try (PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO merchants (merchant_id, name, environment, supported_currencies,"
                    + " response_key_sealed, webhook_secret_sealed)"
                    + " VALUES (?, 'Before the upgrade', 'sandbox', '{INR}', ?, ?)")) {
          insert.setString(1, MERCHANT);
          insert.setBytes(2, oldSeal(masterKey, RESPONSE_KEY));
          insert.setBytes(3, oldSeal(masterKey, WEBHOOK_SECRET));
          insert.executeUpdate();
        }
        statement.execute("CREATE TABLE upgrade_probe (hash bytea)");
        try (PreparedStatement insert =
            connection.prepareStatement("INSERT INTO upgrade_probe VALUES (?)")) {
          insert.setBytes(1, hmac(hmac(masterKey, "api-key-pepper"), API_KEY));
          insert.executeUpdate();
        }
      }
      return old.getPort();
    }
  }

  private static byte[] oldSeal(byte[] master, String secret) throws Exception {
    byte[] nonce = RandomTokens.bytes(12);
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(
        Cipher.ENCRYPT_MODE,
        new SecretKeySpec(hmac(master, "response-key-sealing"), "AES"),
        new GCMParameterSpec(128, nonce));
    byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
    byte[] out = new byte[nonce.length + sealed.length];
    System.arraycopy(nonce, 0, out, 0, nonce.length);
    System.arraycopy(sealed, 0, out, nonce.length, sealed.length);
    return out;
  }

  private static byte[] hmac(byte[] key, String message) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
  }

  // --- helpers
  // --------------------------------------------------------------------------------------

  private static InstallationKeys keysFromFile(PGSimpleDataSource dataSource, Path keyFile)
      throws SQLException {
    return new InstallationKeys(
        dataSource, Optional.empty(), Optional.empty(), Optional.of(keyFile.toString()));
  }

  private static PGSimpleDataSource dataSource(EmbeddedDatabase database) {
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setURL(database.jdbcUrl());
    dataSource.setUser(database.username());
    dataSource.setPassword(database.password());
    return dataSource;
  }

  private static String responseKey(InstallationKeys keys, PGSimpleDataSource dataSource)
      throws SQLException {
    return keys.unseal(Purpose.RESPONSE_KEY, MERCHANT, sealedResponseKey(dataSource));
  }

  private static byte[] sealedResponseKey(PGSimpleDataSource dataSource) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT response_key_sealed FROM merchants WHERE merchant_id = ?")) {
      select.setString(1, MERCHANT);
      try (ResultSet row = select.executeQuery()) {
        row.next();
        return row.getBytes(1);
      }
    }
  }

  private static byte[] storedApiKeyHash(PGSimpleDataSource dataSource) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("SELECT hash FROM upgrade_probe")) {
      row.next();
      return row.getBytes(1);
    }
  }

  private static java.util.List<String> installationSecrets(PGSimpleDataSource dataSource)
      throws SQLException {
    java.util.List<String> names = new java.util.ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet row =
            statement.executeQuery("SELECT name FROM installation_secret ORDER BY name")) {
      while (row.next()) {
        names.add(row.getString(1));
      }
    }
    return names;
  }

  private static String single(Connection connection, String sql) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(sql)) {
      select.setString(1, MERCHANT);
      try (ResultSet row = select.executeQuery()) {
        assertThat(row.next()).isTrue();
        return row.getString(1);
      }
    }
  }

  private static boolean ownerOnly(Path file) throws IOException {
    return permissions(file).equals("rw-------");
  }

  private static String permissions(Path file) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
  }

  // --- a passwordless PostgreSQL start-up, by hand (JDBC cannot use a Unix socket)
  // -----------------

  private static final int OK = 0;
  private static final int SASL = 10;

  /**
   * Sends a protocol 3.0 start-up message as {@code postgres} without any password and returns the
   * authentication request the server answers with: 0 (in, no password: trust), 10 (SASL: a
   * password is required), or -1 for an error message (refused outright).
   */
  private static int authenticationAsked(SocketAddress address) throws IOException {
    StandardProtocolFamily family =
        address instanceof UnixDomainSocketAddress
            ? StandardProtocolFamily.UNIX
            : ((InetSocketAddress) address).getAddress() instanceof java.net.Inet6Address
                ? StandardProtocolFamily.INET6
                : StandardProtocolFamily.INET;
    try (SocketChannel channel = SocketChannel.open(family)) {
      channel.connect(address);
      byte[] parameters = "user\0postgres\0database\0postgres\0\0".getBytes(StandardCharsets.UTF_8);
      ByteBuffer startup = ByteBuffer.allocate(8 + parameters.length);
      startup.putInt(8 + parameters.length).putInt(196608).put(parameters).flip();
      while (startup.hasRemaining()) {
        channel.write(startup);
      }
      ByteBuffer answer = ByteBuffer.allocate(9);
      while (answer.hasRemaining() && channel.read(answer) >= 0) {
        // read the message type, its length and the authentication code
      }
      answer.flip();
      byte type = answer.get();
      return type == 'R' ? answer.getInt(5) : -1;
    }
  }
}
