package dev.paysession.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.paysession.merchant.AuthConfig;
import dev.paysession.order.OrdersConfig;
import dev.paysession.webhook.WebhookConfig;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Values out of bounds stop the start: Quarkus builds these mappings as it starts, the same way
 * this test builds them, and a refused value fails that with the key and the reason.
 */
class ConfigBoundsTest {

  private static final Map<String, String> GOOD =
      Map.ofEntries(
          Map.entry("paysession.data-dir", "./data"),
          Map.entry("paysession.client-auth-token-ttl", "15M"),
          Map.entry("paysession.http.max-body-bytes", "65536"),
          Map.entry("paysession.http.body-timeout", "10S"),
          Map.entry("paysession.auth.cache-ttl", "0S"),
          Map.entry("paysession.orders.group-commit.writers", "0"),
          Map.entry("paysession.orders.group-commit.max-batch", "256"),
          Map.entry("paysession.webhooks.retry-delays", "1m,5m"),
          Map.entry("paysession.webhooks.timeout", "10S"),
          Map.entry("paysession.webhooks.allow-private", "false"),
          Map.entry("paysession.webhooks.senders", "8"),
          Map.entry("paysession.webhooks.poll-every", "1S"));

  private static SmallRyeConfig build(Map<String, String> overrides) {
    Map<String, String> values = new HashMap<>(GOOD);
    values.putAll(overrides);
    return new SmallRyeConfigBuilder()
        .withMapping(PaysessionConfig.class)
        .withMapping(HttpConfig.class)
        .withMapping(AuthConfig.class)
        .withMapping(OrdersConfig.class)
        .withMapping(WebhookConfig.class)
        .withSources(new PropertiesConfigSource(values, "test", 100))
        .build();
  }

  @Test
  void goodValuesMap() {
    SmallRyeConfig config =
        build(Map.of("paysession.admin-token", "t0ken-0123456789abcdef0123456789"));
    assertThat(config.getConfigMapping(WebhookConfig.class).senders()).isEqualTo(8);
    assertThat(config.getConfigMapping(OrdersConfig.class).groupCommit().writers()).isZero();
    assertThat(config.getConfigMapping(AuthConfig.class).cacheTtl()).isEqualTo(Duration.ZERO);
    assertThat(config.getConfigMapping(HttpConfig.class).maxBodyBytes()).isEqualTo(65536);
    PaysessionConfig top = config.getConfigMapping(PaysessionConfig.class);
    assertThat(top.embeddedDatabase()).isFalse();
    assertThat(top.masterKey()).isEmpty();
    assertThat(top.adminToken().orElseThrow().reveal())
        .isEqualTo("t0ken-0123456789abcdef0123456789");
    assertThat(top.adminToken().orElseThrow().toString()).isEqualTo("****");
  }

  @ParameterizedTest
  @CsvSource({
    "paysession.webhooks.senders, 0, must be at least 1, not 0",
    "paysession.admin-token, short-admin-token, must be at least 32 characters",
    "paysession.webhooks.timeout, 0S, must be a duration longer than zero",
    "paysession.webhooks.poll-every, -1S, must be a duration longer than zero",
    "paysession.orders.group-commit.writers, -1, must be at least 0, not -1",
    "paysession.orders.group-commit.max-batch, 0, must be at least 1, not 0",
    "paysession.http.max-body-bytes, 0, must be at least 1, not 0",
    "paysession.http.body-timeout, 0S, must be a duration longer than zero",
    "paysession.auth.cache-ttl, -5S, must be a duration of zero or more",
    "paysession.client-auth-token-ttl, 0S, must be a duration longer than zero"
  })
  void aValueOutOfBoundsStopsTheStartNamingTheKey(String key, String value, String reason) {
    assertThatThrownBy(() -> build(Map.of(key, value)))
        .hasMessageContaining(key)
        .hasMessageContaining(reason);
  }
}
