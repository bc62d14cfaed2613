package dev.paysession.order;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paysession.MovableClock;
import dev.paysession.TestMerchants;
import dev.paysession.TestMerchants.Merchant;
import dev.paysession.checkout.Shopper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Security review M3: payment links are bearer URLs, so none lives forever. Without {@code
 * metadata.expiryInMins} an order expires after the default (24 hours); a {@code paymentManagement}
 * link, which lists and deletes saved cards, after at most 15 minutes.
 */
@QuarkusTest
class LinkExpiryTest {

  @Inject MovableClock clock;

  @AfterEach
  void putTheClockBack() {
    clock.reset();
  }

  @Test
  void aPaymentLinkWithoutARequestedExpiryExpiresAfterTheDefault() {
    Merchant merchant = TestMerchants.create();
    Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    JsonPath session = open(merchant, merchant.body(TestMerchants.uniqueId("exp")));
    Instant expiry = Instant.parse(session.getString("order_expiry"));
    assertThat(Duration.between(before, expiry))
        .isBetween(Duration.ofHours(24), Duration.ofHours(24).plusMinutes(1));
    assertThat(session.getString("payment_links.expiry"))
        .isEqualTo(session.getString("order_expiry"));
    String page = URI.create(session.getString("payment_links.web")).getPath();

    clock.advance(Duration.ofHours(23));
    assertThat(Shopper.get(page).statusCode()).isEqualTo(200);

    clock.advance(Duration.ofHours(1).plusMinutes(1));
    Response expired = Shopper.get(page);
    assertThat(expired.statusCode()).isNotEqualTo(200);
    assertThat(expired.asString()).contains("Payment link expired");
  }

  @Test
  void aRequestedExpiryStillWins() {
    Merchant merchant = TestMerchants.create();
    Map<String, Object> body = merchant.body(TestMerchants.uniqueId("exp"));
    body.put("metadata.expiryInMins", "2880");
    String page = URI.create(open(merchant, body).getString("payment_links.web")).getPath();

    clock.advance(Duration.ofHours(30));
    assertThat(Shopper.get(page).statusCode()).isEqualTo(200);
  }

  @Test
  void aManagementLinkLivesAtMostFifteenMinutesWhateverWasAsked() {
    Merchant merchant = TestMerchants.create();
    Map<String, Object> body = merchant.body(TestMerchants.uniqueId("mgm"));
    body.put("action", "paymentManagement");
    body.put("metadata.expiryInMins", "600");
    Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    JsonPath session = open(merchant, body);
    Instant expiry = Instant.parse(session.getString("order_expiry"));
    assertThat(Duration.between(before, expiry))
        .isBetween(Duration.ofMinutes(15), Duration.ofMinutes(16));
    String page = URI.create(session.getString("payment_links.web")).getPath();
    assertThat(Shopper.get(page).statusCode()).isEqualTo(200);

    clock.advance(Duration.ofMinutes(16));
    Response expired = Shopper.get(page);
    assertThat(expired.statusCode()).isNotEqualTo(200);
    assertThat(expired.asString()).contains("Payment link expired");
  }

  private static JsonPath open(Merchant merchant, Map<String, Object> body) {
    Response response = merchant.session().body(body).post("/session");
    assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
    return response.jsonPath();
  }
}
