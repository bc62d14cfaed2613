package dev.paysession.refund;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.paysession.TestMerchants;
import dev.paysession.TestMerchants.Merchant;
import dev.paysession.checkout.Shopper;
import dev.paysession.checkout.Shopper.Session;
import dev.paysession.reconcile.Reconciler;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Juspay's refund APIs over HTTP against the real server and database: each rule both ways. */
@QuarkusTest
class RefundApiTest {

  @Inject Reconciler sweeper;

  static Session paidOrder(Merchant merchant, String amount) {
    Map<String, Object> body = merchant.body(TestMerchants.uniqueId("rf"));
    body.put("amount", amount);
    Session session = Shopper.open(merchant, body);
    Shopper.payByCardWithCode(session, Shopper.VISA, Shopper.OTP);
    assertThat(Shopper.orderStatus(session).getString("status")).isEqualTo("CHARGED");
    return session;
  }

  static RequestSpecification merchant(Merchant merchant) {
    return given()
        .header("Authorization", TestMerchants.basicWithColon(merchant.apiKey()))
        .header("x-merchantid", merchant.merchantId());
  }

  static Response refundForm(Session session, String... nameValues) {
    RequestSpecification request = merchant(session.merchant()).contentType(ContentType.URLENC);
    for (int i = 0; i < nameValues.length; i += 2) {
      request = request.formParam(nameValues[i], nameValues[i + 1]);
    }
    return request.post("/orders/" + session.orderId() + "/refunds");
  }

  static JsonPath ok(Response response) {
    assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
    return response.jsonPath();
  }

  static void error(Response response, int status, String errorCode, String message) {
    assertThat(response.statusCode()).as(response.asString()).isEqualTo(status);
    assertThat(response.jsonPath().getString("error_code")).isEqualTo(errorCode);
    if (message != null) {
      assertThat(response.jsonPath().getString("error_message")).isEqualTo(message);
    }
  }

  @Test
  void aPartialRefundAnswersTheOrderWithThePendingRefundFirst() {
    Session session = paidOrder(TestMerchants.create(), "100.00");
    JsonPath first = ok(refundForm(session, "unique_request_id", "part1", "amount", "30.00"));
    assertThat(first.getString("status")).isEqualTo("CHARGED");
    assertThat(first.getDouble("amount_refunded")).isEqualTo(30.0);
    assertThat(first.getBoolean("refunded")).isFalse();
    assertThat(first.getDouble("maximum_eligible_refund_amount")).isEqualTo(70.0);
    assertThat(first.getList("refunds")).hasSize(1);
    assertThat(first.getString("refunds[0].unique_request_id")).isEqualTo("part1");
    assertThat(first.getString("refunds[0].status")).isEqualTo("PENDING");
    assertThat(first.getBoolean("refunds[0].sent_to_gateway")).isFalse();
    assertThat(first.getString("refunds[0].initiated_by")).isEqualTo("API");
    assertThat(first.getString("refunds[0].refund_type")).isEqualTo("STANDARD");
    assertThat(first.getString("refunds[0].id")).isNull();

    // JSON works too; no amount means the whole remaining refundable amount.
    JsonPath rest =
        ok(
            merchant(session.merchant())
                .contentType(ContentType.JSON)
                .body(Map.of("unique_request_id", "rest-1"))
                .post("/orders/" + session.orderId() + "/refunds"));
    assertThat(rest.getString("refunds[0].unique_request_id")).isEqualTo("rest-1");
    assertThat(rest.getDouble("refunds[0].amount")).isEqualTo(70.0);
    assertThat(rest.getDouble("amount_refunded")).isEqualTo(100.0);
    assertThat(rest.getBoolean("refunded")).isTrue();
    assertThat(rest.getDouble("maximum_eligible_refund_amount")).isEqualTo(0.0);
    // GET /orders/{id} shows the same refunds, newest first.
    assertThat(Shopper.orderStatus(session).getList("refunds.unique_request_id"))
        .containsExactly("rest-1", "part1");
    // Nothing is left: any further refund exceeds the refundable amount.
    error(
        refundForm(session, "unique_request_id", "more", "amount", "1"),
        400,
        "invalid.amount.exceeded",
        "Refund amount exceeds the refundable amount.");
    error(
        refundForm(session, "unique_request_id", "more2"),
        400,
        "invalid.amount.exceeded",
        "Refund amount exceeds the refundable amount.");
  }

