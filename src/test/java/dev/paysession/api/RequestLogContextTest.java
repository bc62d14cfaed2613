package dev.paysession.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paysession.LogCapture;
import dev.paysession.TestMerchants;
import dev.paysession.TestMerchants.Merchant;
import dev.paysession.db.EmbeddedPostgresTestResource;
import dev.paysession.webhook.DebugLogSecretsTest;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A line logged while serving {@code POST /session} names the request id the caller sent, the
 * authenticated merchant and the routing id; lines logged outside a request name none of them.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresTestResource.class)
@TestProfile(DebugLogSecretsTest.Debug.class)
class RequestLogContextTest {

  @RegisterExtension final LogCapture log = new LogCapture();

  @Test
  void aSessionLogLineCarriesRequestMerchantAndRoutingIds() {
    Merchant merchant = TestMerchants.create();
    String orderId = TestMerchants.uniqueId("log");
    String requestId = TestMerchants.uniqueId("req");
    String routingId = TestMerchants.uniqueId("route");

    merchant
        .session()
        .header("x-request-id", requestId)
        .header("x-routing-id", routingId)
        .body(merchant.body(orderId))
        .post("/session")
        .then()
        .statusCode(200);

    List<LogCapture.Entry> sessionLines =
        log.entries().stream()
            .filter(e -> e.text().contains("Session for order " + orderId))
            .toList();
    assertThat(sessionLines).hasSize(1);
    assertThat(sessionLines.get(0).mdc())
        .containsAllEntriesOf(
            Map.of(
                LogContext.REQUEST_ID, requestId,
                LogContext.MERCHANT_ID, merchant.merchantId(),
                LogContext.ROUTING_ID, routingId));
  }

  @Test
  void theNextRequestDoesNotInheritAnotherRequestsIds() {
    Merchant merchant = TestMerchants.create();
    String firstRouting = TestMerchants.uniqueId("route");
    merchant
        .session()
        .header("x-routing-id", firstRouting)
        .body(merchant.body(TestMerchants.uniqueId("log")))
        .post("/session")
        .then()
        .statusCode(200);
    String orderId = TestMerchants.uniqueId("log");
    String requestId = TestMerchants.uniqueId("req");

    merchant
        .session()
        .header("x-request-id", requestId)
        .body(merchant.body(orderId))
        .post("/session")
        .then()
        .statusCode(200);

    LogCapture.Entry line =
        log.entries().stream()
            .filter(e -> e.text().contains("Session for order " + orderId))
            .findFirst()
            .orElseThrow();
    assertThat(line.mdc()).containsEntry(LogContext.REQUEST_ID, requestId);
    assertThat(line.mdc()).doesNotContainKey(LogContext.ROUTING_ID);
  }
}
