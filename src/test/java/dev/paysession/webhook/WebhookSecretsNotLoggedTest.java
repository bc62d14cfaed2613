package dev.paysession.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paysession.LogCapture;
import dev.paysession.TestMerchants;
import dev.paysession.TestMerchants.Merchant;
import dev.paysession.checkout.Shopper.Session;
import dev.paysession.db.EmbeddedPostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A webhook that fails for good is logged (an operator must hear of it), but without the merchant's
 * password, custom header values, signing secret or the token in its URL's query.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresTestResource.class)
class WebhookSecretsNotLoggedTest {

  @RegisterExtension final LogCapture log = new LogCapture();
  @RegisterExtension final Receivers receivers = new Receivers();

  @Test
  void aWebhookThatFailsForGoodIsLoggedWithoutSecrets() {
    WebhookReceiver receiver = receivers.start();
    receiver.answer(new WebhookReceiver.Answer(500, Duration.ZERO));
    Merchant merchant = TestMerchants.create();
    String password = "pw-" + TestMerchants.uniqueId("p");
    String headerValue = "hv-" + TestMerchants.uniqueId("h");
    String queryToken = "qt-" + TestMerchants.uniqueId("q");
    TestMerchants.admin()
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "url",
                receiver.url("/hooks?token=" + queryToken),
                "username",
                "shop",
                "password",
                password,
                "custom_headers",
                Map.of("X-Shop-Key", headerValue)))
        .put("/admin/merchants/" + merchant.merchantId() + "/webhook")
        .then()
        .statusCode(200);
    Session session = Webhooks.payByUpi(merchant, "failure@upi");

    String firstEvent = (String) awaitFirstEventFailed(merchant, session.orderId());
    assertThat(log.lines())
        .as("the give-up is logged")
        .anySatisfy(line -> assertThat(line).contains(firstEvent).contains("failed for good"));
    assertThat(log.lines())
        .allSatisfy(
            line ->
                assertThat(line)
                    .doesNotContain(password)
                    .doesNotContain(headerValue)
                    .doesNotContain(queryToken)
                    .doesNotContain(merchant.webhookSecret())
                    .doesNotContain(merchant.webhookSecret().substring("whsec_".length())));
  }

  private static Object awaitFirstEventFailed(Merchant merchant, String orderId) {
    Webhooks.await(
        "the first event failed for good",
        Duration.ofSeconds(40),
        () -> {
          List<Map<String, Object>> events = Webhooks.events(merchant, orderId);
          return !events.isEmpty() && "FAILED".equals(events.get(0).get("status"));
        });
    return Webhooks.events(merchant, orderId).get(0).get("id");
  }
}
