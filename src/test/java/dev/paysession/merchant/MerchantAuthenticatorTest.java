package dev.paysession.merchant;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MerchantAuthenticatorTest {

  private static String basic(String credentials) {
    return "Basic "
        + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void keyWithEmptyPasswordAsTheSeedSends() {
    assertThat(MerchantAuthenticator.apiKeyFromBasic(basic("KEY:"))).contains("KEY");
  }

  @Test
  void keyWithoutColonAsJuspaysSdksSend() {
    assertThat(MerchantAuthenticator.apiKeyFromBasic(basic("KEY"))).contains("KEY");
  }

  @Test
  void theSeedsExampleHeaderDecodes() {
    // "Basic LIR2UUZEQzhFQTY0OUU5QTIxQzNFNTQwNkFDMEZCOg==" from the seed: base64 of "<key>:".
    assertThat(
            MerchantAuthenticator.apiKeyFromBasic(
                "Basic LIR2UUZEQzhFQTY0OUU5QTIxQzNFNTQwNkFDMEZCOg=="))
        .isPresent();
  }

  @Test
  void schemeIsCaseInsensitiveAndSurroundingSpaceIgnored() {
    String encoded = Base64.getEncoder().encodeToString("KEY:".getBytes(StandardCharsets.UTF_8));
    assertThat(MerchantAuthenticator.apiKeyFromBasic("basic " + encoded)).contains("KEY");
    assertThat(MerchantAuthenticator.apiKeyFromBasic("  BASIC   " + encoded + "  "))
        .contains("KEY");
  }

  @Test
  void aNonEmptyPasswordIsRefused() {
    assertThat(MerchantAuthenticator.apiKeyFromBasic(basic("KEY:secret"))).isEmpty();
  }

  @Test
  void anEmptyUserIsRefused() {
    assertThat(MerchantAuthenticator.apiKeyFromBasic(basic(":"))).isEmpty();
    assertThat(MerchantAuthenticator.apiKeyFromBasic(basic(""))).isEmpty();
  }

  @Test
  void anOverlongUserIsRefused() {
    assertThat(MerchantAuthenticator.apiKeyFromBasic(basic("k".repeat(256) + ":"))).isPresent();
    assertThat(MerchantAuthenticator.apiKeyFromBasic(basic("k".repeat(257) + ":"))).isEmpty();
  }

  @Test
  void nullIsRefused() {
    assertThat(MerchantAuthenticator.apiKeyFromBasic(null)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "bearer x",
        "Bearer S0VZOg==",
        "Basic",
        "Basic ",
        "Basic !!!not-base64!!!",
        "Basic S0VZOg=== extra",
        "Basic%20S0VZOg==",
        "BasicS0VZOg==",
        "",
        "   "
      })
  void garbageIsRefused(String header) {
    assertThat(MerchantAuthenticator.apiKeyFromBasic(header)).isEmpty();
  }
}
