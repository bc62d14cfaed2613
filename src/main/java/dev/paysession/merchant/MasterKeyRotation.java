package dev.paysession.merchant;

import static dev.paysession.merchant.InstallationKeys.Purpose.RESPONSE_KEY;
import static dev.paysession.merchant.InstallationKeys.Purpose.WEBHOOK_HEADERS;
import static dev.paysession.merchant.InstallationKeys.Purpose.WEBHOOK_PASSWORD;
import static dev.paysession.merchant.InstallationKeys.Purpose.WEBHOOK_SIGNING_SECRET;

import dev.paysession.merchant.InstallationKeys.Purpose;
import dev.paysession.merchant.MasterKeys.Key;
import io.quarkus.arc.All;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The {@code rotate-master-key} command: re-seals every sealed value and the API-key pepper under
 * the current master key, in one transaction, after which previous keys are no longer needed.
 *
 * <p>With the key file (the embedded default) it also makes the new key: when the file holds one
 * key, a new one is generated and written first, the old one kept after it until the re-sealing has
 * committed, then dropped. A run that stopped half-way is finished by running it again. With {@code
 * PAYSESSION_MASTER_KEY} the operator brings the new key (and the old one in {@code
 * PAYSESSION_PREVIOUS_MASTER_KEYS}); afterwards the previous keys can be removed.
 */
// Looked up by the entry point, not injected: ArC must not remove it as unused.
@Unremovable
@ApplicationScoped
public class MasterKeyRotation {

  /** The command-line word that runs it. */
  public static final String COMMAND = "rotate-master-key";

  private static final String[] SEALED_COLUMNS = {
    "response_key_sealed",
    "webhook_secret_sealed",
    "webhook_previous_secret_sealed",
    "webhook_password_sealed",
    "webhook_headers_sealed"
  };
  private static final Purpose[] PURPOSES = {
    RESPONSE_KEY, WEBHOOK_SIGNING_SECRET, WEBHOOK_SIGNING_SECRET, WEBHOOK_PASSWORD, WEBHOOK_HEADERS
  };

  private final InstallationKeys keys;
  private final DataSource dataSource;
  private final List<SealedElsewhere> elsewhere;

  MasterKeyRotation(InstallationKeys keys, DataSource dataSource) {
    this(keys, dataSource, List.of());
  }

  @Inject
  MasterKeyRotation(
      InstallationKeys keys, DataSource dataSource, @All List<SealedElsewhere> elsewhere) {
    this.keys = keys;
    this.dataSource = dataSource;
    this.elsewhere = List.copyOf(elsewhere);
  }

  /** What a rotation did, for the operator. */
  public record Result(String keyId, int merchants, String next) {}

  public Result rotate() throws SQLException, IOException {
    MasterKeys ring = keys.masterKeys();
    if (ring.source() == MasterKeys.Source.DATABASE) {
      throw new IllegalStateException(
          "The master key is kept in the database: set PAYSESSION_MASTER_KEY_FILE (or"
              + " PAYSESSION_MASTER_KEY, with the current key from the database) first");
    }
    if (ring.source() == MasterKeys.Source.FILE && ring.previous().isEmpty()) {
      List<Key> next = new ArrayList<>();
      next.add(Key.generate());
      next.addAll(ring.all());
      MasterKeys.write(keys.keyFile().orElseThrow(), next);
      ring = MasterKeys.fromFile(keys.keyFile().orElseThrow()).orElseThrow();
      keys.use(ring);
    }
    int merchants = resealEverything();
    if (ring.source() == MasterKeys.Source.FILE) {
      MasterKeys.write(keys.keyFile().orElseThrow(), List.of(ring.current()));
      keys.use(MasterKeys.fromFile(keys.keyFile().orElseThrow()).orElseThrow());
      return new Result(ring.current().idHex(), merchants, "nothing: the old key is gone");
    }
    return new Result(
        ring.current().idHex(), merchants, "remove PAYSESSION_PREVIOUS_MASTER_KEYS on every node");
  }

  private int resealEverything() throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        int merchants = 0;
        try (PreparedStatement select =
                connection.prepareStatement(
                    "SELECT merchant_id, "
                        + String.join(", ", SEALED_COLUMNS)
                        + " FROM merchants ORDER BY merchant_id FOR UPDATE");
            PreparedStatement update =
                connection.prepareStatement(
                    "UPDATE merchants SET "
                        + String.join(" = ?, ", SEALED_COLUMNS)
                        + " = ? WHERE merchant_id = ?");
            ResultSet row = select.executeQuery()) {
          while (row.next()) {
            String merchantId = row.getString(1);
            for (int i = 0; i < SEALED_COLUMNS.length; i++) {
              byte[] sealed = row.getBytes(i + 2);
              update.setBytes(
                  i + 1,
                  sealed == null
                      ? null
                      : keys.seal(
                          PURPOSES[i], merchantId, keys.unseal(PURPOSES[i], merchantId, sealed)));
            }
            update.setString(SEALED_COLUMNS.length + 1, merchantId);
            update.addBatch();
            merchants++;
          }
          update.executeBatch();
        }
        for (SealedElsewhere feature : elsewhere) {
          feature.reseal(
              connection,
              (purpose, owner, value) ->
                  keys.seal(purpose, owner, keys.unseal(purpose, owner, value)));
        }
        try (PreparedStatement pepper =
            connection.prepareStatement(
                "UPDATE installation_secret SET value = ? WHERE name = 'api-key-pepper'")) {
          pepper.setBytes(1, keys.sealedPepper());
          pepper.executeUpdate();
        }
        try (PreparedStatement legacy =
            connection.prepareStatement("DELETE FROM installation_secret WHERE name = 'master'")) {
          legacy.executeUpdate();
        }
        connection.commit();
        return merchants;
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      }
    }
  }
}
