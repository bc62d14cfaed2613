package dev.paysession.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.paysession.api.ApiException;
import dev.paysession.api.ErrorEnvelope;
import dev.paysession.api.FieldError;
import dev.paysession.merchant.Environment;
import dev.paysession.merchant.Merchant;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * "Never 5xx on any input": SessionRules.parse on arbitrary JSON objects either returns a
 * SessionRequest or throws an ApiException with status 400, never anything else. The keys are the
 * real field names (flat, dotted and nested) mixed with random ones; the values are every JSON
 * type, including odd Unicode, huge strings and numbers with extreme exponents.
 */
class SessionRulesPropertiesTest {

  private static final JsonNodeFactory NODES = SessionFixtures.NODES;

  private static final List<String> FIELDS =
      List.of(
          "order_id",
          "amount",
          "customer_id",
          "customer_email",
          "customer_phone",
          "mobile_country_code",
          "payment_page_client_id",
          "action",
          "service",
          "return_url",
          "first_name",
          "last_name",
          "description",
          "currency",
          "order_type",
          "language",
          "order_fullfillment_threshold_in_mins",
          "metadata.webhook_url",
          "metadata.expiryInMins",
          "metadata.expiryinmins",
          "metadata.txns.allow_card_no_3ds",
          "metadata.bank_account_details",
          "metadata.subvention_amount",
          "metadata.RAZORPAY:notes",
          "metadata.JUSPAY:gateway_reference_id",
          "metadata.PAYU:udf1",
          "metadata.razorpay:PNR",
          "metadata.:x",
          "metadata.X:",
          "metadata. :y",
          "options.get_upi_deep_links",
          "options.create_mandate",
          "mandate.max_amount",
          "mandate_max_amount",
          "mandate.start_date",
          "mandate.end_date",
          "mandate.frequency",
          "mandate.rule_value",
          "mandate.amount_rule",
          "mandate.revokable_by_customer",
          "mandate.block_funds",
          "udf1",
          "udf5",
          "udf6",
          "udf10",
          "mutual_fund_details",
          "options",
          "mandate",
          "metadata",
          "txns",
          "theme",
          "offer_code",
          // keys that appear inside nested objects and stringified lists
          "max_amount",
          "create_mandate",
          "get_upi_deep_links",
          "frequency",
          "rule_value",
          "start_date",
          "block_funds",
          "webhook_url",
          "allow_card_no_3ds",
          "bank_account_details",
          "RAZORPAY:notes",
          "JUSPAY:gateway_reference_id",
          "bank_account_number",
          "bank_ifsc",
          "bank_account_id",
          "bank_account_type",
          "bank_beneficiary_name",
          "juspay_bank_code",
          "MemberId",
          "UserId",
          "MfPartner",
          "OrderNumber",
          "Amount",
          "InvestmentType",
          "PanNumber",
          "IhNumber",
          "",
          ".",
          "a.b",
          ":");

  private static final List<String> PLAUSIBLE =
      List.of(
          "ord-1",
          "100",
          "100.15",
          "1.0",
          "0.5",
          "cust-1",
          "test@mail.com",
          "9876543210",
          "91",
          "client_1",
          "paymentPage",
          "paymentManagement",
          "enach",
          "in.juspay.ec",
          "https://shop.merchant.com",
          "http://localhost:8080/x",
          "https://shop.merchant.com/r?x=1",
          "INR",
          "USD",
          "inr",
          "TPV_PAYMENT",
          "english",
          "60",
          "60.00",
          "true",
          "false",
          "REQUIRED",
          "OPTIONAL",
          "FIXED",
          "VARIABLE",
          "ONETIME",
          "MONTHLY",
          "WEEKLY",
          "ASPRESENTED",
          SessionFixtures.epoch(SessionFixtures.NOW),
          SessionFixtures.epoch(SessionFixtures.NOW.plus(Duration.ofDays(400))),
          Long.toString(SessionFixtures.NOW.toEpochMilli()),
          "99999999999",
          "7",
          "32",
          "ABCDE1234F",
          "HDFC0001234",
          "NSE",
          "KFIN",
          "SIP",
          "LUMPSUM",
          "user5349",
          "user_5349",
          "[{\"bank_account_number\":\"50100012345678\",\"bank_ifsc\":\"HDFC0001234\"}]",
          "[{\"bank_account_id\":\"ba_1\"}]",
          "[{\"MemberId\":\"M\",\"UserId\":\"U\",\"MfPartner\":\"NSE\",\"OrderNumber\":\"O\","
              + "\"Amount\":\"100\",\"InvestmentType\":\"SIP\"}]",
          "[{\"MemberId\":\"M\",\"UserId\":\"U\",\"MfPartner\":\"KFIN\",\"OrderNumber\":\"O\","
              + "\"Amount\":1e999999999,\"InvestmentType\":\"SIP\"}]",
          "[{\"Amount\":1e-999999999}]",
          "{\"key1\":\"value1\"}",
          "[",
          "{",
          "[".repeat(2000),
          "null",
          "[]",
          "{}",
          "1e999999999");

