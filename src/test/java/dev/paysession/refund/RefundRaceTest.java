package dev.paysession.refund;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paysession.TestMerchants;
import dev.paysession.checkout.Shopper;
import dev.paysession.checkout.Shopper.Session;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Many refund requests at once on one charged order (mixed amounts, repeated ids), half through the
 * server over HTTP and half through a {@link SecondServer} (the same code path on its own
 * connections to the same database): the database decides, so the refunds taken never exceed the
 * charge and every answer is one of Juspay's.
 */
@QuarkusTest
class RefundRaceTest {

  private static final int REQUESTS = 60;

  @Inject ObjectMapper json;

  @ConfigProperty(name = "quarkus.datasource.jdbc.url")
  String url;

  @ConfigProperty(name = "quarkus.datasource.username")
  String user;

  @ConfigProperty(name = "quarkus.datasource.password")
  Optional<String> password;

  /** What either server answered: its HTTP status and Juspay's error_code. */
  private record Answer(int status, String errorCode, String body) {}

  @Test
  void concurrentRefundsNeverExceedTheChargeAndEveryAnswerIsRight() throws Exception {
    Session session = RefundApiTest.paidOrder(TestMerchants.create(), "100.00");
    SecondServer second = new SecondServer(url, user, password.orElse(""), json);
    ExecutorService pool = Executors.newFixedThreadPool(16);
    List<Future<Answer>> answers = new ArrayList<>();
    List<String[]> asked = new ArrayList<>();
    for (int i = 0; i < REQUESTS; i++) {
      // 20 ids, each asked three times; amounts 1.01 .. 20.20 so no two ids share an amount.
      String id = "race" + (i % 20);
      String amount = new BigDecimal(i % 20 + 1).multiply(new BigDecimal("1.01")).toPlainString();
      asked.add(new String[] {id, amount});
      Callable<Answer> call =
          i % 2 == 0
              ? () -> {
                Response response =
                    RefundApiTest.refundForm(session, "unique_request_id", id, "amount", amount);
                return new Answer(
                    response.statusCode(),
                    response.statusCode() == 200
                        ? null
                        : response.jsonPath().getString("error_code"),
                    response.asString());
              }
              : () -> {
                SecondServer.Answer answer =
                    second.refund(
                        session.merchant().merchantId(),
                        session.orderId(),
                        new RefundRules.Request(
                            id,
                            Optional.of(new BigDecimal(amount)),
                            RefundRecord.RefundType.STANDARD,
                            Optional.empty(),
                            Optional.empty()));
                return new Answer(answer.status(), answer.errorCode(), answer.toString());
              };
      answers.add(pool.submit(call));
    }
    Map<String, Integer> acceptedPerId = new HashMap<>();
    BigDecimal acceptedSum = BigDecimal.ZERO;
    for (int i = 0; i < REQUESTS; i++) {
      Answer answer = answers.get(i).get();
      if (answer.status() == 200) {
        acceptedPerId.merge(asked.get(i)[0], 1, Integer::sum);
        acceptedSum = acceptedSum.add(new BigDecimal(asked.get(i)[1]));
      } else {
        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.errorCode())
            .as(answer.body())
            .isIn("duplicate.call", "invalid.amount.exceeded");
      }
    }
    pool.shutdown();

    // Each id at most once; the sum of 1.01 .. 20.20 is 212.10, so the charge (100) ran out.
    assertThat(acceptedPerId.values()).containsOnly(1);
    assertThat(acceptedSum).isLessThanOrEqualTo(new BigDecimal("100.00"));
    JsonPath status = Shopper.orderStatus(session);
    assertThat(new BigDecimal(status.getString("amount_refunded")))
        .isEqualByComparingTo(acceptedSum);
    assertThat(status.getList("refunds")).hasSize(acceptedPerId.size());
    assertThat(new BigDecimal(status.getString("maximum_eligible_refund_amount")).add(acceptedSum))
        .isEqualByComparingTo("100");
    // What was refused for exceeding really did not fit when it was decided: the smallest id
    // left out does not fit in what remains now.
    BigDecimal remaining = new BigDecimal("100").subtract(acceptedSum);
    for (int i = 0; i < 20; i++) {
      if (!acceptedPerId.containsKey("race" + i)) {
        assertThat(new BigDecimal(i + 1).multiply(new BigDecimal("1.01")))
            .as("race%d was refused", i)
            .isGreaterThan(remaining);
      }
    }
  }
}
