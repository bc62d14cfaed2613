package dev.paysession.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.paysession.merchant.WebhookSecrets;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookSignatureTest {

  private static final String ID = "evt_7f3a9c";
  private static final long SENT = 1_760_000_000L;
  private static final Instant NOW = Instant.ofEpochSecond(SENT);
  private static final byte[] BODY =
      "{\"event_name\":\"ORDER_SUCCEEDED\",\"amount\":\"₹100.00\"}"
          .getBytes(StandardCharsets.UTF_8);

  /**
   * The Standard Webhooks reference libraries' own signing test (TestWebhookSign in
   * standard-webhooks/standard-webhooks, libraries/go/webhook_test.go). Reproducing it is what says
   * a merchant's off-the-shelf library accepts our header; round trips alone would pass with the
   * delimiter or the key decoding wrong on both sides.
   */
  @Test
  void reproducesThePublishedTestVector() {
    String secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    String id = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    long timestamp = 1614265330;
    byte[] body = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);

    String header = WebhookSignature.header(List.of(secret), id, timestamp, body);

    assertThat(header).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    assertThat(
            StandardWebhooksVerifier.verify(
                secret, headers(id, timestamp, header), body, Instant.ofEpochSecond(timestamp)))
        .isTrue();
  }

  @Test
  void aSignatureVerifies() {
    String secret = WebhookSecrets.generate();
    String header = WebhookSignature.header(List.of(secret), ID, SENT, BODY);

    assertThat(header).matches("v1,[A-Za-z0-9+/]{43}=");
    assertThat(StandardWebhooksVerifier.verify(secret, headers(ID, SENT, header), BODY, NOW))
        .isTrue();
  }

  @Test
  void aTamperedBodyIdOrTimestampFails() {
    String secret = WebhookSecrets.generate();
    String header = WebhookSignature.header(List.of(secret), ID, SENT, BODY);
    byte[] tampered = BODY.clone();
    tampered[tampered.length - 2] ^= 1;

    assertThat(StandardWebhooksVerifier.verify(secret, headers(ID, SENT, header), tampered, NOW))
        .isFalse();
    assertThat(
            StandardWebhooksVerifier.verify(secret, headers("evt_7f3a9d", SENT, header), BODY, NOW))
        .isFalse();
    assertThat(StandardWebhooksVerifier.verify(secret, headers(ID, SENT + 1, header), BODY, NOW))
        .isFalse();
  }

  @Test
  void aWrongSecretFails() {
    String header = WebhookSignature.header(List.of(WebhookSecrets.generate()), ID, SENT, BODY);

    assertThat(
            StandardWebhooksVerifier.verify(
                WebhookSecrets.generate(), headers(ID, SENT, header), BODY, NOW))
        .isFalse();
  }

  /** While a merchant rotates its secret both are live: either one must verify. */
  @Test
  void twoSecretsEachVerify() {
    String current = WebhookSecrets.generate();
    String previous = WebhookSecrets.generate();
    String header = WebhookSignature.header(List.of(current, previous), ID, SENT, BODY);

    assertThat(header.split(" ")).hasSize(2).allMatch(s -> s.matches("v1,[A-Za-z0-9+/]{43}="));
    assertThat(header)
        .isEqualTo(
            WebhookSignature.header(List.of(current), ID, SENT, BODY)
                + " "
                + WebhookSignature.header(List.of(previous), ID, SENT, BODY));
    assertThat(StandardWebhooksVerifier.verify(current, headers(ID, SENT, header), BODY, NOW))
        .isTrue();
    assertThat(StandardWebhooksVerifier.verify(previous, headers(ID, SENT, header), BODY, NOW))
        .isTrue();
    assertThat(
            StandardWebhooksVerifier.verify(
                WebhookSecrets.generate(), headers(ID, SENT, header), BODY, NOW))
        .isFalse();
  }

  @Test
  void theVerifierAllowsFiveMinutesOfSkewEitherWay() {
    String secret = WebhookSecrets.generate();
    String header = WebhookSignature.header(List.of(secret), ID, SENT, BODY);
    Map<String, String> headers = headers(ID, SENT, header);

    assertThat(StandardWebhooksVerifier.verify(secret, headers, BODY, NOW.plusSeconds(300)))
        .isTrue();
    assertThat(StandardWebhooksVerifier.verify(secret, headers, BODY, NOW.minusSeconds(300)))
        .isTrue();
    assertThat(StandardWebhooksVerifier.verify(secret, headers, BODY, NOW.plusSeconds(301)))
        .isFalse();
    assertThat(StandardWebhooksVerifier.verify(secret, headers, BODY, NOW.minusSeconds(301)))
        .isFalse();
  }

  @Test
  void theVerifierRejectsMissingOrMalformedHeaders() {
    String secret = WebhookSecrets.generate();
    String header = WebhookSignature.header(List.of(secret), ID, SENT, BODY);
    String signature = header.substring("v1,".length());

    assertThat(StandardWebhooksVerifier.verify(secret, Map.of(), BODY, NOW)).isFalse();
    assertThat(
            StandardWebhooksVerifier.verify(
                secret, Map.of("webhook-id", ID, "webhook-signature", header), BODY, NOW))
        .isFalse();
    assertThat(StandardWebhooksVerifier.verify(secret, headers(ID, "soon", header), BODY, NOW))
        .isFalse();
    assertThat(StandardWebhooksVerifier.verify(secret, headers(ID, SENT, signature), BODY, NOW))
        .isFalse();
    assertThat(
            StandardWebhooksVerifier.verify(
                secret, headers(ID, SENT, "v1a," + signature), BODY, NOW))
        .isFalse();
    assertThat(
            StandardWebhooksVerifier.verify(
                secret, headers(ID, SENT, "v2,abc v1,%%% " + header), BODY, NOW))
        .isTrue();
  }

  @Test
  void newSecretsAreThirtyTwoRandomBytes() {
    String one = WebhookSecrets.generate();
    String two = WebhookSecrets.generate();

    assertThat(one).startsWith(WebhookSignature.SECRET_PREFIX).isNotEqualTo(two);
    assertThat(Base64.getDecoder().decode(one.substring("whsec_".length()))).hasSize(32);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
        "WHSEC_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
        "whsec_MfKQ9r8GKYqrTwjU-D8ILPZIo2LaLaSw",
        "whsec_MfKQ9r8GKYqrTwjU PD8ILPZIo2LaLaS",
        "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaL",
        "whsec_"
      })
  void badSecretsAreRefusedWithoutQuotingThem(String secret) {
    assertThatThrownBy(() -> WebhookSignature.header(List.of(secret), ID, SENT, BODY))
        .isInstanceOf(IllegalArgumentException.class)
        .hasNoCause()
        .message()
        .doesNotContain("MfKQ9r8GKY", "2LaLaS");
  }

  @Test
  void aBadSecretAmongGoodOnesIsRefused() {
    assertThatThrownBy(
            () ->
                WebhookSignature.header(
                    List.of(WebhookSecrets.generate(), "whsec_!!"), ID, SENT, BODY))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("!!");
  }

  @Test
  void signingNeedsASecretAndADotFreeId() {
    String secret = WebhookSecrets.generate();

    assertThatThrownBy(() -> WebhookSignature.header(List.of(), ID, SENT, BODY))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> WebhookSignature.header(List.of(secret), "evt.1", SENT, BODY))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> WebhookSignature.header(List.of(secret), "", SENT, BODY))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static Map<String, String> headers(String id, long timestamp, String signature) {
    return headers(id, Long.toString(timestamp), signature);
  }

  private static Map<String, String> headers(String id, String timestamp, String signature) {
    return Map.of(
        "webhook-id", id,
        "webhook-timestamp", timestamp,
        "webhook-signature", signature);
  }
}