  @Test
  void juspaysErrorsExactly() {
    Merchant owner = TestMerchants.create();
    Session session = paidOrder(owner, "100.00");
    ok(refundForm(session, "unique_request_id", "dup1", "amount", "10"));
    // A reused id, whatever the amount.
    error(
        refundForm(session, "unique_request_id", "dup1", "amount", "11"),
        400,
        "duplicate.call",
        "A refund call was already completed with this unique_request_id for the order.");
    // The same amount again at once, under another id.
    error(
        refundForm(session, "unique_request_id", "dup2", "amount", "10.00"),
        400,
        "duplicate.call",
        "A refund call was already processing with this amount for the order.");
    // Over-refund.
    error(
        refundForm(session, "unique_request_id", "big", "amount", "90.01"),
        400,
        "invalid.amount.exceeded",
        "Refund amount exceeds the refundable amount.");
    // Missing id; zero, negative and malformed amounts; too many decimals for INR.
    Response missing = refundForm(session, "amount", "5");
    error(missing, 400, "Mandatory fields are missing", "Mandatory fields are missing");
    assertThat(missing.jsonPath().getString("status")).isEqualTo("Bad Request");
    assertThat(missing.jsonPath().getString("error_info.fields[0].field_name"))
        .isEqualTo("unique_request_id");
    error(
        refundForm(session, "unique_request_id", "zero", "amount", "0"),
        400,
        "invalid amount",
        "Amount is invalid.");
    error(
        refundForm(session, "unique_request_id", "neg", "amount", "-5"),
        400,
        "invalid amount",
        "Amount is invalid.");
    error(
        refundForm(session, "unique_request_id", "dec", "amount", "1.005"),
        400,
        "invalid amount",
        "Amount is invalid.");
    // The id: at most 20 characters, no special characters.
    error(
        refundForm(session, "unique_request_id", "a".repeat(21), "amount", "5"),
        400,
        "INVALID_REQUEST",
        null);
    error(
        refundForm(session, "unique_request_id", "a b!", "amount", "5"),
        400,
        "INVALID_REQUEST",
        null);
    ok(refundForm(session, "unique_request_id", "a".repeat(20), "amount", "5"));
    // An unknown order: Juspay's NOT_FOUND (40) body.
    Response unknown =
        merchant(owner)
            .contentType(ContentType.URLENC)
            .formParam("unique_request_id", "x1")
            .formParam("amount", "1")
            .post("/orders/no-such-order/refunds");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.jsonPath().getString("status")).isEqualTo("NOT_FOUND");
    assertThat(unknown.jsonPath().getInt("status_id")).isEqualTo(40);
    assertThat(unknown.jsonPath().getString("order_id")).isEqualTo("no-such-order");
    // An order that is not charged.
    Session unpaid = Shopper.open(owner, TestMerchants.uniqueId("up"));
    error(
        refundForm(unpaid, "unique_request_id", "x2", "amount", "1"),
        400,
        "invalid.order.not_successful",
        "Cannot process unsuccessful order.");
    // Another merchant cannot refund this order (it is unknown to them).
    Session others = new Session(TestMerchants.create(), session.orderId(), null, null, null);
    assertThat(refundForm(others, "unique_request_id", "x3", "amount", "1").statusCode())
        .isEqualTo(404);
    // No API key: 401.
    assertThat(
            given()
                .header("x-merchantid", owner.merchantId())
                .contentType(ContentType.URLENC)
                .formParam("unique_request_id", "x4")
                .post("/orders/" + session.orderId() + "/refunds")
                .statusCode())
        .isEqualTo(401);
  }

  @Test
  void uniqueRequestIdIsSingleUsePerMerchantAcrossOrders() {
    Merchant merchant = TestMerchants.create();
    Session one = paidOrder(merchant, "10.00");
    Session two = paidOrder(merchant, "10.00");
    ok(refundForm(one, "unique_request_id", "shared", "amount", "1"));
    error(
        refundForm(two, "unique_request_id", "shared", "amount", "2"),
        400,
        "duplicate.call",
        "A refund call was already completed with this unique_request_id for the order.");
    // Another merchant's ids are its own.
    Session elsewhere = paidOrder(TestMerchants.create(), "10.00");
    ok(refundForm(elsewhere, "unique_request_id", "shared", "amount", "1"));
  }

  @Test
  void postRefundsAnswersTheFlatRefundByOrderOrTxnId() {
    Session session = paidOrder(TestMerchants.create(), "50.00");
    Response byOrder =
        merchant(session.merchant())
            .contentType(ContentType.URLENC)
            .formParam("order_id", session.orderId())
            .formParam("unique_request_id", "flat1")
            .formParam("amount", "5.00")
            .post("/refunds");
    JsonPath refund = ok(byOrder);
    assertThat(refund.getString("unique_request_id")).isEqualTo("flat1");
    assertThat(refund.getString("order_id")).isEqualTo(session.orderId());
    assertThat(refund.getString("status")).isEqualTo("PENDING");
    assertThat(refund.getBoolean("sent_to_gateway")).isFalse();
    assertThat(refund.getString("refund_type")).isEqualTo("STANDARD");
    assertThat(refund.getString("initiated_by")).isEqualTo("API");
    assertThat(refund.getDouble("amount")).isEqualTo(5.0);
    String txnId = refund.getString("txn_id");
    assertThat(txnId).isEqualTo(Shopper.orderStatus(session).getString("txn_id"));

    JsonPath byTxn =
        ok(
            merchant(session.merchant())
                .contentType(ContentType.JSON)
                .body(
                    Map.of(
                        "txn_id", txnId,
                        "unique_request_id", "flat2",
                        "amount", "6",
                        "refund_type", "INSTANT"))
                .post("/refunds"));
    assertThat(byTxn.getString("order_id")).isEqualTo(session.orderId());
    assertThat(byTxn.getString("refund_type")).isEqualTo("INSTANT");

    // amount is required here; a txn that does not exist is not found.
    error(
        merchant(session.merchant())
            .contentType(ContentType.URLENC)
            .formParam("order_id", session.orderId())
            .formParam("unique_request_id", "flat3")
            .post("/refunds"),
        400,
        "Mandatory fields are missing",
        "Mandatory fields are missing");
    assertThat(
            merchant(session.merchant())
                .contentType(ContentType.URLENC)
                .formParam("txn_id", session.merchant().merchantId() + "-nope-1")
                .formParam("unique_request_id", "flat4")
                .formParam("amount", "1")
                .post("/refunds")
                .statusCode())
        .isEqualTo(404);
  }

  @Test
  void instantRefundsAreForCardPaymentsOnly() {
    Merchant merchant = TestMerchants.create();
    Session session = Shopper.open(merchant, TestMerchants.uniqueId("upi"));
    Shopper.seeOther(Shopper.post(session.pagePath() + "/upi", "vpa", "success@upi"));
    Response instant =
        merchant(merchant)
            .contentType(ContentType.URLENC)
            .formParam("order_id", session.orderId())
            .formParam("unique_request_id", "inst1")
            .formParam("amount", "0.5")
            .formParam("refund_type", "INSTANT")
            .post("/refunds");
    error(instant, 400, "INVALID_REQUEST", null);
    assertThat(instant.jsonPath().getString("error_message")).contains("card payments");
    // STANDARD on the same order is fine.
    ok(
        merchant(merchant)
            .contentType(ContentType.URLENC)
            .formParam("order_id", session.orderId())
            .formParam("unique_request_id", "inst2")
            .formParam("amount", "0.5")
            .post("/refunds"));
  }

  @Test
  void theSandboxSettlesByTestAmountAndAFailureFreesItsAmount() {
    Session session = paidOrder(TestMerchants.create(), "10.00");
    ok(refundForm(session, "unique_request_id", "ok", "amount", "1.00"));
    ok(refundForm(session, "unique_request_id", "fails", "amount", "1.13"));
    ok(refundForm(session, "unique_request_id", "review", "amount", "1.14"));
    ok(refundForm(session, "unique_request_id", "stuck", "amount", "1.15"));
    Instant now = Instant.now();
    sweeper.sweep(now.plus(Duration.ofMinutes(1)));
    JsonPath sent = Shopper.orderStatus(session);
    assertThat(sent.getList("refunds.sent_to_gateway", Boolean.class)).containsOnly(true);
    assertThat(sent.getList("refunds.status", String.class)).containsOnly("PENDING");
    settle(now.plus(Duration.ofMinutes(2)));

    JsonPath settled = Shopper.orderStatus(session);
    assertThat(statusOf(settled, "ok")).isEqualTo("SUCCESS");
    assertThat(statusOf(settled, "fails")).isEqualTo("FAILURE");
    assertThat(statusOf(settled, "review")).isEqualTo("MANUAL_REVIEW");
    assertThat(statusOf(settled, "stuck")).isEqualTo("PENDING");
    // FAILURE does not count: 1.00 + 1.14 + 1.15.
    assertThat(settled.getDouble("amount_refunded")).isEqualTo(3.29);
    assertThat(settled.getDouble("maximum_eligible_refund_amount")).isEqualTo(6.71);
    assertThat(settled.getString("refunds.find { it.unique_request_id == 'ok' }.ref"))
        .startsWith("rfnd_");
    assertThat(settled.getString("refunds.find { it.unique_request_id == 'ok' }.id"))
        .isEqualTo("ok");
    // The failed amount is refundable again, under a new id.
    ok(refundForm(session, "unique_request_id", "retry", "amount", "6.71"));

    // Pending for more than 10 days: manual review.
    settle(now.plus(Duration.ofDays(9)));
    assertThat(statusOf(Shopper.orderStatus(session), "stuck")).isEqualTo("PENDING");
    settle(now.plus(Duration.ofDays(11)));
    JsonPath aged = Shopper.orderStatus(session);
    assertThat(statusOf(aged, "stuck")).isEqualTo("MANUAL_REVIEW");
    assertThat(aged.getString("refunds.find { it.unique_request_id == 'stuck' }.error_code"))
        .isEqualTo("PENDING_TOO_LONG");
    // The order stays CHARGED whatever its refunds did.
    assertThat(aged.getString("status")).isEqualTo("CHARGED");

    // The merchant heard of each change, in order, and the admin API lists the refunds.
    JsonPath events =
        TestMerchants.admin()
            .get(
                "/admin/merchants/"
                    + session.merchant().merchantId()
                    + "/orders/"
                    + session.orderId()
                    + "/webhooks")
            .jsonPath();
    assertThat(events.getList("events.event_name", String.class))
        .contains(
            "REFUND_INITIATED",
            "ORDER_REFUNDED",
            "ORDER_REFUND_FAILED",
            "REFUND_MANUAL_REVIEW_NEEDED")
        .doesNotContain("REFUND_SUCCEEDED");
    Response admin =
        TestMerchants.admin()
            .get(
                "/admin/merchants/"
                    + session.merchant().merchantId()
                    + "/orders/"
                    + session.orderId()
                    + "/refunds");
    assertThat(admin.statusCode()).as(admin.asString()).isEqualTo(200);
    assertThat(admin.jsonPath().getList("refunds.refund.unique_request_id"))
        .containsExactlyInAnyOrder("ok", "fails", "review", "stuck", "retry");
    assertThat(admin.jsonPath().getString("refunds[0].refund_id")).startsWith("rfd_");
    assertThat(
            TestMerchants.management()
                .get(
                    "/admin/merchants/"
                        + session.merchant().merchantId()
                        + "/orders/"
                        + session.orderId()
                        + "/refunds")
                .statusCode())
        .isEqualTo(401);
  }

  @Test
  void thePagesSandboxTableListsTheRefundTestAmounts() {
    Session session = Shopper.open(TestMerchants.create(), TestMerchants.uniqueId("tbl"));
    String page = Shopper.get(session.pagePath()).asString();
    assertThat(page)
        .contains("id=\"sandbox-refunds\"")
        .contains("ending in .13 (e.g. 1.13)</td><td lang=\"en\">Refund fails (FAILURE)")
        .contains(
            "ending in .14 (e.g. 1.14)</td><td lang=\"en\">Refund needs manual review (MANUAL_REVIEW)")
        .contains("ending in .15 (e.g. 1.15)</td><td lang=\"en\">Refund stays pending");
  }

  /** Sweeps enough times at {@code at} for a sent refund to be settled by the sandbox and us. */
  private void settle(Instant at) {
    sweeper.sweep(at);
    sweeper.sweep(at.plusSeconds(1));
    sweeper.sweep(at.plus(Duration.ofMinutes(30)));
  }

  private static String statusOf(JsonPath order, String uniqueRequestId) {
    return order.getString(
        "refunds.find { it.unique_request_id == '" + uniqueRequestId + "' }.status");
  }
}
