package dev.paysession.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paysession.TestMerchants;
import dev.paysession.TestMerchants.Merchant;
import dev.paysession.checkout.Shopper.Session;
import dev.paysession.db.EmbeddedPostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * With the production default ({@code PAYSESSION_WEBHOOK_ALLOW_PRIVATE} unset), a webhook URL that
 * resolves to a loopback address is refused at delivery and nothing reaches it.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresTestResource.class)
@TestProfile(WebhookPrivateAddressTest.PrivateAddressesRefused.class)
class WebhookPrivateAddressTest {

  public static class PrivateAddressesRefused implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("paysession.webhooks.allow-private", "false");
    }
  }

  @RegisterExtension final Receivers receivers = new Receivers();

  @Test
  void aLoopbackWebhookUrlIsRefusedAndNeverCalled() {
    WebhookReceiver receiver = receivers.start();
    Merchant merchant = TestMerchants.create();
    // A sandbox merchant may configure https://localhost (a valid URL for local testing), but the
    // dispatcher will not call an address that resolves to loopback unless the operator allows it.
    Webhooks.configure(merchant, receiver.url("/hooks").replace("http://", "https://"));
    Session session = Webhooks.payByUpi(merchant, "success@upi");

    Webhooks.await(
        "a refused attempt",
        Duration.ofSeconds(30),
        () ->
            Webhooks.eventsJson(merchant, session.orderId()).getList("events[0].attempts").size()
                >= 2);
    JsonPath listed = Webhooks.eventsJson(merchant, session.orderId());
    assertThat(listed.getString("events[0].attempts[0].error"))
        .contains("resolves to a private address (127.0.0.1)")
        .contains("PAYSESSION_WEBHOOK_ALLOW_PRIVATE");
    assertThat(listed.getString("events[0].status")).isIn("PENDING", "FAILED");
    assertThat(receiver.deliveries()).isEmpty();
  }

  @Test
  void plainHttpIsRefusedWithoutTheSetting() {
    WebhookReceiver receiver = receivers.start();
    Merchant merchant = Webhooks.merchantSendingTo(receiver);
    Session session = Webhooks.payByUpi(merchant, "success@upi");
    Webhooks.await(
        "a refused attempt",
        Duration.ofSeconds(30),
        () ->
            !Webhooks.eventsJson(merchant, session.orderId())
                .getList("events[0].attempts")
                .isEmpty());
    assertThat(
            Webhooks.eventsJson(merchant, session.orderId())
                .getString("events[0].attempts[0].error"))
        .contains("https");
    assertThat(receiver.deliveries()).isEmpty();
  }
}
