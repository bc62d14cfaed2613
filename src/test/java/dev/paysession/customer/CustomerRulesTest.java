package dev.paysession.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.paysession.api.ApiException;
import dev.paysession.api.FieldError;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The customer rules, without a server: each with a passing and a failing case. */
class CustomerRulesTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static ObjectNode body(String json) {
    try {
      return (ObjectNode) JSON.readTree(json);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static ApiException refused(Runnable call) {
    try {
      call.run();
    } catch (ApiException e) {
      return e;
    }
    throw new AssertionError("was accepted");
  }

  private static final Customer EXISTING =
      new Customer(
          "m",
          "cst_abcdefghij012345",
          "shopper-0001",
          "91",
          "9876543210",
          Optional.of("a@example.com"),
          Optional.of("Asha"),
          Optional.empty(),
          Instant.parse("2026-01-01T00:00:00Z"),
          Instant.parse("2026-01-01T00:00:00Z"));

  @Test
  void createTakesJuspaysFieldsAndDefaultsTheCountryCodeTo91() {
    CustomerRules.NewCustomer created =
        CustomerRules.create(
            body(
                "{\"object_reference_id\":\"shopper-0001\",\"mobile_number\":\"9876543210\","
                    + "\"email_address\":\"asha@example.com\",\"first_name\":\"Asha\","
                    + "\"last_name\":\"Rao (Jr.)\"}"));
    assertThat(created.objectReferenceId()).isEqualTo("shopper-0001");
    assertThat(created.mobileCountryCode()).isEqualTo("91");
    assertThat(created.mobileNumber()).isEqualTo("9876543210");
    assertThat(created.emailAddress()).contains("asha@example.com");
    assertThat(created.lastName()).contains("Rao (Jr.)");
    assertThat(created.tokenWanted()).isFalse();

    CustomerRules.NewCustomer withOptions =
        CustomerRules.create(
            body(
                "{\"object_reference_id\":\"s1\",\"mobile_number\":\"99887766\","
                    + "\"mobile_country_code\":\"+65\",\"options\":{\"get_client_auth_token\":true}}"));
    assertThat(withOptions.mobileCountryCode()).isEqualTo("65");
    assertThat(withOptions.tokenWanted()).isTrue();
  }

  @Test
  void createNeedsTheReferenceAndTheMobileNumberAndNamesEveryBadField() {
    ApiException missing = refused(() -> CustomerRules.create(body("{\"first_name\":\"A\"}")));
    assertThat(missing.errorCode()).isEqualTo("Mandatory fields are missing");
    assertThat(missing.fields())
        .extracting(FieldError::field)
        .containsExactly("object_reference_id", "mobile_number");

    ApiException invalid =
        refused(
            () ->
                CustomerRules.create(
                    body(
                        "{\"object_reference_id\":\"ok-ref\",\"mobile_number\":\"98x\","
                            + "\"email_address\":\"not-an-email\",\"first_name\":\"<script>\","
                            + "\"mobile_country_code\":\"91-1\","
                            + "\"options.get_client_auth_token\":\"yes\"}")));
    assertThat(invalid.errorCode()).isEqualTo("INVALID_REQUEST");
    assertThat(invalid.fields())
        .extracting(FieldError::field)
        .containsExactlyInAnyOrder(
            "mobile_number",
            "email_address",
            "first_name",
            "mobile_country_code",
            "options.get_client_auth_token");
  }

  @Test
  void theReferenceIsPrintableUpTo128AndNeverShapedLikeOurIds() {
    assertThat(CustomerRules.objectReferenceId("a")).isEqualTo("a");
    assertThat(CustomerRules.objectReferenceId("x".repeat(128))).hasSize(128);
    assertThat(CustomerRules.objectReferenceId("cst_short")).isEqualTo("cst_short");
    for (String bad : new String[] {"x".repeat(129), "tab\there", "   ", "cst_abcdefghij012345"}) {
      assertThatThrownBy(() -> CustomerRules.objectReferenceId(bad))
          .as(bad)
          .isInstanceOf(dev.paysession.rules.InvalidValue.class);
    }
  }

  @Test
  void anUpdateChangesWhatItSendsAndClearsOptionalFieldsWithEmptyValues() {
    CustomerRules.Changes changes =
        CustomerRules.update(
            body("{\"mobile_number\":\"9000000002\",\"email_address\":\"\",\"last_name\":\"Rao\"}"),
            EXISTING);
    Customer changed = changes.applyTo(EXISTING);
    assertThat(changed.mobileNumber()).isEqualTo("9000000002");
    assertThat(changed.emailAddress()).isEmpty();
    assertThat(changed.firstName()).contains("Asha");
    assertThat(changed.lastName()).contains("Rao");
    assertThat(changed.mobileCountryCode()).isEqualTo("91");
    assertThat(CustomerRules.update(body("{}"), EXISTING).applyTo(EXISTING)).isEqualTo(EXISTING);
  }

  @Test
  void anUpdateCannotClearTheMobileNumberOrChangeTheReference() {
    ApiException refused =
        refused(
            () ->
                CustomerRules.update(
                    body(
                        "{\"mobile_number\":\"\",\"mobile_country_code\":\"\","
                            + "\"object_reference_id\":\"someone-else\"}"),
                    EXISTING));
    assertThat(refused.fields())
        .extracting(FieldError::field)
        .containsExactlyInAnyOrder("object_reference_id", "mobile_country_code", "mobile_number");
    // The same reference again is no change, so it passes.
    assertThat(
            CustomerRules.update(body("{\"object_reference_id\":\"shopper-0001\"}"), EXISTING)
                .applyTo(EXISTING))
        .isEqualTo(EXISTING);
  }

  @Test
  void theTokenOptionOfAQueryIsABoolean() {
    assertThat(CustomerRules.tokenWanted(null)).isFalse();
    assertThat(CustomerRules.tokenWanted("true")).isTrue();
    assertThat(CustomerRules.tokenWanted("FALSE")).isFalse();
    assertThat(refused(() -> CustomerRules.tokenWanted("1")).fields())
        .extracting(FieldError::field)
        .containsExactly("options.get_client_auth_token");
  }

  @Test
  void ourIdsAreCstAnd16LowerCaseLettersOrDigits() {
    for (int i = 0; i < 200; i++) {
      assertThat(Customers.newId()).matches(CustomerRules.CUSTOMER_ID.pattern());
    }
  }
}