  private static final List<String> ODD =
      List.of(
          "\u0000",
          "a\u0000b",
          "\uD800",
          "\uDC00x",
          "😀",
          "e\u0301",
          "\u202Eevil",
          "\uFEFF100",
          "١٢٣",
          "\u00A0100",
          "１００",
          "\n",
          " ",
          "\t100",
          "%00",
          "<script>",
          "' OR 1=1 --",
          "${jndi:ldap://x}");

  private static final List<String> HUGE =
      List.of("a".repeat(70_000), "9".repeat(5_000), "€".repeat(1_000), "😀".repeat(500));

  @Provide
  Arbitrary<String> keys() {
    return Arbitraries.<String>frequencyOf(
        Tuple.of(8, Arbitraries.of(FIELDS)),
        Tuple.of(1, Arbitraries.strings().all().ofMaxLength(12)),
        Tuple.of(1, Arbitraries.of(FIELDS).map(k -> k + "." + "x")),
        Tuple.of(1, Arbitraries.of(FIELDS).map(k -> "metadata." + k)));
  }

  private Arbitrary<JsonNode> scalars() {
    return Arbitraries.<JsonNode>frequencyOf(
        Tuple.of(6, Arbitraries.of(PLAUSIBLE).map(NODES::textNode)),
        Tuple.of(3, Arbitraries.strings().all().ofMaxLength(40).map(NODES::textNode)),
        Tuple.of(2, Arbitraries.of(ODD).map(NODES::textNode)),
        Tuple.of(1, Arbitraries.of(HUGE).map(NODES::textNode)),
        Tuple.of(2, Arbitraries.integers().map(NODES::numberNode)),
        Tuple.of(1, Arbitraries.longs().map(NODES::numberNode)),
        Tuple.of(
            2,
            Arbitraries.bigDecimals()
                .between(new BigDecimal("-1000000"), new BigDecimal("1000000000000000"))
                .ofScale(4)
                .map(NODES::numberNode)),
        Tuple.of(
            1,
            Arbitraries.of(
                    new BigDecimal("1e999999999"),
                    new BigDecimal("1e-999999999"),
                    new BigDecimal("-1e-99999999"),
                    new BigDecimal("100.10"),
                    new BigDecimal("1E+3"),
                    new BigDecimal("0.000"),
                    new BigDecimal("-0"))
                .map(NODES::numberNode)),
        Tuple.of(
            1,
            Arbitraries.of(BigInteger.TEN.pow(60), BigInteger.TEN.pow(60).negate())
                .map(NODES::numberNode)),
        Tuple.of(
            1,
            Arbitraries.of(
                    Double.NaN, Double.POSITIVE_INFINITY, -0.0d, 1e308, 4.9e-324, 100.15d, 1.0d)
                .map(NODES::numberNode)),
        Tuple.of(2, Arbitraries.of(true, false).map(NODES::booleanNode)),
        Tuple.of(2, Arbitraries.just(NODES.nullNode())));
  }

  private Arbitrary<JsonNode> values(int depth) {
    if (depth == 0) {
      return scalars();
    }
    Arbitrary<JsonNode> inner = values(depth - 1);
    Arbitrary<JsonNode> arrays =
        inner
            .list()
            .ofMaxSize(4)
            .map(
                list -> {
                  ArrayNode array = NODES.arrayNode();
                  list.forEach(array::add);
                  return array;
                });
    Arbitrary<ObjectNode> objects = objects(inner, 6);
    return Arbitraries.<JsonNode>frequencyOf(
        Tuple.of(8, scalars()), Tuple.of(1, arrays), Tuple.of(2, objects));
  }

  private Arbitrary<ObjectNode> objects(Arbitrary<JsonNode> values, int maxSize) {
    return Arbitraries.maps(keys(), values)
        .ofMaxSize(maxSize)
        .map(
            map -> {
              ObjectNode object = NODES.objectNode();
              map.forEach(object::set);
              return object;
            });
  }

  @Provide
  Arbitrary<ObjectNode> bodies() {
    return objects(values(3), 30);
  }

  /** New values for up to six keys; a MissingNode removes the key. */
  @Provide
  Arbitrary<Map<String, JsonNode>> overrides() {
    Arbitrary<JsonNode> valueOrRemoval =
        Arbitraries.<JsonNode>frequencyOf(
            Tuple.of(6, values(2)), Tuple.of(1, Arbitraries.just(MissingNode.getInstance())));
    return Arbitraries.maps(keys(), valueOrRemoval).ofMinSize(1).ofMaxSize(6);
  }

  /** Valid bodies of each kind: plain, mandate, eNACH, TPV, mutual funds. */
  @Provide
  Arbitrary<String> scenarios() {
    return Arbitraries.of("plain", "mandate", "enach", "tpv", "funds");
  }

