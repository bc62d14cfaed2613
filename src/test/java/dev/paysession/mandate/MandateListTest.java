package dev.paysession.mandate;

import static dev.paysession.mandate.MandateFixtures.activeMandate;
import static dev.paysession.mandate.MandateFixtures.command;
import static dev.paysession.mandate.MandateFixtures.error;
import static dev.paysession.mandate.MandateFixtures.ok;
import static dev.paysession.mandate.MandateFixtures.server;
import static org.assertj.core.api.Assertions.assertThat;

import dev.paysession.TestMerchants;
import dev.paysession.TestMerchants.Merchant;
import dev.paysession.mandate.MandateFixtures.Mandate;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

/** {@code GET /customers/{customer_id}/mandates}: the merchant's own, newest first. */
@QuarkusTest
class MandateListTest {

  @Test
  void aCustomersMandatesOfThisMerchantOnlyNewestFirst() {
    Merchant merchant = TestMerchants.create();
    Merchant other = TestMerchants.create();
    Mandate first = activeMandate(merchant, "cst_list");
    Mandate second = activeMandate(merchant, "cst_list");
    activeMandate(merchant, "cst_someone_else");
    Mandate elsewhere = activeMandate(other, "cst_list");
    ok(command(first, "command", "revoke"));

    JsonPath list = ok(server(merchant).get("/customers/cst_list/mandates"));
    assertThat(list.getInt("total")).isEqualTo(2);
    assertThat(list.getInt("offset")).isEqualTo(0);
    assertThat(list.getInt("count")).isEqualTo(2);
    assertThat(list.getString("object")).isEqualTo("list");
    assertThat(list.getList("list.mandate_id"))
        .containsExactly(second.mandateId(), first.mandateId());
    assertThat(list.getList("list.status")).containsExactly("ACTIVE", "REVOKED");
    assertThat(list.getList("list.customer_id")).containsOnly("cst_list");

    JsonPath theirs = ok(server(other).get("/customers/cst_list/mandates"));
    assertThat(theirs.getList("list.mandate_id")).containsExactly(elsewhere.mandateId());
  }

  @Test
  void aVersionOrATrailingSegmentChangesNothing() {
    Merchant merchant = TestMerchants.create();
    Mandate mandate = activeMandate(merchant, "cst_version");
    for (JsonPath list :
        new JsonPath[] {
          ok(
              server(merchant)
                  .queryParam("version", "2023-06-30")
                  .get("/customers/cst_version/mandates")),
          ok(
              server(merchant)
                  .header("version", "2023-06-30")
                  .get("/customers/cst_version/mandates")),
          ok(server(merchant).get("/customers/cst_version/mandates/2023-06-30"))
        }) {
      assertThat(list.getList("list.mandate_id")).containsExactly(mandate.mandateId());
    }
  }

  @Test
  void anUnknownCustomerHasNoneAndAStrangerIsRefused() {
    Merchant merchant = TestMerchants.create();
    JsonPath none = ok(server(merchant).get("/customers/nobody_here/mandates"));
    assertThat(none.getInt("total")).isZero();
    assertThat(none.getList("list")).isEmpty();
    error(
        RestAssured.given()
            .header("x-merchantid", merchant.merchantId())
            .header("Authorization", TestMerchants.basicWithColon("not-the-key"))
            .get("/customers/nobody_here/mandates"),
        401,
        "access_denied",
        null);
  }
}
