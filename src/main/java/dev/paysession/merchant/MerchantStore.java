package dev.paysession.merchant;

import static dev.paysession.merchant.InstallationKeys.Purpose.RESPONSE_KEY;
import static dev.paysession.merchant.InstallationKeys.Purpose.WEBHOOK_HEADERS;
import static dev.paysession.merchant.InstallationKeys.Purpose.WEBHOOK_PASSWORD;
import static dev.paysession.merchant.InstallationKeys.Purpose.WEBHOOK_SIGNING_SECRET;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paysession.api.Json;
import dev.paysession.api.Secret;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Merchants, their client ids and API keys in PostgreSQL. */
@ApplicationScoped
public class MerchantStore {

  /** What the admin API shows of a key: never the key, only its id and first characters. */
  public record ApiKeyInfo(
      String keyId, String displayPrefix, Instant createdAt, Optional<Instant> revokedAt) {}

  /** A new key as created: the only moment the key itself exists outside the caller. */
  public record IssuedKey(String keyId, Secret apiKey, String displayPrefix) {}

  private static final String MERCHANT_COLUMNS =
      "m.merchant_id, m.name, m.environment, m.default_return_url, m.supported_currencies,"
          + " m.upi_payee_vpa, m.upi_payee_name, m.upi_merchant_code,"
          + " ARRAY(SELECT c.client_id FROM merchant_client_ids c"
          + " WHERE c.merchant_id = m.merchant_id ORDER BY c.client_id) AS client_ids";

  private static final ObjectMapper JSON = Json.mapper();

  private final AgroalDataSource dataSource;
  private final InstallationKeys keys;
  private final ActiveKeyCache activeKeys;

  MerchantStore(AgroalDataSource dataSource, InstallationKeys keys, AuthConfig auth) {
    this.dataSource = dataSource;
    this.keys = keys;
    this.activeKeys = new ActiveKeyCache(auth.cacheTtl(), 10_000, System::nanoTime);
  }