  private static ObjectNode scenario(String name) {
    SessionFixtures.Body body = SessionFixtures.validBody();
    switch (name) {
      case "mandate" -> body = SessionFixtures.mandateBody();
      case "enach" ->
          body =
              SessionFixtures.mandateBody().set("action", "enach").set("service", "in.juspay.ec");
      case "tpv" ->
          body.set("order_type", "TPV_PAYMENT")
              .set(
                  "metadata.bank_account_details",
                  "[{\"bank_account_number\":\"50100012345678\",\"bank_ifsc\":\"HDFC0001234\"}]");
      case "funds" ->
          body.set(
              "mutual_fund_details",
              "[{\"MemberId\":\"M\",\"UserId\":\"U\",\"MfPartner\":\"NSE\","
                  + "\"OrderNumber\":\"O\",\"Amount\":\"100\",\"InvestmentType\":\"SIP\"}]");
      default -> {}
    }
    return body.node();
  }

  @Provide
  Arbitrary<Merchant> merchants() {
    Arbitrary<Merchant> base = Arbitraries.of(Environment.class).map(SessionFixtures::merchant);
    return base.flatMap(
        m ->
            Arbitraries.of(
                m,
                SessionFixtures.withUpi(m),
                SessionFixtures.withDefaultReturnUrl(m, SessionFixtures.DEFAULT_RETURN_URL),
                SessionFixtures.withCurrencies(m, "USD")));
  }

  @Property(tries = 600)
  void arbitraryBodiesParseOrFailWithA400(
      @ForAll("bodies") ObjectNode body, @ForAll("merchants") Merchant merchant) {
    parsesOrRejectsCleanly(body, merchant);
  }

  /** Valid bodies with a few keys replaced: reaches the rules that need the rest to be right. */
  @Property(tries = 1000)
  void nearlyValidBodiesParseOrFailWithA400(
      @ForAll("scenarios") String scenario,
      @ForAll("overrides") Map<String, JsonNode> overrides,
      @ForAll("merchants") Merchant merchant) {
    ObjectNode body = scenario(scenario);
    overrides.forEach(
        (key, value) -> {
          if (value.isMissingNode()) {
            body.remove(key);
          } else {
            body.set(key, value);
          }
        });
    parsesOrRejectsCleanly(body, merchant);
  }

  /** One parse is microseconds; seconds would mean a denial of service (huge numbers, regexes). */
  private static final Duration SLOW = Duration.ofSeconds(2);

  private static void parsesOrRejectsCleanly(ObjectNode body, Merchant merchant) {
    SessionRequest request;
    long started = System.nanoTime();
    try {
      request = SessionRules.parse(body, merchant, SessionFixtures.NOW);
    } catch (ApiException e) {
      Statistics.collect("rejected");
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(SLOW);
      assertThat(e.httpStatus()).isEqualTo(400);
      assertThat(e.fields()).isNotEmpty();
      for (FieldError field : e.fields()) {
        assertThat(field.field()).isNotNull();
        assertThat(field.reason()).isNotBlank();
      }
      assertThat(e.fields()).as("no entry twice").doesNotHaveDuplicates();
      List<String> missing =
          e.fields().stream()
              .filter(f -> f.kind() == FieldError.Kind.MISSING)
              .map(FieldError::field)
              .toList();
      assertThat(missing).as("a field is missing once").doesNotHaveDuplicates();
      assertThat(e.fields())
          .as("a field is never both missing and invalid")
          .noneMatch(f -> f.kind() == FieldError.Kind.INVALID && missing.contains(f.field()));
      boolean anyMissing = !missing.isEmpty();
      assertThat(e.errorCode())
          .isEqualTo(anyMissing ? "Mandatory fields are missing" : "INVALID_REQUEST");
      assertThat(ErrorEnvelope.of(e, "req").errorMessage()).hasSizeLessThanOrEqualTo(255);
      return;
    }
    Statistics.collect("accepted");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(SLOW);
    assertThat(request).isNotNull();
    // Juspay's order-id rule (issue 11): a letter or digit, then also - _ ( ) { } + ~ .
    assertThat(request.orderId()).matches("[A-Za-z0-9][A-Za-z0-9_(){}+~.-]{0,20}");
    assertThat(request.amount().value()).isGreaterThanOrEqualTo(BigDecimal.ONE);
    assertThat(request.returnUrl()).isNotNull();
    assertThat(request.currency()).isNotNull();
    assertThat(merchant.supportedCurrencies()).contains(request.currency());
    assertThat(merchant.clientIds()).contains(request.paymentPageClientId());
    assertThat(request.action()).isNotNull();
    assertThat(request.udfs()).hasSize(10);
    request
        .mandate()
        .ifPresent(
            m -> {
              assertThat(m.maxAmount()).isNotNull();
              assertThat(m.endDate()).isAfter(m.startDate());
            });
    // The echo built from an accepted request must not fail either.
    List<String> keys = new ArrayList<>(request.flat().keySet());
    Map<String, Object> payload =
        SdkPayload.build(
            request.flat(),
            new SdkPayload.Resolved(
                request.orderId(),
                request.amount(),
                request.currency(),
                request.returnUrl(),
                request.action().name(),
                request.paymentPageClientId(),
                merchant.merchantId(),
                merchant.environment().wireName(),
                "tkn",
                "expiry"));
    assertThat(payload).containsEntry("orderId", request.orderId());
    assertThat(keys).isNotEmpty();
  }
}
