package dev.paysession.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paysession.LogCapture;
import dev.paysession.TestMerchants;
import dev.paysession.TestMerchants.Merchant;
import dev.paysession.checkout.Shopper;
import dev.paysession.checkout.Shopper.Session;
import dev.paysession.db.EmbeddedPostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * With every logger at DEBUG, a merchant's whole day (admin creation and a new API key, webhook
 * settings with a password, a session with contact details, a card payment through 3-D Secure, the
 * webhooks delivered) logs plenty, and none of it holds a secret or a card number.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresTestResource.class)
@TestProfile(DebugLogSecretsTest.Debug.class)
public class DebugLogSecretsTest {

  public static class Debug implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      // The server at DEBUG. The test's own HTTP clients share the JVM and would log every byte
      // they send (wire logs) at DEBUG; they are not the server, so they stay at INFO.
      return Map.of(
          "quarkus.log.level", "DEBUG",
          "quarkus.log.category.\"dev.paysession\".level", "DEBUG",
          "quarkus.log.category.\"org.apache.http\".level", "INFO",
          "quarkus.log.category.\"jdk.internal.httpclient\".level", "INFO");
    }
  }

  @RegisterExtension final LogCapture log = new LogCapture();
  @RegisterExtension final Receivers receivers = new Receivers();

  @Test
  void aDebugLogHoldsNoSecret() {
    WebhookReceiver receiver = receivers.start();
    Merchant merchant = TestMerchants.createWithUpi();
    Webhooks.configure(merchant, receiver.url("/hooks"));
    String newKey =
        TestMerchants.admin()
            .post("/admin/merchants/" + merchant.merchantId() + "/api-keys")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath()
            .getString("api_key");

    String email = "secret.person@mail.example";
    String phone = "9123456780";
    Map<String, Object> body = merchant.body(TestMerchants.uniqueId("dbg"));
    body.put("customer_email", email);
    body.put("customer_phone", phone);
    Session session = Shopper.open(merchant, body);
    Shopper.payByCardWithCode(session, Shopper.MASTERCARD, Shopper.OTP);
    Webhooks.await(
        "the order's webhooks delivered",
        Duration.ofSeconds(20),
        () -> receiver.deliveries(d -> d.orderId().equals(session.orderId())).size() >= 3);

    List<String> lines = log.lines();
    // The test means something only if DEBUG logging really happened.
    assertThat(lines).hasSizeGreaterThan(20);
    assertThat(lines).anySatisfy(line -> assertThat(line).containsIgnoringCase("webhook"));
    List<String> secrets =
        List.of(
            merchant.apiKey(),
            newKey,
            merchant.responseKey(),
            merchant.webhookSecret(),
            TestMerchants.ADMIN_TOKEN,
            session.clientAuthToken(),
            "s3cret pass", // the webhook Basic-auth password
            "shop-token-1", // a custom webhook header's value
            Shopper.MASTERCARD,
            "5555 5555 5555 4444",
            "card_cvv",
            email,
            phone);
    assertThat(lines)
        .allSatisfy(
            line -> {
              for (String secret : secrets) {
                assertThat(line).doesNotContain(secret);
              }
            });
  }
}