  /**
   * Creates the merchant with its client ids and a first API key in one transaction.
   *
   * @return the first key, or empty when the merchant id is taken
   */
  public Optional<IssuedKey> create(Merchant merchant, Secret responseKey, Secret webhookSecret)
      throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        try (PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO merchants (merchant_id, name, environment, default_return_url,"
                    + " supported_currencies, upi_payee_vpa, upi_payee_name, upi_merchant_code,"
                    + " response_key_sealed, webhook_secret_sealed)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT (merchant_id) DO NOTHING")) {
          insert.setString(1, merchant.merchantId());
          bindSettings(insert, connection, merchant, 2);
          insert.setBytes(9, keys.seal(RESPONSE_KEY, merchant.merchantId(), responseKey.reveal()));
          insert.setBytes(
              10, keys.seal(WEBHOOK_SIGNING_SECRET, merchant.merchantId(), webhookSecret.reveal()));
          if (insert.executeUpdate() == 0) {
            connection.rollback();
            return Optional.empty();
          }
        }
        replaceClientIds(connection, merchant.merchantId(), merchant.clientIds());
        IssuedKey key = insertKey(connection, merchant.merchantId());
        connection.commit();
        return Optional.of(key);
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      }
    }
  }

  /** Replaces every setting; the caller merged the old and new values. */
  public boolean update(Merchant merchant) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        try (PreparedStatement update =
            connection.prepareStatement(
                "UPDATE merchants SET name = ?, environment = ?, default_return_url = ?,"
                    + " supported_currencies = ?, upi_payee_vpa = ?, upi_payee_name = ?,"
                    + " upi_merchant_code = ?, updated_at = now() WHERE merchant_id = ?")) {
          bindSettings(update, connection, merchant, 1);
          update.setString(8, merchant.merchantId());
          if (update.executeUpdate() == 0) {
            connection.rollback();
            return false;
          }
        }
        replaceClientIds(connection, merchant.merchantId(), merchant.clientIds());
        connection.commit();
        activeKeys.forget(merchant.merchantId());
        return true;
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      }
    }
  }

  public Optional<Merchant> find(String merchantId) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT " + MERCHANT_COLUMNS + " FROM merchants m WHERE m.merchant_id = ?")) {
      select.setString(1, merchantId);
      try (ResultSet row = select.executeQuery()) {
        return row.next() ? Optional.of(read(row)) : Optional.empty();
      }
    }
  }

  /**
   * The merchant whose active key this is. Looked up by (merchant id, keyed hash): the database
   * compares hashes, so response time says nothing about how much of a guessed key was right.
   *
   * <p>A found merchant is remembered for {@code paysession.auth.cache-ttl} (see {@link
   * ActiveKeyCache}): revoking a key or changing settings through this server takes effect at once,
   * a change made through another instance within that TTL.
   */
  public Optional<Merchant> findByActiveKey(String merchantId, String apiKey) throws SQLException {
    byte[] keyHash = keys.hashApiKey(apiKey);
    Optional<Merchant> cached = activeKeys.get(merchantId, keyHash);
    if (cached.isPresent()) {
      return cached;
    }
    long generation = activeKeys.generation();
    Optional<Merchant> found = lookUpActiveKey(merchantId, keyHash);
    found.ifPresent(merchant -> activeKeys.put(merchantId, keyHash, merchant, generation));
    return found;
  }

  private Optional<Merchant> lookUpActiveKey(String merchantId, byte[] keyHash)
      throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT "
                    + MERCHANT_COLUMNS
                    + " FROM merchants m JOIN merchant_api_keys k ON k.merchant_id = m.merchant_id"
                    + " WHERE m.merchant_id = ? AND k.key_hash = ? AND k.revoked_at IS NULL")) {
      select.setString(1, merchantId);
      select.setBytes(2, keyHash);
      try (ResultSet row = select.executeQuery()) {
        return row.next() ? Optional.of(read(row)) : Optional.empty();
      }
    }
  }

  /**
   * The merchant's current response key in clear, for signing a return-URL redirect. Read from the
   * database on every call, never cached: a rotation takes effect for the next redirect.
   */
  public Optional<Secret> responseKey(String merchantId) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT response_key_sealed FROM merchants WHERE merchant_id = ?")) {
      select.setString(1, merchantId);
      try (ResultSet row = select.executeQuery()) {
        return row.next()
            ? Optional.of(Secret.of(keys.unseal(RESPONSE_KEY, merchantId, row.getBytes(1))))
            : Optional.empty();
      }
    }
  }

  /**
   * Replaces the response key; the old one is gone (not kept for verification) once this commits.
   *
   * @return false when no such merchant exists
   */
  public boolean replaceResponseKey(String merchantId, Secret responseKey) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement update =
            connection.prepareStatement(
                "UPDATE merchants SET response_key_sealed = ?, updated_at = now()"
                    + " WHERE merchant_id = ?")) {
      update.setBytes(1, keys.seal(RESPONSE_KEY, merchantId, responseKey.reveal()));
      update.setString(2, merchantId);
      return update.executeUpdate() == 1;
    }
  }

  /**
   * Replaces the merchant's webhook settings whole.
   *
   * @return false when no such merchant exists
   */
  public boolean replaceWebhookSettings(String merchantId, WebhookSettings settings)
      throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement update =
            connection.prepareStatement(
                "UPDATE merchants SET webhook_url = ?, webhook_username = ?,"
                    + " webhook_password_sealed = ?, webhook_headers_sealed = ?, updated_at = now()"
                    + " WHERE merchant_id = ?")) {
      update.setString(1, settings.url().orElse(null));
      update.setString(2, settings.username().orElse(null));
      update.setBytes(
          3,
          settings
              .password()
              .map(p -> keys.seal(WEBHOOK_PASSWORD, merchantId, p.reveal()))
              .orElse(null));
      update.setBytes(
          4,
          settings.headers().isEmpty()
              ? null
              : keys.seal(WEBHOOK_HEADERS, merchantId, json(settings.headers())));
      update.setString(5, merchantId);
      return update.executeUpdate() == 1;
    }
  }

  /**
   * The merchant's webhook settings with their secrets in clear, for delivery and the admin API.
   */
  public Optional<WebhookSettings> webhookSettings(String merchantId) throws SQLException {
    return webhookEndpoint(merchantId, Instant.MAX).map(WebhookSettings.Endpoint::settings);
  }

  /**
   * Everything needed to deliver one of the merchant's webhooks: settings plus the signing secrets
   * in force at {@code now}, the current one first.
   */
  public Optional<WebhookSettings.Endpoint> webhookEndpoint(String merchantId, Instant now)
      throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT webhook_url, webhook_username, webhook_password_sealed,"
                    + " webhook_headers_sealed, webhook_secret_sealed,"
                    + " webhook_previous_secret_sealed, webhook_previous_secret_expires"
                    + " FROM merchants WHERE merchant_id = ?")) {
      select.setString(1, merchantId);
      try (ResultSet row = select.executeQuery()) {
        if (!row.next()) {
          return Optional.empty();
        }
        WebhookSettings settings =
            new WebhookSettings(
                Optional.ofNullable(row.getString(1)),
                Optional.ofNullable(row.getString(2)),
                Optional.ofNullable(row.getBytes(3))
                    .map(stored -> keys.unseal(WEBHOOK_PASSWORD, merchantId, stored))
                    .map(Secret::of),
                Optional.ofNullable(row.getBytes(4))
                    .map(stored -> headers(keys.unseal(WEBHOOK_HEADERS, merchantId, stored)))
                    .orElse(Map.of()));
        List<Secret> secrets = new ArrayList<>();
        Optional.ofNullable(row.getBytes(5))
            .map(stored -> keys.unseal(WEBHOOK_SIGNING_SECRET, merchantId, stored))
            .map(Secret::of)
            .ifPresent(secrets::add);
        Timestamp previousExpires = row.getTimestamp(7);
        if (row.getBytes(6) != null
            && previousExpires != null
            && previousExpires.toInstant().isAfter(now)) {
          secrets.add(Secret.of(keys.unseal(WEBHOOK_SIGNING_SECRET, merchantId, row.getBytes(6))));
        }
        return Optional.of(new WebhookSettings.Endpoint(settings, secrets));
      }
    }
  }

  /**
   * Makes {@code secret} the signing secret. The one it replaces keeps signing beside it until
   * {@code previousExpires} (a rotation with overlap: receivers switch over without missing any
   * event); an older previous secret is dropped.
   *
   * @return false when no such merchant exists
   */
  public boolean rotateWebhookSecret(String merchantId, Secret secret, Instant previousExpires)
      throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement update =
            connection.prepareStatement(
                "UPDATE merchants SET webhook_previous_secret_sealed = webhook_secret_sealed,"
                    + " webhook_previous_secret_expires ="
                    + " CASE WHEN webhook_secret_sealed IS NULL THEN NULL ELSE ? END,"
                    + " webhook_secret_sealed = ?, updated_at = now() WHERE merchant_id = ?")) {
      update.setObject(1, previousExpires.atOffset(ZoneOffset.UTC));
      update.setBytes(2, keys.seal(WEBHOOK_SIGNING_SECRET, merchantId, secret.reveal()));
      update.setString(3, merchantId);
      return update.executeUpdate() == 1;
    }
  }

  private static String json(Map<String, Secret> headers) {
    Map<String, String> clear = new LinkedHashMap<>();
    headers.forEach((name, value) -> clear.put(name, value.reveal()));
    try {
      return JSON.writeValueAsString(clear);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("headers do not serialise", e);
    }
  }

  private static Map<String, Secret> headers(String json) {
    try {
      Map<String, Secret> headers = new LinkedHashMap<>();
      JSON.readValue(json, new TypeReference<LinkedHashMap<String, String>>() {})
          .forEach((name, value) -> headers.put(name, Secret.of(value)));
      return headers;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored webhook headers are not JSON", e);
    }
  }

  public boolean anyMerchantExists() throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement("SELECT 1 FROM merchants LIMIT 1");
        ResultSet row = select.executeQuery()) {
      return row.next();
    }
  }

  /** How many merchants are in the sandbox environment. */
  public int sandboxMerchantCount() throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT count(*) FROM merchants WHERE environment = 'sandbox'");
        ResultSet row = select.executeQuery()) {
      row.next();
      return row.getInt(1);
    }
  }

  public Optional<IssuedKey> issueKey(String merchantId) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      if (!exists(connection, merchantId)) {
        return Optional.empty();
      }
      return Optional.of(insertKey(connection, merchantId));
    }
  }

  /**
   * @return false when no such active key exists for this merchant
   */
  public boolean revokeKey(String merchantId, String keyId) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement update =
            connection.prepareStatement(
                "UPDATE merchant_api_keys SET revoked_at = now()"
                    + " WHERE merchant_id = ? AND key_id = ? AND revoked_at IS NULL")) {
      update.setString(1, merchantId);
      update.setString(2, keyId);
      boolean revoked = update.executeUpdate() == 1;
      activeKeys.forget(merchantId);
      return revoked;
    }
  }

  public List<ApiKeyInfo> keys(String merchantId) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT key_id, display_prefix, created_at, revoked_at FROM merchant_api_keys"
                    + " WHERE merchant_id = ? ORDER BY created_at, key_id")) {
      select.setString(1, merchantId);
      List<ApiKeyInfo> keys = new ArrayList<>();
      try (ResultSet row = select.executeQuery()) {
        while (row.next()) {
          Timestamp revoked = row.getTimestamp(4);
          keys.add(
              new ApiKeyInfo(
                  row.getString(1),
                  row.getString(2),
                  row.getTimestamp(3).toInstant(),
                  Optional.ofNullable(revoked).map(Timestamp::toInstant)));
        }
      }
      return keys;
    }
  }

  private IssuedKey insertKey(Connection connection, String merchantId) throws SQLException {
    IssuedKey key = ApiKeys.generate();
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO merchant_api_keys (merchant_id, key_id, key_hash, display_prefix)"
                + " VALUES (?, ?, ?, ?)")) {
      insert.setString(1, merchantId);
      insert.setString(2, key.keyId());
      insert.setBytes(3, keys.hashApiKey(key.apiKey().reveal()));
      insert.setString(4, key.displayPrefix());
      insert.executeUpdate();
    }
    return key;
  }

  private static boolean exists(Connection connection, String merchantId) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement("SELECT 1 FROM merchants WHERE merchant_id = ?")) {
      select.setString(1, merchantId);
      try (ResultSet row = select.executeQuery()) {
        return row.next();
      }
    }
  }

  /** Binds the seven changeable settings, in column order, from parameter {@code first} on. */
  private static void bindSettings(
      PreparedStatement statement, Connection connection, Merchant merchant, int first)
      throws SQLException {
    statement.setString(first, merchant.name());
    statement.setString(first + 1, merchant.environment().wireName());
    statement.setString(first + 2, merchant.defaultReturnUrl().orElse(null));
    statement.setArray(
        first + 3,
        connection.createArrayOf("text", merchant.supportedCurrencies().toArray(String[]::new)));
    statement.setString(first + 4, merchant.upiPayeeVpa().orElse(null));
    statement.setString(first + 5, merchant.upiPayeeName().orElse(null));
    statement.setString(first + 6, merchant.upiMerchantCode().orElse(null));
  }

  private static void replaceClientIds(Connection connection, String merchantId, Set<String> ids)
      throws SQLException {
    try (PreparedStatement delete =
        connection.prepareStatement("DELETE FROM merchant_client_ids WHERE merchant_id = ?")) {
      delete.setString(1, merchantId);
      delete.executeUpdate();
    }
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO merchant_client_ids (merchant_id, client_id) VALUES (?, ?)")) {
      for (String id : ids) {
        insert.setString(1, merchantId);
        insert.setString(2, id);
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  private static Merchant read(ResultSet row) throws SQLException {
    return new Merchant(
        row.getString("merchant_id"),
        row.getString("name"),
        Environment.fromWire(row.getString("environment")).orElseThrow(),
        new LinkedHashSet<>(strings(row.getArray("client_ids"))),
        Optional.ofNullable(row.getString("default_return_url")),
        strings(row.getArray("supported_currencies")),
        Optional.ofNullable(row.getString("upi_payee_vpa")),
        Optional.ofNullable(row.getString("upi_payee_name")),
        Optional.ofNullable(row.getString("upi_merchant_code")));
  }

  private static List<String> strings(Array array) throws SQLException {
    return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
  }
}
