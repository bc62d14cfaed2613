package dev.paysession.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.paysession.LogCapture;
import dev.paysession.TestMerchants;
import dev.paysession.TestMerchants.Merchant;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * API keys, response keys, client auth tokens and customer contact details never reach the log,
 * whatever the outcome of the request. Captures every record the root logger handles while the test
 * runs (the server runs in the test's JVM).
 */
@QuarkusTest
class SecretsNotLoggedTest {

  @RegisterExtension final LogCapture log = new LogCapture();

  @Test
  void theCaptureSeesServerLogs() {
    org.jboss.logging.Logger.getLogger(ApiExceptionMappers.class).warn("capture-sentinel-42");
    assertThat(log.lines()).anySatisfy(line -> assertThat(line).contains("capture-sentinel-42"));
  }

  @Test
  void noSecretOrContactDetailIsLogged() {
    Merchant merchant = TestMerchants.createWithUpi();
    String email = "secret.person@mail.example";
    String phone = "9123456780";

    Map<String, Object> body = merchant.body("log-1");
    body.put("customer_email", email);
    body.put("customer_phone", phone);
    String token =
        merchant
            .session()
            .body(body)
            .post("/session")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getString("sdk_payload.payload.clientAuthToken");

    // Refusals of every kind, each carrying the same secrets.
    body.put("amount", "1.999");
    merchant.session().body(body).post("/session").then().statusCode(400);
    given()
        .header("Authorization", TestMerchants.basicWithColon(merchant.apiKey() + "X"))
        .header("x-merchantid", merchant.merchantId())
        .contentType(ContentType.JSON)
        .body(body)
        .post("/session")
        .then()
        .statusCode(401);
    merchant
        .session()
        .body("{\"customer_email\":\"" + email + "\",")
        .post("/session")
        .then()
        .statusCode(400);
    merchant
        .session()
        .body("{\"customer_email\":\"" + email + "\",\"theme\":\"\\u0000\"}")
        .post("/session")
        .then()
        .statusCode(400);

    assertThat(log.lines())
        .allSatisfy(
            line ->
                assertThat(line)
                    .doesNotContain(merchant.apiKey())
                    .doesNotContain(merchant.responseKey())
                    .doesNotContain(token)
                    .doesNotContain(token.substring(4))
                    .doesNotContain(email)
                    .doesNotContain(phone));
  }
}
