package dev.paysession.merchant;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paysession.MovableClock;
import dev.paysession.TestMerchants;
import dev.paysession.db.EmbeddedPostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Guessing the admin token is throttled per client address: after the allowed failures every admin
 * request from it, the right token included, is a 429 with Retry-After until time refills it.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresTestResource.class)
@TestProfile(AdminThrottleTest.ThreeFailures.class)
class AdminThrottleTest {

  public static class ThreeFailures implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "paysession.admin.failed-auth.per-minute", "3",
          "paysession.admin.failed-auth.burst", "3");
    }
  }

  @Inject MovableClock clock;

  @Test
  void repeatedWrongAdminTokensAreThrottled() {
    clock.advance(Duration.ofMinutes(5));
    for (int i = 0; i < 3; i++) {
      assertThat(guess().statusCode()).isEqualTo(401);
    }
    Response throttled = guess();
    assertThat(throttled.statusCode()).as(throttled.asString()).isEqualTo(429);
    assertThat(throttled.jsonPath().getString("error_code")).isEqualTo("TOO_MANY_REQUESTS");
    assertThat(Integer.parseInt(throttled.header("Retry-After"))).isBetween(1, 20);
    // The right token too: a different answer would tell a guesser it had won.
    assertThat(TestMerchants.admin().get("/admin/merchants/nobody").statusCode()).isEqualTo(429);

    clock.advance(Duration.ofSeconds(20)); // one failure allowed again
    assertThat(TestMerchants.admin().get("/admin/merchants/nobody").statusCode()).isEqualTo(404);
    assertThat(guess().statusCode()).isEqualTo(401);
    assertThat(guess().statusCode()).isEqualTo(429);
  }

  private static Response guess() {
    return TestMerchants.management()
        .header("Authorization", "Bearer wrong-token-0123456789abcdef0123456789")
        .get("/admin/merchants/nobody");
  }
}
