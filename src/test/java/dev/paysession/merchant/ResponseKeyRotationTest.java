package dev.paysession.merchant;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paysession.TestMerchants;
import dev.paysession.TestMerchants.Merchant;
import dev.paysession.api.Secret;
import dev.paysession.checkout.MerchantSideVerifier;
import dev.paysession.checkout.ReturnUrlSignature;
import dev.paysession.checkout.ReturnUrlSignature.Outcome;
import dev.paysession.order.OrderStatus;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code POST /admin/merchants/{id}/response-key} against the real database. */
@QuarkusTest
class ResponseKeyRotationTest {

  @Inject MerchantStore store;
  @Inject AgroalDataSource dataSource;

  private static Response rotate(String merchantId) {
    return TestMerchants.admin().post("/admin/merchants/{id}/response-key", merchantId);
  }

  @Test
  void issuesANewKeyShownOnceAndStoredSealed() throws Exception {
    Merchant merchant = TestMerchants.create();
    String original = merchant.responseKey();
    assertThat(store.responseKey(merchant.merchantId()).map(Secret::reveal)).contains(original);

    Response response = rotate(merchant.merchantId());
    assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
    assertThat(response.header("Cache-Control")).isEqualTo("no-store");
    Map<String, Object> body = response.jsonPath().getMap("");
    assertThat(body.keySet()).containsExactly("merchant_id", "response_key");
    assertThat(body.get("merchant_id")).isEqualTo(merchant.merchantId());
    String rotated = (String) body.get("response_key");
    assertThat(rotated).matches("[0-9A-F]{32}").isNotEqualTo(original);
    assertThat(store.responseKey(merchant.merchantId()).map(Secret::reveal)).contains(rotated);

    // Shown once: reading the merchant back shows neither key.
    String read =
        TestMerchants.admin().get("/admin/merchants/{id}", merchant.merchantId()).asString();
    assertThat(read).doesNotContain(rotated).doesNotContain(original);
    // Sealed at rest: no column holds it as text.
    assertThat(rowsContaining(rotated)).isZero();

    String again =
        rotate(merchant.merchantId()).then().statusCode(200).extract().path("response_key");
    assertThat(again).isNotEqualTo(rotated).isNotEqualTo(original);
    assertThat(store.responseKey(merchant.merchantId()).map(Secret::reveal)).contains(again);
  }

  @Test
  void theNextRedirectIsSignedWithTheNewKeyOnly() throws Exception {
    Merchant merchant = TestMerchants.create();
    Outcome outcome = Outcome.of("order_rot_1", OrderStatus.CHARGED);
    String before =
        ReturnUrlSignature.redirectUrl(
                "https://shop.example.com/return",
                outcome,
                store.responseKey(merchant.merchantId()).map(Secret::reveal).orElseThrow())
            .toString();
    assertThat(MerchantSideVerifier.verify(before, merchant.responseKey())).isTrue();

    String rotated =
        rotate(merchant.merchantId()).then().statusCode(200).extract().path("response_key");
    String after =
        ReturnUrlSignature.redirectUrl(
                "https://shop.example.com/return",
                outcome,
                store.responseKey(merchant.merchantId()).map(Secret::reveal).orElseThrow())
            .toString();
    assertThat(MerchantSideVerifier.verify(after, rotated)).isTrue();
    assertThat(MerchantSideVerifier.verify(after, merchant.responseKey())).isFalse();
  }

  @Test
  void anUnknownMerchantIs404() throws Exception {
    for (String unknown : List.of(TestMerchants.uniqueId("none"), "bad id", "x%00y")) {
      Response response = rotate(unknown);
      assertThat(response.statusCode()).as(unknown + ": " + response.asString()).isEqualTo(404);
      assertThat(response.jsonPath().getString("error_code")).isEqualTo("RESOURCE_NOT_FOUND");
      assertThat(response.asString()).doesNotContain("response_key");
    }
    assertThat(store.responseKey(TestMerchants.uniqueId("none")).map(Secret::reveal)).isEmpty();
  }

  @Test
  void theAdminTokenIsRequiredAndARefusedCallChangesNothing() throws Exception {
    Merchant merchant = TestMerchants.create();
    for (var request :
        List.of(
            TestMerchants.management().header("Authorization", "Bearer not-the-admin-token"),
            TestMerchants.management()
                .header("Authorization", TestMerchants.basicWithColon(merchant.apiKey())),
            TestMerchants.management())) {
      Response response = request.post("/admin/merchants/{id}/response-key", merchant.merchantId());
      assertThat(response.statusCode()).isEqualTo(401);
      assertThat(response.jsonPath().getString("error_info.code")).isEqualTo("UNAUTHORIZED");
      assertThat(response.asString()).doesNotContain("response_key");
    }
    assertThat(store.responseKey(merchant.merchantId()).map(Secret::reveal))
        .contains(merchant.responseKey());
  }

  private long rowsContaining(String secret) throws Exception {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement("SELECT count(*) FROM merchants m WHERE m::text LIKE ?")) {
      select.setString(1, "%" + secret + "%");
      try (ResultSet row = select.executeQuery()) {
        row.next();
        return row.getLong(1);
      }
    }
  }
}
