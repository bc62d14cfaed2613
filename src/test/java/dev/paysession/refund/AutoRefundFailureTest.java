package dev.paysession.refund;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paysession.TestMerchants;
import dev.paysession.TestMerchants.Merchant;
import dev.paysession.checkout.ManualSweep;
import dev.paysession.checkout.Races;
import dev.paysession.checkout.Races.Raced;
import dev.paysession.checkout.Shopper;
import dev.paysession.checkout.TransactionStore;
import dev.paysession.gateway.sandbox.SandboxGateway;
import dev.paysession.order.OrderReader;
import dev.paysession.reconcile.Reconciler;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A gateway's final refusal of an auto-refund ends it: FAILURE, one AUTO_REFUND_FAILED webhook, and
 * no more gateway calls however long the jobs keep running (it used to be retried for ever).
 */
@QuarkusTest
@TestProfile(ManualSweep.class)
class AutoRefundFailureTest {

  @Inject TransactionStore transactions;
  @Inject SandboxGateway gateway;
  @Inject OrderReader orders;
  @Inject Reconciler sweeper;
  @Inject RefundStore refunds;

  @Test
  void aRefusedAutoRefundEndsFailedWithOneWebhookAndIsNeverSentAgain() throws SQLException {
    Merchant merchant = TestMerchants.create();
    Map<String, Object> body = merchant.body(TestMerchants.uniqueId("arf"));
    // The sandbox refuses every refund of an amount ending in .13.
    body.put("amount", "1.13");
    Raced race = Races.chargedTwice(transactions, gateway, orders, merchant, body);
    RefundRecord owed = refunds.refundsOf(merchant.merchantId(), race.order().orderId()).get(0);
    assertThat(owed.initiatedBy()).isEqualTo("AUTO_REFUNDED");
    assertThat(owed.txnId()).isEqualTo(race.lost().txnId());

    Instant now = Instant.now();
    sweeper.sweep(now.plus(Duration.ofMinutes(1)));
    settle(now.plus(Duration.ofMinutes(2)));

    JsonPath failed = Shopper.orderStatus(race.session());
    assertThat(failed.getString("refunds[0].status")).isEqualTo("FAILURE");
    assertThat(failed.getString("refunds[0].initiated_by")).isEqualTo("AUTO_REFUNDED");
    assertThat(failed.getString("refunds[0].error_code")).isEqualTo("105");
    assertThat(failed.getString("status")).isEqualTo("CHARGED");
    RefundRecord ended =
        refunds.byUniqueRequestId(merchant.merchantId(), owed.uniqueRequestId()).get();

    // Job period after job period, over days: the refund is never due again, nothing changes.
    for (int period = 1; period <= 6; period++) {
      Instant later = now.plus(Duration.ofHours(period * 8));
      settle(later);
      assertThat(refunds.due(later.plus(Duration.ofDays(30)), 10_000))
          .noneMatch(due -> due.refund().refundId().equals(owed.refundId()));
    }
    assertThat(refunds.byUniqueRequestId(merchant.merchantId(), owed.uniqueRequestId()).get())
        .isEqualTo(ended);

    JsonPath events =
        TestMerchants.admin()
            .get(
                "/admin/merchants/"
                    + merchant.merchantId()
                    + "/orders/"
                    + race.order().orderId()
                    + "/webhooks")
            .jsonPath();
    assertThat(events.getList("events.event_name", String.class))
        .containsExactly(
            "TXN_CREATED", "TXN_CREATED", "TXN_CHARGED", "ORDER_SUCCEEDED", "AUTO_REFUND_FAILED");
    assertThat(events.getString("events[4].payload.content.order.txn_id"))
        .isEqualTo(race.lost().txnId());
    assertThat(events.getString("events[4].payload.content.order.refunds[0].status"))
        .isEqualTo("FAILURE");
    assertThat(events.getString("events[4].payload.content.order.refunds[0].initiated_by"))
        .isEqualTo("AUTO_REFUNDED");
  }

  /** Sweeps enough times at {@code at} for a sent refund to be settled by the sandbox and us. */
  private void settle(Instant at) {
    sweeper.sweep(at);
    sweeper.sweep(at.plusSeconds(1));
    sweeper.sweep(at.plus(Duration.ofMinutes(30)));
  }
}
