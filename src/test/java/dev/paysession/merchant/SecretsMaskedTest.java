package dev.paysession.merchant;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paysession.api.Secret;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Every secret held in memory prints masked; only reveal() gives the clear value. */
class SecretsMaskedTest {

  private static final String CLEAR = "S3CRET-VALUE-0123456789";

  @Test
  void aSecretPrintsMaskedAndRevealsOnlyOnRequest() {
    Secret secret = Secret.of(CLEAR);
    assertThat(secret.toString()).isEqualTo("****");
    assertThat(String.valueOf(secret)).doesNotContain(CLEAR);
    assertThat("key=" + secret).isEqualTo("key=****");
    assertThat(secret.reveal()).isEqualTo(CLEAR);
  }

  @Test
  void secretsCompareByValueInConstantTime() {
    assertThat(Secret.of(CLEAR).matches(CLEAR)).isTrue();
    assertThat(Secret.of(CLEAR).matches(CLEAR + "x")).isFalse();
    assertThat(Secret.of(CLEAR).matches(null)).isFalse();
    assertThat(Secret.of(CLEAR)).isEqualTo(Secret.of(CLEAR)).isNotEqualTo(Secret.of("other"));
  }

  @Test
  void recordsHoldingSecretsNeverPrintThem() {
    WebhookSettings settings =
        new WebhookSettings(
            Optional.of("https://hooks.shop.example/juspay"),
            Optional.of("shop"),
            Optional.of(Secret.of(CLEAR)),
            Map.of("X-Api-Token", Secret.of(CLEAR)));
    WebhookSettings.Endpoint endpoint =
        new WebhookSettings.Endpoint(settings, List.of(Secret.of(CLEAR), Secret.of(CLEAR)));
    MerchantStore.IssuedKey key = ApiKeys.generate();

    assertThat(settings.toString()).doesNotContain(CLEAR).contains("X-Api-Token");
    assertThat(endpoint.toString()).doesNotContain(CLEAR);
    assertThat(key.toString()).doesNotContain(key.apiKey().reveal()).contains(key.keyId());
    assertThat(key.apiKey().reveal()).matches("[0-9A-F]{32}").startsWith(key.displayPrefix());
  }
}
