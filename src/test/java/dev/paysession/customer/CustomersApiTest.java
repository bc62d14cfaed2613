package dev.paysession.customer;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.paysession.MovableClock;
import dev.paysession.TestMerchants;
import dev.paysession.TestMerchants.Merchant;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Juspay's customer API over HTTP: forms and JSON, both names of a customer, tokens, merchants. */
@QuarkusTest
class CustomersApiTest {

  @Inject MovableClock clock;

  @AfterEach
  void putTheClockBack() {
    clock.reset();
  }

  private static RequestSpecification call(Merchant merchant) {
    return given()
        .header("Authorization", TestMerchants.basicWithoutColon(merchant.apiKey()))
        .header("x-merchantid", merchant.merchantId())
        .header("version", "2024-06-01");
  }

  /** Juspay's create sample as the SDKs send it: a form. */
  private static RequestSpecification createForm(Merchant merchant, String reference) {
    return call(merchant)
        .contentType("application/x-www-form-urlencoded")
        .formParam("object_reference_id", reference)
        .formParam("mobile_number", "9876543210")
        .formParam("email_address", "asha@example.com")
        .formParam("first_name", "Asha")
        .formParam("last_name", "Rao")
        .formParam("mobile_country_code", "91");
  }

  private static JsonPath ok(Response response) {
    assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
    return response.jsonPath();
  }

  private static JsonPath error(Response response, int status, String errorCode) {
    assertThat(response.statusCode()).as(response.asString()).isEqualTo(status);
    JsonPath body = response.jsonPath();
    assertThat(body.getString("error_code")).isEqualTo(errorCode);
    return body;
  }

  private static String reference() {
    return TestMerchants.uniqueId("shopper");
  }

  @Test
  void aFormCreatesJuspaysCustomerObjectReadableByEitherName() {
    Merchant merchant = TestMerchants.create();
    String reference = reference();
    Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    JsonPath created = ok(createForm(merchant, reference).post("/customers"));

    assertThat(created.getString("id")).matches("cst_[a-z0-9]{16}");
    assertThat(created.getString("object")).isEqualTo("customer");
    assertThat(created.getString("object_reference_id")).isEqualTo(reference);
    assertThat(created.getString("mobile_number")).isEqualTo("9876543210");
    assertThat(created.getString("mobile_country_code")).isEqualTo("91");
    assertThat(created.getString("email_address")).isEqualTo("asha@example.com");
    assertThat(created.getString("first_name")).isEqualTo("Asha");
    assertThat(created.getString("last_name")).isEqualTo("Rao");
    assertThat(created.getString("date_created"))
        .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
    assertThat(Instant.parse(created.getString("date_created"))).isBetween(before, Instant.now());
    assertThat(created.getString("last_updated")).isEqualTo(created.getString("date_created"));
    assertThat(created.getMap("$")).doesNotContainKey("juspay");

    String id = created.getString("id");
    Map<String, Object> byId = ok(call(merchant).get("/customers/" + id)).getMap("$");
    Map<String, Object> byReference = ok(call(merchant).get("/customers/" + reference)).getMap("$");
    assertThat(byId).isEqualTo(created.getMap("$")).isEqualTo(byReference);
  }

  @Test
  void jsonWorksTooAndOnlyTheReferenceAndMobileNumberAreNeeded() {
    Merchant merchant = TestMerchants.create();
    JsonPath created =
        ok(
            call(merchant)
                .contentType(ContentType.JSON)
                .body(Map.of("object_reference_id", "r1", "mobile_number", 99887766))
                .post("/customers"));
    assertThat(created.getString("object_reference_id")).isEqualTo("r1");
    assertThat(created.getString("mobile_number")).isEqualTo("99887766");
    assertThat(created.getString("mobile_country_code")).isEqualTo("91");
    Map<String, Object> all = created.getMap("$");
    assertThat(all).containsEntry("email_address", null).containsEntry("first_name", null);
    assertThat(all).containsEntry("last_name", null);
  }

