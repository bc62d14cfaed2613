package dev.paysession.mandate;

import static dev.paysession.mandate.MandateFixtures.activeMandate;
import static dev.paysession.mandate.MandateFixtures.command;
import static dev.paysession.mandate.MandateFixtures.error;
import static dev.paysession.mandate.MandateFixtures.fields;
import static dev.paysession.mandate.MandateFixtures.mandateEventNames;
import static dev.paysession.mandate.MandateFixtures.mandateEvents;
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

/** The sandbox's customer revoke: honoured only for a mandate revokable by the customer. */
@QuarkusTest
class MandateCustomerRevokeTest {

  private static Response customerRevoke(Merchant merchant, String mandateId) {
    return server(merchant).post("/sandbox/mandates/" + mandateId + "/customer-revoke");
  }

  @Test
  void theCustomerRevokesARevokableMandate() {
    Mandate mandate = activeMandate(TestMerchants.create(), "cst_app");
    JsonPath revoked = ok(customerRevoke(mandate.merchant(), mandate.mandateId()));
    assertThat(revoked.getString("status")).isEqualTo("REVOKED");
    assertThat(revoked.getBoolean("revokable_by_customer")).isTrue();
    assertThat(mandateEventNames(mandate))
        .containsExactly("MANDATE_CREATED", "MANDATE_ACTIVATED", "MANDATE_REVOKED");
    assertThat(mandateEvents(mandate).get(2).getString("content.mandate.status"))
        .isEqualTo("REVOKED");
    error(
        customerRevoke(mandate.merchant(), mandate.mandateId()),
        400,
        "INVALID_ACTION",
        "Mandate is REVOKED");
  }

  @Test
  void aMandateNotRevokableByTheCustomerStaysActive() {
    // Only a ONETIME mandate may be registered with revokable_by_customer false.
    Mandate mandate =
        activeMandate(
            TestMerchants.create(),
            "cst_locked",
            "900",
            "ONETIME",
            fields("mandate.revokable_by_customer", "false", "mandate.block_funds", "true"));
    error(
        customerRevoke(mandate.merchant(), mandate.mandateId()),
        400,
        "INVALID_ACTION",
        "revokable_by_customer false");
    assertThat(ok(command(mandate, "command", "check_status")).getString("status"))
        .isEqualTo("ACTIVE");
    // The merchant still can.
    assertThat(ok(command(mandate, "command", "revoke")).getString("mandate_status"))
        .isEqualTo("REVOKED");
  }

  @Test
  void onlyForSandboxMerchantsAndTheirOwnMandates() {
    Mandate mandate = activeMandate(TestMerchants.create(), "cst_own");
    error(
        customerRevoke(TestMerchants.create(), mandate.mandateId()),
        404,
        "RESOURCE_NOT_FOUND",
        null);
    error(customerRevoke(mandate.merchant(), "nosuchmandate"), 404, "RESOURCE_NOT_FOUND", null);
    Merchant production = TestMerchants.create(Map.of("environment", "production"));
    error(customerRevoke(production, mandate.mandateId()), 403, "FORBIDDEN", "sandbox merchants");
    assertThat(ok(command(mandate, "command", "check_status")).getString("status"))
        .isEqualTo("ACTIVE");
  }
}
