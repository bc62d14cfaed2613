package dev.paysession.mandate;

import static dev.paysession.mandate.MandateFixtures.activeMandate;
import static dev.paysession.mandate.MandateFixtures.ok;
import static dev.paysession.mandate.MandateFixtures.server;
import static org.assertj.core.api.Assertions.assertThat;

import dev.paysession.TestMerchants;
import dev.paysession.TestMerchants.Merchant;
import dev.paysession.mandate.MandateFixtures.Mandate;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /customers/{customer_id}/mandates} for a customer made with {@code POST /customers}:
 * its mandates are found whether its orders named it by our id or by its object reference, and
 * asking by either name lists them all. A name that is no customer's lists only its own.
 */
@QuarkusTest
class MandatesByCustomerNameTest {

  private static String createCustomer(Merchant merchant, String reference) {
    return ok(server(merchant)
            .contentType("application/x-www-form-urlencoded")
            .formParam("object_reference_id", reference)
            .formParam("mobile_number", "9876543210")
            .post("/customers"))
        .getString("id");
  }

  @Test
  void aCustomersMandatesAreListedUnderEitherOfItsNames() {
    Merchant merchant = TestMerchants.create();
    String reference = TestMerchants.uniqueId("ref");
    String id = createCustomer(merchant, reference);
    Mandate byReference = activeMandate(merchant, reference);
    Mandate byId = activeMandate(merchant, id);
    activeMandate(merchant, TestMerchants.uniqueId("ref"));

    for (String name : new String[] {id, reference}) {
      JsonPath list = ok(server(merchant).get("/customers/" + name + "/mandates"));
      assertThat(list.getInt("total")).as(name).isEqualTo(2);
      assertThat(list.getList("list.mandate_id"))
          .as(name)
          .containsExactly(byId.mandateId(), byReference.mandateId());
    }
  }

  @Test
  void aNameThatIsNoCustomersAndAnotherMerchantsCustomerStayApart() {
    Merchant merchant = TestMerchants.create();
    Merchant other = TestMerchants.create();
    String reference = TestMerchants.uniqueId("ref");
    String theirId = createCustomer(other, reference);
    Mandate theirs = activeMandate(other, theirId);
    Mandate mine = activeMandate(merchant, reference);

    // The same reference at this merchant is no customer here: it lists only its own mandates.
    JsonPath list = ok(server(merchant).get("/customers/" + reference + "/mandates"));
    assertThat(list.getList("list.mandate_id")).containsExactly(mine.mandateId());
    assertThat(ok(server(merchant).get("/customers/" + theirId + "/mandates")).getInt("total"))
        .isZero();
    assertThat(
            ok(server(other).get("/customers/" + reference + "/mandates"))
                .getList("list.mandate_id"))
        .containsExactly(theirs.mandateId());
  }

  @Test
  void aDebitMayNameTheCustomerByEitherNameButNotByAnotherOne() {
    Merchant merchant = TestMerchants.create();
    String reference = TestMerchants.uniqueId("ref");
    String id = createCustomer(merchant, reference);
    Mandate mandate = activeMandate(merchant, reference, "5000", "ASPRESENTED", Map.of());

    Response stranger =
        DebitFixtures.txns(
            merchant,
            "order.order_id",
            TestMerchants.uniqueId("d"),
            "order.amount",
            "100",
            "order.customer_id",
            TestMerchants.uniqueId("ref"),
            "mandate_id",
            mandate.mandateId(),
            "format",
            "json");
    assertThat(stranger.statusCode()).as(stranger.asString()).isEqualTo(400);
    assertThat(stranger.jsonPath().getString("error_message")).contains("is not the customer");

    Response byOurId =
        DebitFixtures.txns(
            merchant,
            "order.order_id",
            TestMerchants.uniqueId("d"),
            "order.amount",
            "100",
            "order.customer_id",
            id,
            "mandate_id",
            mandate.mandateId(),
            "format",
            "json");
    assertThat(byOurId.statusCode()).as(byOurId.asString()).isEqualTo(200);
    assertThat(byOurId.jsonPath().getString("status")).isEqualTo("PENDING_VBV");
  }
}
