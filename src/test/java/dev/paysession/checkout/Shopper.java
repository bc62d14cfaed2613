package dev.paysession.checkout;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.paysession.TestMerchants;
import dev.paysession.TestMerchants.Merchant;
import io.agroal.api.AgroalDataSource;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A customer's browser on the hosted payment page, driven over real HTTP: it follows no redirect by
 * itself, so each test sees every 303 and decides where to go next, as a browser would.
 */
public final class Shopper {

  /** The 3-D Secure code the sandbox accepts. */
  public static final String OTP = "123456";

  public static final String VISA = "4111111111111111";
  public static final String MASTERCARD = "5555555555554444";
  public static final String AMEX = "378282246310005";
  public static final String DECLINED_BY_BANK = "4000000000000002";
  public static final String PENDING_CARD = "4000000000000028";

  private static final Pattern AUTHENTICATE_ACTION =
      Pattern.compile("action=\"(/orders/[^\"]+/attempts/[0-9a-f]{32}/authenticate)\"");
  private static final Pattern ERROR = Pattern.compile("<p class=\"error\"[^>]*>([^<]*)</p>");
  private static final Pattern SAVED_CARD_TOKEN =
      Pattern.compile("name=\"card_token\" value=\"([^\"]+)\"");

  private Shopper() {}

  /** An order as {@code POST /session} answered it. */
  public record Session(
      Merchant merchant, String orderId, String id, String pagePath, String clientAuthToken) {}

  /** A card expiry three years ahead, as {@code MM/YY}. */
  public static String futureExpiry() {
    YearMonth month = YearMonth.now().plusYears(3);
    return String.format("%02d/%02d", month.getMonthValue(), month.getYear() % 100);
  }

  /** The seed's sample session for {@code orderId} (customer testing-customer-one). */
  public static Session open(Merchant merchant, String orderId) {
    return open(merchant, merchant.body(orderId));
  }

  public static Session open(Merchant merchant, Map<String, Object> body) {
    return open(merchant, merchant.session(), body);
  }

  /** {@code POST /session} with the given request (extra headers already set). */
  public static Session open(
      Merchant merchant, RequestSpecification request, Map<String, Object> body) {
    Response response = request.body(body).post("/session");
    assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
    JsonPath json = response.jsonPath();
    return new Session(
        merchant,
        json.getString("order_id"),
        json.getString("id"),
        URI.create(json.getString("payment_links.web")).getPath(),
        json.getString("sdk_payload.payload.clientAuthToken"));
  }

  /** A browser request: no automatic redirects. */
  public static RequestSpecification browser() {
    return given().redirects().follow(false);
  }

  public static Response get(String path) {
    return browser().get(path);
  }

  /** A form post as the page's forms send it: {@code name, value, name, value, …}. */
  public static Response post(String path, String... nameValues) {
    RequestSpecification request = browser().contentType(ContentType.URLENC);
    for (int i = 0; i < nameValues.length; i += 2) {
      request = request.formParam(nameValues[i], nameValues[i + 1]);
    }
    return request.post(path);
  }

  /** Where a 303 leads; fails the test on anything else. */
  public static String seeOther(Response response) {
    assertThat(response.statusCode()).as(response.asString()).isEqualTo(303);
    String location = response.header("Location");
    assertThat(location).isNotBlank();
    return location;
  }

  public static String path(String url) {
    return URI.create(url).getPath();
  }

  /** True when {@code location} leads back to one of our attempt pages. */
  public static boolean isAttemptPage(Session session, String location) {
    return path(location).startsWith(session.pagePath() + "/attempts/")
        && URI.create(location).getQuery() == null;
  }

  /** Posts the card form; answers the 303 (to the 3DS page, or the return URL). */
  public static Response payByCard(Session session, String number, boolean save) {
    List<String> fields =
        new ArrayList<>(
            List.of(
                "card_number",
                number,
                "name_on_card",
                "Asha Rao",
                "card_exp",
                futureExpiry(),
                "card_cvv",
                number.length() == 15 ? "1234" : "123"));
    if (save) {
      fields.addAll(List.of("save_card", "true"));
    }
    return post(session.pagePath() + "/card", fields.toArray(String[]::new));
  }

  /** Starts a card attempt and returns its 3-D Secure page's form action. */
  public static String cardChallenge(Session session, String number, boolean save) {
    String attempt = seeOther(payByCard(session, number, save));
    assertThat(isAttemptPage(session, attempt)).as(attempt).isTrue();
    return challengeAction(attempt);
  }

  /** Opens an attempt page that must be a challenge, and returns where its form posts. */
  public static String challengeAction(String attemptLocation) {
    Response page = get(path(attemptLocation));
    assertThat(page.statusCode()).as(page.asString()).isEqualTo(200);
    Matcher action = AUTHENTICATE_ACTION.matcher(page.asString());
    assertThat(action.find()).as(page.asString()).isTrue();
    return action.group(1);
  }

  /** Pays by card through 3-D Secure with {@code code}; returns the final redirect. */
  public static String payByCardWithCode(Session session, String number, String code) {
    return seeOther(post(cardChallenge(session, number, false), "code", code));
  }

  /** The query of the signed return-URL redirect, as the merchant's framework reads it. */
  public static Map<String, String> outcome(String redirect) {
    return MerchantSideVerifier.query(redirect);
  }

  /** Asserts the redirect goes to the order's return URL, signed, with this status. */
  public static void assertReturnedWith(
      Session session, String redirect, String status, int statusId) {
    assertThat(redirect).startsWith("https://shop.merchant.com");
    assertThat(MerchantSideVerifier.verify(redirect, session.merchant().responseKey()))
        .as("signature of " + redirect)
        .isTrue();
    assertThat(outcome(redirect))
        .containsEntry("order_id", session.orderId())
        .containsEntry("status", status)
        .containsEntry("status_id", Integer.toString(statusId));
  }

  /** {@code GET /orders/{order_id}} as the merchant's server calls it. */
  public static JsonPath orderStatus(Session session) {
    Response response = merchantGet(session.merchant(), "/orders/" + session.orderId());
    assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
    return response.jsonPath();
  }

  public static Response merchantGet(Merchant merchant, String path) {
    return given()
        .header("Authorization", TestMerchants.basicWithColon(merchant.apiKey()))
        .header("x-merchantid", merchant.merchantId())
        .get(path);
  }

  /** The texts of the page's {@code <p class="error">} messages. */
  public static List<String> errors(String html) {
    List<String> errors = new ArrayList<>();
    Matcher matcher = ERROR.matcher(html);
    while (matcher.find()) {
      errors.add(matcher.group(1));
    }
    return errors;
  }

  /** The saved-card tokens the page offers. */
  public static List<String> savedCardTokens(String html) {
    List<String> tokens = new ArrayList<>();
    Matcher matcher = SAVED_CARD_TOKEN.matcher(html);
    while (matcher.find()) {
      tokens.add(matcher.group(1));
    }
    return tokens;
  }

  /** Moves an order's expiry a second into the past, as if its link had run out. */
  public static void expire(AgroalDataSource dataSource, Session session) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement update =
            connection.prepareStatement(
                "UPDATE orders SET expires_at = now() - interval '1 second'"
                    + " WHERE merchant_id = ? AND order_id = ?")) {
      update.setString(1, session.merchant().merchantId());
      update.setString(2, session.orderId());
      assertThat(update.executeUpdate()).as(session.orderId()).isEqualTo(1);
    }
  }
}
