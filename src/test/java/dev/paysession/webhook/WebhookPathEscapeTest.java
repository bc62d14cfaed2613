package dev.paysession.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paysession.TestMerchants;
import dev.paysession.TestMerchants.Merchant;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Security review M1: a webhook URL whose path a receiving server could resolve to another path
 * ({@code /tenantA/../tenantB}, percent-encoded dots and slashes, backslashes) is refused, both as
 * a per-order {@code metadata.webhook_url} and as the merchant's configured URL.
 */
@QuarkusTest
class WebhookPathEscapeTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://hooks.shared.example/a/../b",
        "https://hooks.shared.example/a/%2e%2e/b",
        "https://hooks.shared.example/a/%2E%2E%2Fb",
        "https://hooks.shared.example/a/./../b",
        "https://hooks.shared.example/a/..%5cb",
        "https://hooks.shared.example/a%5C..%5Cb",
        "https://hooks.shared.example/a/..;/b",
        "https://hooks.shared.example/a/%252e%252e/b",
        "https://hooks.shared.example/a/.",
      })
  void aWebhookUrlThatCanLeaveItsPathIsRefused(String url) {
    Merchant merchant = TestMerchants.create();
    Map<String, Object> body = merchant.body(TestMerchants.uniqueId("esc"));
    body.put("metadata.webhook_url", url);
    Response session = merchant.session().body(body).post("/session");
    assertThat(session.statusCode()).as(session.asString()).isEqualTo(400);
    assertThat(session.jsonPath().getList("error_info.fields.field_name", String.class))
        .isEqualTo(List.of("metadata.webhook_url"));

    Response settings =
        TestMerchants.admin()
            .contentType(ContentType.JSON)
            .body(Map.of("url", url))
            .put("/admin/merchants/" + merchant.merchantId() + "/webhook");
    assertThat(settings.statusCode()).as(settings.asString()).isEqualTo(400);
    assertThat(settings.jsonPath().getList("error_info.fields.field_name", String.class))
        .isEqualTo(List.of("url"));
  }
}
