package dev.paysession.merchant;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paysession.TestMerchants;
import dev.paysession.TestMerchants.Merchant;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * API keys are cached for {@code paysession.auth.cache-ttl}: a key revoked through this server
 * stops at once (see {@link MerchantAuthenticationTest}), one revoked elsewhere within the TTL.
 */
@QuarkusTest
class ApiKeyCachingTest {

  @Inject AgroalDataSource dataSource;

  @ConfigProperty(name = "paysession.auth.cache-ttl")
  Duration ttl;

  private static int sessionStatus(Merchant merchant, String orderId) {
    return merchant.session().body(merchant.body(orderId)).post("/session").statusCode();
  }

  @Test
  void aKeyRevokedBehindTheServersBackStopsWorkingWithinTheTtl() throws Exception {
    assertThat(ttl).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(10));
    Merchant merchant = TestMerchants.create();
    assertThat(sessionStatus(merchant, "cache-1")).isEqualTo(200);

    // What another paysession instance on the same database does when it revokes the key.
    long revokedAt = System.nanoTime();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement revoke =
            connection.prepareStatement(
                "UPDATE merchant_api_keys SET revoked_at = now() WHERE merchant_id = ?")) {
      revoke.setString(1, merchant.merchantId());
      assertThat(revoke.executeUpdate()).isEqualTo(1);
    }
    // Still served from the cache: this instance has not looked at the database again.
    assertThat(sessionStatus(merchant, "cache-2")).isEqualTo(200);

    int attempt = 0;
    while (sessionStatus(merchant, "cache-r" + attempt++) == 200) {
      assertThat(Duration.ofNanos(System.nanoTime() - revokedAt))
          .as("revoked key still accepted")
          .isLessThan(ttl.plusSeconds(2));
      Thread.sleep(100);
    }
    assertThat(sessionStatus(merchant, "cache-after")).isEqualTo(401);
  }
}