  @Test
  void aBadCreateIsA400NamingEveryField() {
    Merchant merchant = TestMerchants.create();
    JsonPath missing =
        error(
            call(merchant)
                .contentType("application/x-www-form-urlencoded")
                .formParam("first_name", "Asha")
                .post("/customers"),
            400,
            "Mandatory fields are missing");
    assertThat(missing.getList("error_info.fields.field_name"))
        .containsExactly("object_reference_id", "mobile_number");

    JsonPath fields =
        error(
            call(merchant)
                .contentType(ContentType.JSON)
                .body(
                    Map.of(
                        "object_reference_id", reference(),
                        "mobile_number", "12",
                        "email_address", "asha@@example",
                        "first_name", "Asha<1>"))
                .post("/customers"),
            400,
            "INVALID_REQUEST");
    assertThat(fields.getList("error_info.fields.field_name"))
        .containsExactlyInAnyOrder("mobile_number", "email_address", "first_name");
    assertThat(fields.getString("status")).isEqualTo("ERROR");
  }

  @Test
  void aTakenReferenceIsJuspaysUniqueErrorButAnotherMerchantMayUseIt() {
    Merchant merchant = TestMerchants.create();
    Merchant other = TestMerchants.create();
    String reference = reference();
    String first = ok(createForm(merchant, reference).post("/customers")).getString("id");

    JsonPath again = error(createForm(merchant, reference).post("/customers"), 400, "unique");
    assertThat(again.getString("status")).isEqualTo("invalid_request_error");
    assertThat(again.getString("error_info.code")).isEqualTo("ALREADY_EXISTS");
    assertThat(again.getList("error_info.fields.field_name"))
        .containsExactly("object_reference_id");
    assertThat(ok(call(merchant).get("/customers/" + reference)).getString("id")).isEqualTo(first);

    String theirs = ok(createForm(other, reference).post("/customers")).getString("id");
    assertThat(theirs).isNotEqualTo(first);
  }

  @Test
  void anotherMerchantsCustomerIsNotFoundByEitherName() {
    Merchant merchant = TestMerchants.create();
    Merchant other = TestMerchants.create();
    String reference = reference();
    String id = ok(createForm(merchant, reference).post("/customers")).getString("id");

    for (String name : List.of(id, reference, "cst_nobodynobody1234")) {
      JsonPath notFound = error(call(other).get("/customers/" + name), 404, "object_not_found");
      assertThat(notFound.getString("status")).isEqualTo("invalid_request_error");
      assertThat(notFound.getString("error_info.code")).isEqualTo("RESOURCE_NOT_FOUND");
      error(
          call(other)
              .contentType("application/x-www-form-urlencoded")
              .formParam("first_name", "Mallory")
              .post("/customers/" + name),
          404,
          "object_not_found");
    }
    assertThat(ok(call(merchant).get("/customers/" + id)).getString("first_name"))
        .isEqualTo("Asha");
  }

  @Test
  void theApiKeyIsNeeded() {
    Merchant merchant = TestMerchants.create();
    error(
        given()
            .header("Authorization", TestMerchants.basicWithColon("not-the-key"))
            .header("x-merchantid", merchant.merchantId())
            .contentType("application/x-www-form-urlencoded")
            .formParam("object_reference_id", reference())
            .formParam("mobile_number", "9876543210")
            .post("/customers"),
        401,
        "access_denied");
  }

