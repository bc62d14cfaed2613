package dev.paysession.api;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * The installation-wide settings ({@code paysession.*} without a feature prefix), except {@code
 * paysession.public-url}: its default names the HTTP port, which in tests is known only once the
 * server is bound, after mappings are built; PaymentLinks and DemoMerchant read it when created.
 * Each feature maps its own prefix beside its code: {@code paysession.http} ({@link HttpConfig}),
 * {@code paysession.auth}, {@code paysession.orders}, {@code paysession.webhooks}.
 */
@ConfigMapping(prefix = "paysession")
public interface PaysessionConfig {

  /** Bearer token of the admin API; the admin API is off without one. */
  Optional<@WithConverter(ConfigBounds.AdminToken.class) Secret> adminToken();

  /**
   * Base64 of at least 32 bytes. Without it the key file is used (generated there on first start);
   * without either, the key is generated into the database, as earlier versions did.
   */
  Optional<Secret> masterKey();

  /** Earlier master keys (comma-separated base64) that still open values until a rotation. */
  Optional<Secret> previousMasterKeys();

  /**
   * The owner-only file that keeps the master keys when none is set in the environment; the entry
   * point sets it to {@code master-key} in the data directory for the embedded database.
   */
  Optional<String> masterKeyFile();

  /** Where the embedded PostgreSQL keeps its data; the entry point reads it before Quarkus. */
  String dataDir();

  /** Set by the entry point when it started the embedded PostgreSQL. */
  @WithDefault("false")
  boolean embeddedDatabase();

  /**
   * {@code sandbox} (the default: the sandbox gateway, the demo merchant on a fresh embedded
   * install) or {@code production} (no sandbox anywhere).
   */
  @WithDefault("sandbox")
  InstallationMode mode();

  /** Lifetime of a client auth token issued by {@code POST /session}. */
  @WithConverter(ConfigBounds.Positive.class)
  Duration clientAuthTokenTtl();
}
