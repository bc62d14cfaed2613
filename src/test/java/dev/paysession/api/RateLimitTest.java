package dev.paysession.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paysession.MovableClock;
import dev.paysession.TestMerchants;
import dev.paysession.TestMerchants.Merchant;
import dev.paysession.checkout.Shopper;
import dev.paysession.checkout.Shopper.Session;
import dev.paysession.db.EmbeddedPostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Rate limits, on: per merchant on the server APIs, per order and per client address on the hosted
 * page; a refusal is a 429 in the envelope with Retry-After, and time refills the allowance.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresTestResource.class)
@TestProfile(RateLimitTest.Limited.class)
class RateLimitTest {

  public static class Limited implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "paysession.rate-limits.merchant.per-minute", "4",
          "paysession.rate-limits.page-order.per-minute", "2",
          "paysession.rate-limits.page-client.per-minute", "3");
    }
  }

  @Inject MovableClock clock;

  @BeforeEach
  void everyBucketFull() {
    clock.advance(Duration.ofMinutes(5));
  }

  @Test
  void aMerchantOverItsLimitGets429UntilTimeRefillsIt() {
    Merchant merchant = TestMerchants.create();
    Merchant other = TestMerchants.create();
    for (int i = 0; i < 4; i++) {
      session(merchant, "rl-" + i).then().statusCode(200);
    }
    Response refused = session(merchant, "rl-4");
    assertTooMany(refused, 15);
    // Another merchant's allowance is its own.
    session(other, "rl-0").then().statusCode(200);

    clock.advance(Duration.ofSeconds(15)); // one token a quarter minute
    session(merchant, "rl-4").then().statusCode(200);
    assertTooMany(session(merchant, "rl-5"), 15);
  }

  @Test
  void aWrongKeyDoesNotSpendTheMerchantsAllowance() {
    Merchant merchant = TestMerchants.create();
    for (int i = 0; i < 6; i++) {
      TestMerchants.Merchant forged =
          new Merchant(merchant.merchantId(), merchant.clientId(), "0".repeat(32), "", "", "");
      session(forged, "rl-x").then().statusCode(401);
    }
    session(merchant, "rl-ok").then().statusCode(200);
  }

  @Test
  void thePaymentPageLimitsPostsPerOrderAndPerClient() {
    Merchant merchant = TestMerchants.create(Map.of());
    clock.advance(Duration.ofMinutes(5)); // the merchant's own calls are not what is measured
    Session first = Shopper.open(merchant, TestMerchants.uniqueId("rl"));
    Session second = Shopper.open(merchant, TestMerchants.uniqueId("rl"));
    assertThat(payByCard(first).statusCode()).isNotEqualTo(429);
    assertThat(payByCard(first).statusCode()).isNotEqualTo(429);
    // The order's two a minute are spent; card testing on it stops here.
    assertTooMany(payByCard(first), 30);
    // Three a minute from one address, whichever order: the third post above counted too.
    assertTooMany(payByCard(second), 20);

    clock.advance(Duration.ofSeconds(30));
    assertThat(payByCard(first).statusCode()).isNotEqualTo(429);
  }

  private static Response session(Merchant merchant, String orderId) {
    return merchant.session().body(merchant.body(orderId)).post("/session");
  }

  private static Response payByCard(Session session) {
    return Shopper.payByCard(session, Shopper.DECLINED_BY_BANK, false);
  }

  private static void assertTooMany(Response response, int retryAfterAtMost) {
    assertThat(response.statusCode()).as(response.asString()).isEqualTo(429);
    assertThat(response.jsonPath().getString("error_code")).isEqualTo("TOO_MANY_REQUESTS");
    assertThat(response.jsonPath().getString("status")).isEqualTo("error");
    assertThat(Integer.parseInt(response.header("Retry-After"))).isBetween(1, retryAfterAtMost);
  }
}
