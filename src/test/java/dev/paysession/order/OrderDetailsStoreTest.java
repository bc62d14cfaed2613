package dev.paysession.order;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.paysession.TestMerchants;
import dev.paysession.order.OrderDetails.AmountRule;
import dev.paysession.order.OrderDetails.CreateMandate;
import dev.paysession.order.OrderDetails.Customer;
import dev.paysession.order.OrderDetails.Frequency;
import dev.paysession.order.OrderDetails.GatewayMetadata;
import dev.paysession.order.OrderDetails.Mandate;
import dev.paysession.order.OrderDetails.Metadata;
import dev.paysession.order.OrderDetails.Options;
import dev.paysession.order.OrderDetails.Udfs;
import dev.paysession.rules.Amount;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Both write paths (group commit and one transaction per order) store the typed details, and both
 * hand them back with an order that already existed, exactly as given.
 */
@QuarkusTest
class OrderDetailsStoreTest {

  private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
  private static final Consumer<StoredOrder> ANY_REUSE = stored -> {};

  @Inject AgroalDataSource dataSource;
  @Inject OrderReader reader;

  private static OrderDetails details(Instant now) {
    return new OrderDetails(
        new Customer(
            Optional.of("a@b.co"),
            Optional.empty(),
            Optional.of("91"),
            Optional.empty(),
            Optional.of("Doe")),
        Optional.of("desc \"quoted\" ünïcode"),
        Optional.empty(),
        Optional.empty(),
        Optional.of("english"),
        Optional.empty(),
        Optional.of(5),
        new Udfs(List.of("u1", "", "", "", "", "", "", "", "", "u10")),
        new Metadata(
            Optional.of("https://merchant.example.com/hook"),
            Optional.empty(),
            Optional.of(false),
            Optional.empty(),
            List.of(),
            new GatewayMetadata(
                Map.of(
                    "PAYU",
                    Map.<String, JsonNode>of(
                        "offer_key", NODES.numberNode(new BigDecimal("1.50")),
                        "offer_auto_apply", NODES.booleanNode(true))))),
        new Options(false),
        Optional.of(
            new Mandate(
                CreateMandate.REQUIRED,
                new Amount(new BigDecimal("10")),
                now,
                now.plus(30, ChronoUnit.DAYS),
                Frequency.ONETIME,
                Optional.empty(),
                AmountRule.FIXED,
                true,
                true,
                Optional.of(OrderDetails.RuleType.ON))),
        List.of(),
        new OrderDetails.Addresses(Map.of("billing_address_line1", "12 MG Road, \"B\" wing")));
  }

  private static NewOrder order(String merchantId, String orderId, OrderDetails details) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    return new NewOrder(
        merchantId,
        orderId,
        "ordeh_" + merchantId + orderId,
        new Amount(new BigDecimal("10")),
        "INR",
        "c",
        "c",
        "client",
        "paymentPage",
        "https://shop.example.com/return",
        Optional.empty(),
        now,
        details,
        "{\"order_id\":\"" + orderId + "\"}");
  }

  private static StoredOrder store(OrderStore store, NewOrder order) throws Exception {
    return store.createOrReuse(
        order,
        ClientAuthTokens.hash(ClientAuthTokens.generate()),
        order.createdAt().plusSeconds(900),
        ANY_REUSE);
  }

  @Test
  void bothWritePathsStoreAndReturnTheDetails() throws Exception {
    String merchantId = TestMerchants.create().merchantId();
    OrderDetails details = details(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    OrderStore grouped = new OrderStore(dataSource, 1, 16, new SimpleMeterRegistry());
    OrderStore alone = new OrderStore(dataSource, 0, 1, new SimpleMeterRegistry());
    try {
      for (OrderStore store : List.of(grouped, alone)) {
        String orderId = store == grouped ? "grouped" : "alone";
        assertThat(store(store, order(merchantId, orderId, details)).created()).isTrue();
        assertThat(reader.byOrderId(merchantId, orderId).orElseThrow().details())
            .isEqualTo(details);
        for (OrderStore reopening : List.of(grouped, alone)) {
          StoredOrder again = store(reopening, order(merchantId, orderId, OrderDetails.NONE));
          assertThat(again.created()).isFalse();
          assertThat(again.details()).isEqualTo(details);
          assertThat(again.paymentPageClientId()).isEqualTo("client");
        }
      }
    } finally {
      grouped.stop();
      alone.stop();
    }
  }
}