  @Test
  void anUpdateChangesWhatItSendsByEitherNameAndMovesLastUpdated() {
    Merchant merchant = TestMerchants.create();
    String reference = reference();
    JsonPath created = ok(createForm(merchant, reference).post("/customers"));
    String id = created.getString("id");

    clock.advance(Duration.ofMinutes(5));
    JsonPath updated =
        ok(
            call(merchant)
                .contentType("application/x-www-form-urlencoded")
                .formParam("mobile_number", "9000000002")
                .formParam("email_address", "")
                .formParam("first_name", "Asha Devi")
                .post("/customers/" + reference));
    assertThat(updated.getString("id")).isEqualTo(id);
    assertThat(updated.getString("mobile_number")).isEqualTo("9000000002");
    assertThat(updated.getString("email_address")).isNull();
    assertThat(updated.getString("first_name")).isEqualTo("Asha Devi");
    assertThat(updated.getString("last_name")).isEqualTo("Rao");
    assertThat(updated.getString("date_created")).isEqualTo(created.getString("date_created"));
    assertThat(
            Duration.between(
                Instant.parse(created.getString("last_updated")),
                Instant.parse(updated.getString("last_updated"))))
        .isBetween(Duration.ofMinutes(5), Duration.ofMinutes(6));
    assertThat(ok(call(merchant).get("/customers/" + id)).getMap("$"))
        .isEqualTo(updated.getMap("$"));

    // Sending the same values changes nothing, last_updated included.
    clock.advance(Duration.ofMinutes(5));
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("mobile_country_code", "+91");
    json.put("last_name", "Rao");
    JsonPath same =
        ok(call(merchant).contentType(ContentType.JSON).body(json).post("/customers/" + id));
    assertThat(same.getMap("$")).isEqualTo(updated.getMap("$"));
  }

  @Test
  void aBadUpdateIsRefusedAndChangesNothing() {
    Merchant merchant = TestMerchants.create();
    String reference = reference();
    JsonPath created = ok(createForm(merchant, reference).post("/customers"));
    JsonPath refused =
        error(
            call(merchant)
                .contentType("application/x-www-form-urlencoded")
                .formParam("mobile_number", "")
                .formParam("object_reference_id", "someone-else")
                .formParam("last_name", "Rao!")
                .post("/customers/" + reference),
            400,
            "INVALID_REQUEST");
    assertThat(refused.getList("error_info.fields.field_name"))
        .containsExactlyInAnyOrder("mobile_number", "object_reference_id", "last_name");
    assertThat(ok(call(merchant).get("/customers/" + reference)).getMap("$"))
        .isEqualTo(created.getMap("$"));
  }

  @Test
  void aClientAuthTokenIsIssuedOnAskingAndReadsOnlyItsOwnCustomerFor15Minutes() {
    Merchant merchant = TestMerchants.create();
    Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    JsonPath created =
        ok(
            call(merchant)
                .contentType(ContentType.JSON)
                .body(
                    Map.of(
                        "object_reference_id", reference(),
                        "mobile_number", "9876543210",
                        "options", Map.of("get_client_auth_token", true)))
                .post("/customers"));
    String token = created.getString("juspay.client_auth_token");
    assertThat(token).matches("tkn_[0-9a-f]{32}");
    assertThat(
            Duration.between(
                before, Instant.parse(created.getString("juspay.client_auth_token_expiry"))))
        .isBetween(Duration.ofMinutes(15), Duration.ofMinutes(16));
    String id = created.getString("id");
    String reference = created.getString("object_reference_id");

    // The customer's side reads its own customer, by either name, without the API key.
    JsonPath own =
        ok(
            given()
                .header("x-merchantid", merchant.merchantId())
                .header("x-client-auth-token", token)
                .get("/customers/" + reference));
    assertThat(own.getString("id")).isEqualTo(id);
    assertThat(own.getMap("$")).doesNotContainKey("juspay");
    ok(
        given()
            .header("x-merchantid", merchant.merchantId())
            .queryParam("client_auth_token", token)
            .get("/customers/" + id));

    // Another customer of the same merchant is not opened by it.
    String otherId = ok(createForm(merchant, reference()).post("/customers")).getString("id");
    error(
        given()
            .header("x-merchantid", merchant.merchantId())
            .header("x-client-auth-token", token)
            .get("/customers/" + otherId),
        401,
        "access_denied");
    // Nor under another merchant's id, nor without saying whose it is.
    error(
        given()
            .header("x-merchantid", TestMerchants.create().merchantId())
            .header("x-client-auth-token", token)
            .get("/customers/" + id),
        401,
        "access_denied");
    error(
        given().header("x-client-auth-token", token).get("/customers/" + id),
        400,
        "Mandatory fields are missing");
    // It cannot mint a successor for itself.
    error(
        given()
            .header("x-merchantid", merchant.merchantId())
            .header("x-client-auth-token", token)
            .queryParam("options.get_client_auth_token", "true")
            .get("/customers/" + id),
        401,
        "access_denied");

    clock.advance(Duration.ofMinutes(15));
    JsonPath expired =
        error(
            given()
                .header("x-merchantid", merchant.merchantId())
                .header("x-client-auth-token", token)
                .get("/customers/" + id),
            401,
            "access_denied");
    assertThat(expired.getString("error_info.code")).isEqualTo("EXPIRED");

    // The merchant's server asks for a fresh one with GET, as Juspay's docs describe.
    JsonPath fresh =
        ok(
            call(merchant)
                .queryParam("options.get_client_auth_token", "true")
                .get("/customers/" + id));
    String next = fresh.getString("juspay.client_auth_token");
    assertThat(next).isNotEqualTo(token);
    ok(
        given()
            .header("x-merchantid", merchant.merchantId())
            .header("x-client-auth-token", next)
            .get("/customers/" + id));
  }

