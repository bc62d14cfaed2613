package dev.paysession.txns;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.paysession.TestMerchants;
import dev.paysession.TestMerchants.Merchant;
import dev.paysession.checkout.Shopper;
import dev.paysession.checkout.Shopper.Session;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code POST /txns} as a merchant's server (Basic auth) or a customer's device sends it. */
final class TxnsCalls {

  private TxnsCalls() {}

  /** The card fields for {@code number}, valid through three years ahead. */
  static Map<String, String> card(String number) {
    YearMonth month = YearMonth.now().plusYears(3);
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("payment_method_type", "CARD");
    fields.put("card_number", number);
    fields.put("card_exp_month", String.format("%02d", month.getMonthValue()));
    fields.put("card_exp_year", String.format("%02d", month.getYear() % 100));
    fields.put("name_on_card", "Asha Rao");
    fields.put("card_security_code", number.length() == 15 ? "1234" : "123");
    return fields;
  }

  static Map<String, String> fields(String... nameValues) {
    Map<String, String> fields = new LinkedHashMap<>();
    for (int i = 0; i < nameValues.length; i += 2) {
      fields.put(nameValues[i], nameValues[i + 1]);
    }
    return fields;
  }

  /** A form-encoded {@code POST /txns} for the session's order with Basic auth. */
  static Response post(Session session, Map<String, String> fields) {
    Map<String, String> body = new LinkedHashMap<>(fields);
    body.putIfAbsent("order_id", session.orderId());
    body.putIfAbsent("merchant_id", session.merchant().merchantId());
    return post(session.merchant(), body);
  }

  static Response post(Merchant merchant, Map<String, String> body) {
    RequestSpecification request =
        given()
            .redirects()
            .follow(false)
            .header("Authorization", TestMerchants.basicWithColon(merchant.apiKey()))
            .header("x-merchantid", merchant.merchantId())
            .contentType(ContentType.URLENC);
    body.forEach(request::formParam);
    return request.post("/txns");
  }

  /** {@code format=json}: the JSON answer, which must be 200. */
  static JsonPath json(Session session, Map<String, String> fields) {
    Map<String, String> body = new LinkedHashMap<>(fields);
    body.put("format", "json");
    Response response = post(session, body);
    assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
    return response.jsonPath();
  }

  /** A call from the customer's device: the order's client auth token, no API key. */
  static Response withToken(String token, Map<String, String> body) {
    RequestSpecification request =
        given()
            .redirects()
            .follow(false)
            .header("x-client-auth-token", token)
            .contentType(ContentType.URLENC);
    body.forEach(request::formParam);
    return request.post("/txns");
  }

  /**
   * Follows an authentication URL as a browser does: the start address leads to the attempt's page;
   * answers that page's path.
   */
  static String attemptPage(String authenticationUrl) {
    Response start = Shopper.get(URI.create(authenticationUrl).getPath());
    return Shopper.path(Shopper.seeOther(start));
  }

  /** The webhook events stored for the session's order, oldest first. */
  static List<String> events(Session session) {
    Response response =
        TestMerchants.admin()
            .get(
                "/admin/merchants/"
                    + session.merchant().merchantId()
                    + "/orders/"
                    + session.orderId()
                    + "/webhooks");
    assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
    return new ArrayList<>(response.jsonPath().getList("events.event_name"));
  }
}
