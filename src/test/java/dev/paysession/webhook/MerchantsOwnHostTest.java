package dev.paysession.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paysession.api.Secret;
import dev.paysession.merchant.WebhookSettings;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Which per-order URLs get the merchant's Basic auth and custom headers (Decision 45): the
 * configured URL or a path under it, on the same scheme, host and port.
 */
class MerchantsOwnHostTest {

  @ParameterizedTest
  @CsvSource({
    "https://hooks.shop.example/juspay, https://hooks.shop.example/juspay/orders/1, true",
    "https://hooks.shop.example/juspay, https://HOOKS.shop.example/juspay?k=1, true",
    "https://hooks.shop.example/juspay, https://hooks.shop.example:443/juspay/x, true",
    "https://hooks.shop.example:443/juspay/, https://hooks.shop.example/juspay/x, true",
    "https://hooks.shop.example, https://hooks.shop.example/anything, true",
    "https://hooks.shop.example/juspay, https://hooks.shop.example/orders/1, false",
    "https://hooks.shop.example/juspay, https://hooks.shop.example/juspay-evil, false",
    "https://hooks.zapier.example/catch/123/abc, https://hooks.zapier.example/catch/999/x, false",
    "https://hooks.shop.example/juspay, https://hooks.shop.example:8443/x, false",
    "https://hooks.shop.example/juspay, http://hooks.shop.example/x, false",
    "https://hooks.shop.example/juspay, https://evil.example/x, false",
    "https://hooks.shop.example/juspay, https://hooks.shop.example.evil.example/x, false",
    "https://hooks.shop.example/juspay, https://shop.example/x, false",
  })
  void credentialsGoOnlyToTheConfiguredSchemeHostAndPort(
      String configured, String target, boolean sent) {
    WebhookSettings settings =
        new WebhookSettings(
            Optional.of(configured), Optional.of("shop"), Optional.of(Secret.of("pw")), Map.of());
    assertThat(WebhookDispatcher.isUnderMerchantsUrl(settings, URI.create(target))).isEqualTo(sent);
  }

  /** Security review M1: each of these passed the prefix check before paths were judged. */
  @ParameterizedTest
  @CsvSource({
    "https://hooks.zapier.example/catch/123/abc/../../999/x",
    "https://hooks.zapier.example/catch/123/abc/%2e%2e/%2e%2e/999/x",
    "https://hooks.zapier.example/catch/123/abc/%2E%2E%2F%2E%2E%2F999/x",
    "https://hooks.zapier.example/catch/123/abc/./../../999/x",
    "https://hooks.zapier.example/catch/123/abc/..%5c..%5c999/x",
    "https://hooks.zapier.example/catch/123/abc/%5C..%5C999",
    "https://hooks.zapier.example/catch/123/abc/..;/..;/999/x",
    "https://hooks.zapier.example/catch/123/abc/%252e%252e/%252e%252e/999/x",
    "https://hooks.zapier.example/catch/123/abc/.%2e/.%2E/999/x",
  })
  void aPathThatCanLeaveTheConfiguredOneGetsNoCredentials(String target) {
    WebhookSettings settings =
        new WebhookSettings(
            Optional.of("https://hooks.zapier.example/catch/123/abc"),
            Optional.of("shop"),
            Optional.of(Secret.of("pw")),
            Map.of());
    assertThat(WebhookDispatcher.isUnderMerchantsUrl(settings, URI.create(target))).isFalse();
  }

  @ParameterizedTest
  @CsvSource({"https://hooks.shop.example/x"})
  void withoutAConfiguredUrlNoOrderUrlGetsThem(String target) {
    WebhookSettings settings =
        new WebhookSettings(
            Optional.empty(), Optional.of("shop"), Optional.of(Secret.of("pw")), Map.of());
    assertThat(WebhookDispatcher.isUnderMerchantsUrl(settings, URI.create(target))).isFalse();
  }
}