  @Test
  void aNonBooleanTokenOptionIsRefused() {
    Merchant merchant = TestMerchants.create();
    JsonPath refused =
        error(
            createForm(merchant, reference())
                .formParam("options.get_client_auth_token", "yes")
                .post("/customers"),
            400,
            "INVALID_REQUEST");
    assertThat(refused.getList("error_info.fields.field_name"))
        .containsExactly("options.get_client_auth_token");
  }

  @Test
  void concurrentCreatesWithOneReferenceMakeOneCustomerAndConcurrentUpdatesBothLand()
      throws Exception {
    Merchant merchant = TestMerchants.create();
    String reference = reference();
    List<Response> creates = together(8, () -> createForm(merchant, reference).post("/customers"));
    assertThat(creates).extracting(Response::statusCode).containsOnly(200, 400);
    assertThat(creates.stream().filter(r -> r.statusCode() == 200)).hasSize(1);
    assertThat(creates.stream().filter(r -> r.statusCode() == 400))
        .allSatisfy(r -> assertThat(r.jsonPath().getString("error_code")).isEqualTo("unique"));

    List<String> fields = List.of("first_name", "last_name", "email_address", "mobile_number");
    List<String> values = List.of("Meera", "Iyer", "meera@example.com", "9123456789");
    int[] next = {0};
    List<Response> updates =
        together(
            fields.size(),
            () -> {
              int i;
              synchronized (next) {
                i = next[0]++;
              }
              return call(merchant)
                  .contentType("application/x-www-form-urlencoded")
                  .formParam(fields.get(i), values.get(i))
                  .post("/customers/" + reference);
            });
    assertThat(updates).extracting(Response::statusCode).containsOnly(200);
    JsonPath after = ok(call(merchant).get("/customers/" + reference));
    for (int i = 0; i < fields.size(); i++) {
      assertThat(after.getString(fields.get(i))).as(fields.get(i)).isEqualTo(values.get(i));
    }
  }

  /** {@code count} calls started at once. */
  private static List<Response> together(int count, Callable<Response> call) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(count);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Response>> futures = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  return call.call();
                }));
      }
      start.countDown();
      List<Response> responses = new ArrayList<>();
      for (Future<Response> future : futures) {
        responses.add(future.get());
      }
      return responses;
    } finally {
      pool.shutdownNow();
    }
  }
}
