package dev.paysession.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paysession.merchant.WebhookSettings;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which per-order URLs get the merchant's Basic auth and custom headers (Decision 45). */
class MerchantsOwnHostTest {

  @ParameterizedTest
  @CsvSource({
    "https://hooks.shop.example/juspay, https://hooks.shop.example/orders/1, true",
    "https://hooks.shop.example/juspay, https://HOOKS.shop.example/x?k=1, true",
    "https://hooks.shop.example/juspay, https://hooks.shop.example:443/x, true",
    "https://hooks.shop.example:443/juspay, https://hooks.shop.example/x, true",
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
            Optional.of(configured), Optional.of("shop"), Optional.of("pw"), Map.of());
    assertThat(WebhookDispatcher.isMerchantsOwnHost(settings, URI.create(target))).isEqualTo(sent);
  }

  @ParameterizedTest
  @CsvSource({"https://hooks.shop.example/x"})
  void withoutAConfiguredUrlNoOrderUrlGetsThem(String target) {
    WebhookSettings settings =
        new WebhookSettings(Optional.empty(), Optional.of("shop"), Optional.of("pw"), Map.of());
    assertThat(WebhookDispatcher.isMerchantsOwnHost(settings, URI.create(target))).isFalse();
  }
}
