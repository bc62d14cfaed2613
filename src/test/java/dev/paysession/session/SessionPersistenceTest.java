package dev.paysession.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paysession.TestMerchants;
import dev.paysession.TestMerchants.Merchant;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What a 200 leaves in PostgreSQL, and what a refused call does not. */
@QuarkusTest
class SessionPersistenceTest {

  @Inject AgroalDataSource dataSource;

  private static JsonPath ok(Response response) {
    assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
    return response.jsonPath();
  }

  @Test
  void aCreatedOrderIsStoredAsNew() throws Exception {
    Merchant merchant = TestMerchants.create();
    JsonPath json = ok(merchant.session().body(merchant.body("stored-1")).post("/session"));

    Map<String, Object> row = order(merchant, "stored-1").orElseThrow();
    assertThat(row)
        .containsEntry("id", json.getString("id"))
        .containsEntry("status", "NEW")
        .containsEntry("currency", "INR")
        .containsEntry("customer_id", "testing-customer-one")
        .containsEntry("payment_page_client_id", merchant.clientId())
        .containsEntry("action", "paymentPage")
        .containsEntry("return_url", "https://shop.merchant.com");
    assertThat((BigDecimal) row.get("amount")).isEqualByComparingTo("1.00");
  }

  @Test
  void routingIdIsTheHeaderWhenSent() throws Exception {
    Merchant merchant = TestMerchants.create();
    ok(
        merchant
            .session()
            .header("x-routing-id", "cart_7788")
            .body(merchant.body("route-1"))
            .post("/session"));
    assertThat(order(merchant, "route-1").orElseThrow()).containsEntry("routing_id", "cart_7788");
  }

  @Test
  void routingIdIsTheCustomerIdWithoutTheHeader() throws Exception {
    Merchant merchant = TestMerchants.create();
    ok(merchant.session().body(merchant.body("route-2")).post("/session"));
    assertThat(order(merchant, "route-2").orElseThrow())
        .containsEntry("routing_id", "testing-customer-one");
  }

  @Test
  void routingIdIsTheOrderIdForAGuest() throws Exception {
    Merchant merchant = TestMerchants.create();
    Map<String, Object> body = merchant.body("route-3");
    body.put("customer_id", "");
    ok(merchant.session().body(body).post("/session"));
    Map<String, Object> row = order(merchant, "route-3").orElseThrow();
    assertThat(row).containsEntry("routing_id", "route-3").containsEntry("customer_id", "");
  }

  @Test
  void aRoutingIdOver128CharactersIsRefused() throws Exception {
    Merchant merchant = TestMerchants.create();
    Response response =
        merchant
            .session()
            .header("x-routing-id", "x".repeat(129))
            .body(merchant.body("route-4"))
            .post("/session");
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.jsonPath().getList("error_info.fields.field_name"))
        .containsExactly("x-routing-id");
    assertThat(order(merchant, "route-4")).isEmpty();
  }

  @Test
  void theStoredRequestKeepsUnknownKeys() throws Exception {
    Merchant merchant = TestMerchants.create();
    Map<String, Object> body = merchant.body("theme-1");
    body.put("theme", "dark");
    body.put("offer_code", "testingCode");
    ok(merchant.session().body(body).post("/session"));
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT request->>'theme', request->>'offer_code',"
                    + " request->>'metadata.JUSPAY:gateway_reference_id'"
                    + " FROM orders WHERE merchant_id = ? AND order_id = ?")) {
      select.setString(1, merchant.merchantId());
      select.setString(2, "theme-1");
      try (ResultSet row = select.executeQuery()) {
        assertThat(row.next()).isTrue();
        assertThat(row.getString(1)).isEqualTo("dark");
        assertThat(row.getString(2)).isEqualTo("testingCode");
        assertThat(row.getString(3)).isEqualTo("Merchant_test");
      }
    }
  }

  @Test
  void theClientAuthTokenIsStoredOnlyAsItsSha256() throws Exception {
    Merchant merchant = TestMerchants.create();
    JsonPath json = ok(merchant.session().body(merchant.body("token-1")).post("/session"));
    String token = json.getString("sdk_payload.payload.clientAuthToken");
    Instant expiry = Instant.parse(json.getString("sdk_payload.payload.clientAuthTokenExpiry"));
    byte[] sha256 =
        MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));

    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT token_hash, order_id, expires_at FROM client_auth_tokens"
                    + " WHERE merchant_id = ?")) {
      select.setString(1, merchant.merchantId());
      try (ResultSet row = select.executeQuery()) {
        assertThat(row.next()).isTrue();
        byte[] stored = row.getBytes("token_hash");
        assertThat(stored).isEqualTo(sha256);
        assertThat(stored).isNotEqualTo(token.getBytes(StandardCharsets.UTF_8));
        assertThat(row.getString("order_id")).isEqualTo("token-1");
        assertThat(row.getTimestamp("expires_at").toInstant()).isEqualTo(expiry);
        assertThat(row.next()).isFalse();
      }
    }
    // Nowhere in the database is the token in clear.
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT count(*) FROM orders WHERE merchant_id = ? AND request::text LIKE ?")) {
      select.setString(1, merchant.merchantId());
      select.setString(2, "%" + token + "%");
      try (ResultSet row = select.executeQuery()) {
        row.next();
        assertThat(row.getLong(1)).isZero();
      }
    }
  }

  @Test
  void aRefusedRequestStoresNothing() throws Exception {
    Merchant merchant = TestMerchants.create();
    Map<String, Object> body = merchant.body("refused-1");
    body.put("amount", "1.999");
    assertThat(merchant.session().body(body).post("/session").statusCode()).isEqualTo(400);
    assertThat(order(merchant, "refused-1")).isEmpty();
  }

  private Optional<Map<String, Object>> order(Merchant merchant, String orderId)
      throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT id, status, amount, currency, customer_id, routing_id,"
                    + " payment_page_client_id, action, return_url"
                    + " FROM orders WHERE merchant_id = ? AND order_id = ?")) {
      select.setString(1, merchant.merchantId());
      select.setString(2, orderId);
      try (ResultSet row = select.executeQuery()) {
        if (!row.next()) {
          return Optional.empty();
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 1; i <= row.getMetaData().getColumnCount(); i++) {
          values.put(row.getMetaData().getColumnLabel(i), row.getObject(i));
        }
        return Optional.of(values);
      }
    }
  }
}
