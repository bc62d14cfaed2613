package dev.paysession.mandate;

import static dev.paysession.mandate.DebitFixtures.events;
import static dev.paysession.mandate.DebitFixtures.eventsJson;
import static dev.paysession.mandate.DebitFixtures.orderStatus;
import static dev.paysession.mandate.DebitFixtures.txns;
import static org.assertj.core.api.Assertions.assertThat;

import dev.paysession.MovableClock;
import dev.paysession.TestMerchants;
import dev.paysession.TestMerchants.Merchant;
import dev.paysession.checkout.Shopper;
import dev.paysession.mandate.DebitFixtures.Spec;
import dev.paysession.order.OrderDetails.AmountRule;
import dev.paysession.order.OrderDetails.Frequency;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Mandate debits over HTTP ({@code POST /txns} with {@code mandate_id}) against the real server and
 * database, time moved with the test clock: the default flow (notice at once, debit at its date),
 * every rule both ways, a year of monthly debits, and concurrent debits.
 */
@QuarkusTest
class MandateDebitTest {

  private static final String CUSTOMER = "cust-debit-1";

  @Inject MovableClock clock;
  @Inject DebitFixtures fixtures;
  @Inject DebitJob debitJob;
  @Inject MandateStore mandates;

  @AfterEach
  void resetClock() {
    clock.reset();
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.SECONDS);
  }

  /**
   * A monthly UPI AutoPay mandate (debits on the 10th, up to 1000), registered the way a customer
   * does it: the session, then the hosted page's UPI form with an approving test VPA.
   */
  private MandateRecord registeredOnThePage(Merchant merchant) throws Exception {
    Map<String, Object> body = merchant.body(TestMerchants.uniqueId("reg"));
    body.put("amount", "1.00");
    body.put("customer_id", CUSTOMER);
    body.put("options.create_mandate", "REQUIRED");
    body.put("mandate.max_amount", "1000.00");
    body.put("mandate.frequency", "MONTHLY");
    body.put("mandate.rule_type", "ON");
    body.put("mandate.rule_value", "10");
    Shopper.Session session = Shopper.open(merchant, body);
    String redirect =
        Shopper.seeOther(Shopper.post(session.pagePath() + "/upi", "vpa", "autopay@upi"));
    String mandateId =
        URLDecoder.decode(
            redirect.replaceAll(".*[?&]mandate_id=([^&]+).*", "$1"), StandardCharsets.UTF_8);
    assertThat(redirect).contains("mandate_status=ACTIVE");
    return mandates.byId(merchant.merchantId(), mandateId).orElseThrow();
  }

  private MandateRecord mandate(Merchant merchant, Spec spec) throws Exception {
    return fixtures.active(merchant, CUSTOMER, spec, now(), now());
  }

  private static Response debit(
      Merchant merchant, MandateRecord m, String orderId, String amount, Instant execution) {
    return txns(
        merchant,
        "order.order_id",
        orderId,
        "order.amount",
        amount,
        "order.customer_id",
        CUSTOMER,
        "mandate_id",
        m.mandateId(),
        "mandate.execution_date",
        epoch(execution),
        "format",
        "json");
  }

  private static String epoch(Instant instant) {
    return Long.toString(instant.getEpochSecond());
  }

  private static String newOrder() {
    return TestMerchants.uniqueId("dbt");
  }

  private static JsonPath ok(Response response) {
    assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
    assertThat(response.jsonPath().getString("status")).isEqualTo("PENDING_VBV");
    return response.jsonPath();
  }

  /** A 400 in Juspay's envelope whose message names the rule. */
  private static void refused(Response response, String infoCode, String rule) {
    assertThat(response.statusCode()).as(response.asString()).isEqualTo(400);
    assertThat(response.jsonPath().getString("status")).isEqualTo("ERROR");
    assertThat(response.jsonPath().getString("error_info.code")).isEqualTo(infoCode);
    assertThat(response.jsonPath().getString("error_message")).contains(rule);
  }

  private int runDueAt(Merchant merchant, Instant at) throws Exception {
    Duration ahead = Duration.between(clock.instant(), at);
    if (!ahead.isNegative()) {
      clock.advance(ahead);
    }
    return debitJob.runDue(Optional.of(merchant.merchantId()), clock.instant());
  }

  /** Noon, India time, on {@code day}. */
  private static Instant noonInIndia(LocalDate day) {
    return day.atTime(12, 0).atZone(DebitRules.INDIA).toInstant();
  }

  /** The given day of the first month that starts at least two days from {@code from}. */
  private static LocalDate dayOfNextMonth(Instant from, int day) {
    return DebitRules.day(from.plus(Duration.ofDays(2)))
        .with(TemporalAdjusters.firstDayOfNextMonth())
        .withDayOfMonth(day);
  }

  @Test
  void aUpiDebitIsNotifiedAtOnceAndChargedAtItsExecutionDate() throws Exception {
    Merchant merchant = TestMerchants.create();
    MandateRecord m = mandate(merchant, Spec.upi(Frequency.ASPRESENTED));
    String orderId = newOrder();
    Instant execution = now().plus(Duration.ofHours(25));

    JsonPath answer =
        ok(
            txns(
                merchant,
                "order.order_id",
                orderId,
                "order.amount",
                "500.00",
                "order.customer_id",
                CUSTOMER,
                "mandate_id",
                m.mandateId(),
                "mandate.execution_date",
                epoch(execution),
                "merchant_id",
                merchant.merchantId(),
                "format",
                "json"));
    assertThat(answer.getString("order_id")).isEqualTo(orderId);
    assertThat(answer.getString("txn_id")).isEqualTo(merchant.merchantId() + "-" + orderId + "-1");
    assertThat(answer.getString("txn_uuid")).isNotBlank();
    assertThat(answer.getString("payment.authentication.method")).isEqualTo("GET");

    JsonPath pending = orderStatus(merchant, orderId);
    assertThat(pending.getString("status")).isEqualTo("PENDING_VBV");
    assertThat(pending.getString("customer_id")).isEqualTo(CUSTOMER);
    assertThat(pending.getDouble("amount")).isEqualTo(500.0);
    assertThat(pending.getString("txn_detail.txn_object_type")).isEqualTo("EMANDATE_PAYMENT");
    assertThat(pending.getString("txn_detail.source_object_id")).isEqualTo(m.mandateId());

    // The notice went out at once (Juspay's default flow), on the mandate's events.
    assertThat(events(merchant, m.orderId())).contains("NOTIFICATION_SUCCEEDED");
    String notificationId =
        eventsJson(merchant, m.orderId())
            .getString(
                "events.find { it.event_name == 'NOTIFICATION_SUCCEEDED' }"
                    + ".payload.content.notification.id");
    Response notification = DebitFixtures.call(merchant).get("/notifications/" + notificationId);
    assertThat(notification.statusCode()).as(notification.asString()).isEqualTo(200);
    assertThat(notification.jsonPath().getString("object")).isEqualTo("notification");
    assertThat(notification.jsonPath().getString("status")).isEqualTo("SUCCESS");
    assertThat(notification.jsonPath().getString("source_info.amount")).isEqualTo("500.00");
    assertThat(notification.jsonPath().getString("source_info.txn_date"))
        .isEqualTo(epoch(execution));
    assertThat(notification.jsonPath().getString("mandate.mandate_id")).isEqualTo(m.mandateId());
    // Another merchant cannot read it.
    Response foreign =
        DebitFixtures.call(TestMerchants.create()).get("/notifications/" + notificationId);
    assertThat(foreign.statusCode()).as(foreign.asString()).isEqualTo(404);

    // Nothing happens before its date; at its date it is charged like any order.
    assertThat(debitJob.runDue(Optional.of(merchant.merchantId()), clock.instant())).isZero();
    assertThat(runDueAt(merchant, execution)).isEqualTo(1);
    JsonPath charged = orderStatus(merchant, orderId);
    assertThat(charged.getString("status")).isEqualTo("CHARGED");
    assertThat(charged.getString("txn_detail.txn_object_type")).isEqualTo("EMANDATE_PAYMENT");
    assertThat(events(merchant, orderId))
        .containsExactly("TXN_CREATED", "TXN_CHARGED", "ORDER_SUCCEEDED");
    // Ran once: a second run finds nothing.
    assertThat(debitJob.runDue(Optional.of(merchant.merchantId()), clock.instant())).isZero();
  }

  @Test
  void aDebitAmountEndingIn51FailsForInsufficientBalance() throws Exception {
    Merchant merchant = TestMerchants.create();
    MandateRecord m = mandate(merchant, Spec.upi(Frequency.ASPRESENTED).method("CARD"));
    String orderId = newOrder();
    Instant execution = now().plus(Duration.ofHours(24).plusMinutes(1));
    ok(debit(merchant, m, orderId, "100.51", execution));
    assertThat(runDueAt(merchant, execution)).isEqualTo(1);
    JsonPath failed = orderStatus(merchant, orderId);
    assertThat(failed.getString("status")).isEqualTo("AUTHORIZATION_FAILED");
    assertThat(failed.getString("resp_code")).isEqualTo("INSUFFICIENT_BALANCE");
    assertThat(failed.getString("txn_detail.txn_object_type")).isEqualTo("MANDATE_PAYMENT");
    assertThat(events(merchant, orderId))
        .containsExactly("TXN_CREATED", "TXN_FAILED", "ORDER_FAILED");
  }

  @Test
  void aFailedNotificationFailsTheDebitAndFreesItsPeriod() throws Exception {
    Merchant merchant = TestMerchants.create();
    MandateRecord m = mandate(merchant, Spec.upi(Frequency.MONTHLY));
    Instant execution = noonInIndia(dayOfNextMonth(now(), 10));
    String first = newOrder();
    ok(debit(merchant, m, first, "100.52", execution));
    JsonPath failed = orderStatus(merchant, first);
    assertThat(failed.getString("status")).isEqualTo("AUTHORIZATION_FAILED");
    assertThat(failed.getString("resp_code")).isEqualTo("NOTIFICATION_FAILED");
    assertThat(events(merchant, m.orderId())).contains("NOTIFICATION_FAILED");
    assertThat(
            eventsJson(merchant, m.orderId())
                .getString(
                    "events.find { it.event_name == 'NOTIFICATION_FAILED' }"
                        + ".payload.content.notification.response_code"))
        .isEqualTo("JP_852");
    // The merchant calls /txns again, in the same month: the failed debit does not count.
    String second = newOrder();
    ok(debit(merchant, m, second, "100.00", execution));
    assertThat(runDueAt(merchant, execution)).isEqualTo(1);
    assertThat(orderStatus(merchant, second).getString("status")).isEqualTo("CHARGED");
    assertThat(orderStatus(merchant, first).getString("status")).isEqualTo("AUTHORIZATION_FAILED");
  }

  @Test
  void onlyAnActiveMandateIsDebited() throws Exception {
    Merchant merchant = TestMerchants.create();
    MandateRecord m = mandate(merchant, Spec.upi(Frequency.ASPRESENTED));
    Instant execution = now().plus(Duration.ofDays(2));
    DebitFixtures.pause(merchant, m, now().plus(Duration.ofDays(30)));
    refused(debit(merchant, m, newOrder(), "10", execution), "INVALID_ACTION", "is PAUSED");
    DebitFixtures.resume(merchant, m);
    ok(debit(merchant, m, newOrder(), "10", execution));
    DebitFixtures.revoke(merchant, m);
    refused(debit(merchant, m, newOrder(), "10", execution), "INVALID_ACTION", "is REVOKED");
  }

  @Test
  void amountRules() throws Exception {
    Merchant merchant = TestMerchants.create();
    Instant execution = now().plus(Duration.ofDays(2));
    MandateRecord variable =
        mandate(merchant, Spec.upi(Frequency.ASPRESENTED).max("1000", AmountRule.VARIABLE));
    refused(
        debit(merchant, variable, newOrder(), "1000.01", execution),
        "INVALID_INPUT",
        "amount_rule VARIABLE");
    ok(debit(merchant, variable, newOrder(), "1000.00", execution));
    MandateRecord fixed =
        mandate(merchant, Spec.upi(Frequency.ASPRESENTED).max("999", AmountRule.FIXED));
    refused(
        debit(merchant, fixed, newOrder(), "998", execution), "INVALID_INPUT", "amount_rule FIXED");
    ok(debit(merchant, fixed, newOrder(), "999", execution));
  }

  @Test
  void theExecutionDateLiesWithinTheMandateAndAfterTheNotice() throws Exception {
    Merchant merchant = TestMerchants.create();
    MandateRecord m = mandate(merchant, Spec.upi(Frequency.ASPRESENTED));
    refused(
        debit(merchant, m, newOrder(), "10", m.endDate().plusSeconds(1)),
        "INVALID_INPUT",
        "Mandate dates");
    refused(
        debit(merchant, m, newOrder(), "10", now().minus(Duration.ofHours(1))),
        "INVALID_INPUT",
        "in the past");
    MandateRecord later =
        fixtures.active(
            merchant,
            CUSTOMER,
            Spec.upi(Frequency.ASPRESENTED),
            now().plus(Duration.ofDays(3)),
            now());
    refused(
        debit(merchant, later, newOrder(), "10", now().plus(Duration.ofDays(2))),
        "INVALID_INPUT",
        "Mandate dates");
    ok(debit(merchant, later, newOrder(), "10", now().plus(Duration.ofDays(3))));
    // UPI and cards: at least 24 h after the notice, which /txns sends now.
    refused(
        debit(merchant, m, newOrder(), "10", now().plus(Duration.ofHours(23))),
        "INVALID_INPUT",
        "Pre-debit notice");
    ok(debit(merchant, m, newOrder(), "10", now().plus(Duration.ofHours(24).plusMinutes(1))));
    // Without an execution date: the earliest allowed.
    JsonPath defaulted =
        ok(
            txns(
                merchant,
                "order.order_id",
                newOrder(),
                "order.amount",
                "10",
                "order.customer_id",
                CUSTOMER,
                "mandate_id",
                m.mandateId()));
    assertThat(defaulted.getString("status")).isEqualTo("PENDING_VBV");
    // A DAILY mandate needs no notice; eNACH neither.
    MandateRecord daily = mandate(merchant, Spec.upi(Frequency.DAILY));
    ok(debit(merchant, daily, newOrder(), "10", now().plus(Duration.ofMinutes(10))));
    MandateRecord enach = mandate(merchant, Spec.upi(Frequency.ASPRESENTED).method("NB"));
    ok(debit(merchant, enach, newOrder(), "10", now()));
  }

  @Test
  void aMonthlyMandateIsDebitedOncePerCalendarMonth() throws Exception {
    Merchant merchant = TestMerchants.create();
    MandateRecord m = mandate(merchant, Spec.upi(Frequency.MONTHLY));
    LocalDate day = dayOfNextMonth(now(), 5);
    ok(debit(merchant, m, newOrder(), "10", noonInIndia(day)));
    refused(
        debit(merchant, m, newOrder(), "10", noonInIndia(day.plusDays(20))),
        "INVALID_INPUT",
        "frequency MONTHLY");
    ok(debit(merchant, m, newOrder(), "10", noonInIndia(day.plusMonths(1))));
  }

  @Test
  void ruleTypeAndRuleValueBindTheDay() throws Exception {
    Merchant merchant = TestMerchants.create();
    MandateRecord on = mandate(merchant, Spec.upi(Frequency.MONTHLY).rule("ON", 10));
    LocalDate tenth = dayOfNextMonth(now(), 10);
    refused(
        debit(merchant, on, newOrder(), "10", noonInIndia(tenth.plusDays(1))),
        "INVALID_INPUT",
        "rule_type ON, rule_value 10");
    ok(debit(merchant, on, newOrder(), "10", noonInIndia(tenth)));

    // WEEKLY, rule value 3: Wednesday.
    LocalDate monday =
        DebitRules.day(now().plus(Duration.ofDays(2)))
            .with(TemporalAdjusters.next(DayOfWeek.MONDAY));
    MandateRecord after = mandate(merchant, Spec.upi(Frequency.WEEKLY).rule("AFTER", 3));
    refused(
        debit(merchant, after, newOrder(), "10", noonInIndia(monday.plusDays(1))),
        "INVALID_INPUT",
        "rule_type AFTER, rule_value 3");
    ok(debit(merchant, after, newOrder(), "10", noonInIndia(monday.plusDays(3))));
    MandateRecord before = mandate(merchant, Spec.upi(Frequency.WEEKLY).rule("BEFORE", 3));
    refused(
        debit(merchant, before, newOrder(), "10", noonInIndia(monday.plusDays(3))),
        "INVALID_INPUT",
        "rule_type BEFORE, rule_value 3");
    ok(debit(merchant, before, newOrder(), "10", noonInIndia(monday.plusDays(1))));
  }

  @Test
  void debitsOverTheNoAuthenticationLimitAreRefusedForUpiAndCards() throws Exception {
    Merchant merchant = TestMerchants.create();
    Instant execution = now().plus(Duration.ofDays(2));
    Spec big = Spec.upi(Frequency.ASPRESENTED).max("200000", AmountRule.VARIABLE);
    MandateRecord upi = mandate(merchant, big);
    refused(
        debit(merchant, upi, newOrder(), "15000.01", execution),
        "INVALID_INPUT",
        "Additional authentication");
    ok(debit(merchant, upi, newOrder(), "15000.00", execution));
    MandateRecord card = mandate(merchant, big.method("CARD"));
    refused(
        debit(merchant, card, newOrder(), "15000.01", execution),
        "INVALID_INPUT",
        "Additional authentication");
    // Insurance premiums, mutual funds, credit-card bills: up to 1,00,000.
    ok(
        txns(
            merchant,
            "order.order_id",
            newOrder(),
            "order.amount",
            "100000",
            "order.customer_id",
            CUSTOMER,
            "mandate_id",
            card.mandateId(),
            "mandate.execution_date",
            epoch(execution),
            "mandate.category",
            "INSURANCE"));
    refused(
        txns(
            merchant,
            "order.order_id",
            newOrder(),
            "order.amount",
            "100000.01",
            "order.customer_id",
            CUSTOMER,
            "mandate_id",
            card.mandateId(),
            "mandate.execution_date",
            epoch(execution),
            "mandate.category",
            "INSURANCE"),
        "INVALID_INPUT",
        "Additional authentication");
    // eNACH is not subject to it.
    MandateRecord enach = mandate(merchant, big.method("NB"));
    ok(debit(merchant, enach, newOrder(), "150000", execution));
  }

  @Test
  void theMandateIsTheMerchantsAndTheCustomers() throws Exception {
    Merchant merchant = TestMerchants.create();
    MandateRecord m = mandate(merchant, Spec.upi(Frequency.ASPRESENTED));
    Instant execution = now().plus(Duration.ofDays(2));
    Response wrongCustomer =
        txns(
            merchant,
            "order.order_id",
            newOrder(),
            "order.amount",
            "10",
            "order.customer_id",
            "someone-else",
            "mandate_id",
            m.mandateId(),
            "mandate.execution_date",
            epoch(execution));
    refused(wrongCustomer, "INVALID_INPUT", "Customer");
    // The mandate token with its customer works as well as the id.
    ok(
        txns(
            merchant,
            "order.order_id",
            newOrder(),
            "order.amount",
            "10",
            "order.customer_id",
            CUSTOMER,
            "mandate_token",
            m.mandateToken(),
            "mandate.execution_date",
            epoch(execution)));
    // Another merchant's mandate, or none: 404.
    Response foreign = debit(TestMerchants.create(), m, newOrder(), "10", execution);
    assertThat(foreign.statusCode()).as(foreign.asString()).isEqualTo(404);
    Response unknown =
        txns(
            merchant,
            "order.order_id",
            newOrder(),
            "order.amount",
            "10",
            "order.customer_id",
            CUSTOMER,
            "mandate_id",
            "nosuchmandate");
    assertThat(unknown.statusCode()).as(unknown.asString()).isEqualTo(404);
  }

  @Test
  void eachDebitNeedsANewOrderId() throws Exception {
    Merchant merchant = TestMerchants.create();
    MandateRecord m = mandate(merchant, Spec.upi(Frequency.ASPRESENTED));
    Instant execution = now().plus(Duration.ofDays(2));
    String orderId = newOrder();
    ok(debit(merchant, m, orderId, "10", execution));
    refused(debit(merchant, m, orderId, "10", execution), "INVALID_INPUT", "already used");
    // An ordinary order's id too (the registration order's, here).
    refused(debit(merchant, m, m.orderId(), "10", execution), "INVALID_INPUT", "already used");
  }

  @Test
  void aBodyWithoutAMandateIsAPaymentAndAnIncompleteDebitIsRefusedClearly() {
    Merchant merchant = TestMerchants.create();
    Response card =
        txns(
            merchant,
            "order_id",
            "o1",
            "payment_method_type",
            "CARD",
            "card_number",
            "4111111111111111");
    // Without mandate_id or mandate_token the body pays an existing order (txns/): o1 is none.
    assertThat(card.statusCode()).as(card.asString()).isEqualTo(404);
    assertThat(card.jsonPath().getString("error_message")).isEqualTo("Order o1 not found");
    Response missing = txns(merchant, "mandate_id", "x", "order.amount", "10");
    assertThat(missing.statusCode()).as(missing.asString()).isEqualTo(400);
    assertThat(missing.jsonPath().getList("error_info.fields.field_name"))
        .contains("order.order_id", "order.customer_id");
  }

  @Test
  void anEnachDebitIsPresentedAndSettlesADayLater() throws Exception {
    Merchant merchant = TestMerchants.create();
    MandateRecord m = mandate(merchant, Spec.upi(Frequency.ASPRESENTED).method("NB"));
    String orderId = newOrder();
    ok(debit(merchant, m, orderId, "2500", now()));
    assertThat(events(merchant, m.orderId())).doesNotContain("NOTIFICATION_SUCCEEDED");
    assertThat(runDueAt(merchant, now())).isEqualTo(1);
    assertThat(orderStatus(merchant, orderId).getString("status")).isEqualTo("AUTHORIZING");
    assertThat(runDueAt(merchant, now().plus(Duration.ofHours(23)))).isZero();
    assertThat(runDueAt(merchant, now().plus(Duration.ofHours(2)))).isEqualTo(1);
    JsonPath charged = orderStatus(merchant, orderId);
    assertThat(charged.getString("status")).isEqualTo("CHARGED");
    assertThat(charged.getString("txn_detail.txn_object_type")).isEqualTo("EMANDATE_PAYMENT");
  }

  @Test
  void aYearOfMonthlyDebitsWithAPauseAndARevoke() throws Exception {
    Merchant merchant = TestMerchants.create();
    MandateRecord m = registeredOnThePage(merchant);
    assertThat(m.status()).isEqualTo(MandateStatus.ACTIVE);
    assertThat(m.ruleType()).contains("ON");
    LocalDate tenth = dayOfNextMonth(now(), 10);
    for (int month = 0; month < 12; month++) {
      Instant execution = noonInIndia(tenth.plusMonths(month));
      String orderId = newOrder();
      ok(debit(merchant, m, orderId, "499.00", execution));
      assertThat(runDueAt(merchant, execution)).isEqualTo(1);
      assertThat(orderStatus(merchant, orderId).getString("status")).isEqualTo("CHARGED");
    }
    assertThat(events(merchant, m.orderId()).stream().filter("NOTIFICATION_SUCCEEDED"::equals))
        .hasSize(12);

    // Paused: refused; resumed: debited again.
    DebitFixtures.pause(merchant, m, now().plus(Duration.ofDays(60)));
    Instant thirteenth = noonInIndia(tenth.plusMonths(12));
    refused(debit(merchant, m, newOrder(), "499.00", thirteenth), "INVALID_ACTION", "is PAUSED");
    DebitFixtures.resume(merchant, m);
    String resumed = newOrder();
    ok(debit(merchant, m, resumed, "499.00", thirteenth));
    assertThat(runDueAt(merchant, thirteenth)).isEqualTo(1);
    assertThat(orderStatus(merchant, resumed).getString("status")).isEqualTo("CHARGED");

    // Revoked after a debit was scheduled: that debit fails at its date, and no new one is taken.
    Instant fourteenth = noonInIndia(tenth.plusMonths(13));
    String scheduled = newOrder();
    ok(debit(merchant, m, scheduled, "499.00", fourteenth));
    DebitFixtures.revoke(merchant, m);
    assertThat(runDueAt(merchant, fourteenth)).isEqualTo(1);
    JsonPath refusedAtItsDate = orderStatus(merchant, scheduled);
    assertThat(refusedAtItsDate.getString("status")).isEqualTo("AUTHORIZATION_FAILED");
    assertThat(refusedAtItsDate.getString("resp_code")).isEqualTo("MANDATE_NOT_ACTIVE");
    refused(
        debit(merchant, m, newOrder(), "499.00", noonInIndia(tenth.plusMonths(14))),
        "INVALID_ACTION",
        "is REVOKED");
  }

  @Test
  void concurrentDebitsOfOneMonthChargeItOnce() throws Exception {
    Merchant merchant = TestMerchants.create();
    MandateRecord m = mandate(merchant, Spec.upi(Frequency.MONTHLY));
    LocalDate day = dayOfNextMonth(now(), 3);
    int threads = 6;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Response>> answers = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        Instant execution = noonInIndia(day.plusDays(i));
        Callable<Response> call =
            () -> {
              start.await();
              return debit(merchant, m, newOrder(), "10", execution);
            };
        answers.add(pool.submit(call));
      }
      start.countDown();
      int accepted = 0;
      for (Future<Response> answer : answers) {
        Response response = answer.get();
        if (response.statusCode() == 200) {
          accepted++;
        } else {
          refused(response, "INVALID_INPUT", "frequency MONTHLY");
        }
      }
      assertThat(accepted).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }
}
