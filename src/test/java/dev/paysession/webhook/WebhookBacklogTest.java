package dev.paysession.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paysession.TestMerchants.Merchant;
import dev.paysession.checkout.Shopper.Session;
import dev.paysession.db.EmbeddedPostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * With a real-sized retry delay (an hour), an endpoint that comes back does not wait out the
 * schedule: the first webhook it takes brings the retries waiting for it forward.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresTestResource.class)
@TestProfile(WebhookBacklogTest.HourlyRetries.class)
class WebhookBacklogTest {

  public static class HourlyRetries implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("paysession.webhooks.retry-delays", "1h,1h,1h");
    }
  }

  @RegisterExtension final Receivers receivers = new Receivers();

  @Test
  void anEndpointThatComesBackGetsItsBacklogAtOnce() {
    WebhookReceiver receiver = receivers.start();
    Merchant merchant = Webhooks.merchantSendingTo(receiver);
    receiver.down();
    Session early = Webhooks.payByUpi(merchant, "success@upi");
    Webhooks.await(
        "the first attempt failed and waits an hour",
        Duration.ofSeconds(20),
        () ->
            "PENDING"
                    .equals(
                        Webhooks.eventsJson(merchant, early.orderId())
                            .getString("events[0].status"))
                && !Webhooks.eventsJson(merchant, early.orderId())
                    .getList("events[0].attempts")
                    .isEmpty());

    receiver.up();
    // A new order's first event goes straight through (nothing of its order waits)...
    Session later = Webhooks.payByUpi(merchant, "success@upi");
    // ...and the early order's events follow at once instead of an hour later.
    Webhooks.await(
        "all 6 events delivered", Duration.ofSeconds(20), () -> receiver.deliveries().size() >= 6);
    assertThat(
            receiver.deliveries(d -> d.orderId().equals(early.orderId())).stream()
                .map(WebhookReceiver.Delivery::eventName))
        .containsExactly("TXN_CREATED", "TXN_CHARGED", "ORDER_SUCCEEDED");
  }
}
