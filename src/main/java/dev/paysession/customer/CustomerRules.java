package dev.paysession.customer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.paysession.api.FieldError;
import dev.paysession.api.RequestFields;
import dev.paysession.order.FlatBody;
import dev.paysession.rules.InvalidValue;
import dev.paysession.rules.Texts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rules of Juspay's customer calls, plain Java: a body goes in, the fields to store (or one 400
 * listing every offending field) come out. Field by field they are the rules {@code /session}
 * applies to the same data ({@link Texts}): a customer's contact details end up on its orders.
 */
final class CustomerRules {

  static final String GET_CLIENT_AUTH_TOKEN = "options.get_client_auth_token";

  /** Juspay's default (its customer model's {@code mobileCountryCode = "91"}). */
  static final String DEFAULT_COUNTRY_CODE = "91";

  /** Our ids: {@code cst_} and 16 lower-case letters or digits, as Juspay's look. */
  static final Pattern CUSTOMER_ID = Pattern.compile("cst_[a-z0-9]{16}");

  /** As {@code customer_id} on a session: the same string names the customer there. */
  private static final int MAX_REFERENCE = 128;

  private CustomerRules() {}

  /** What {@code POST /customers} stores. */
  record NewCustomer(
      String objectReferenceId,
      String mobileCountryCode,
      String mobileNumber,
      Optional<String> emailAddress,
      Optional<String> firstName,
      Optional<String> lastName,
      boolean tokenWanted) {}

  /**
   * What {@code POST /customers/{customer_id}} changes: an absent field keeps its value; an empty
   * optional one ({@code Optional.empty()} inside) clears it.
   */
  record Changes(
      Optional<String> mobileCountryCode,
      Optional<String> mobileNumber,
      Optional<Optional<String>> emailAddress,
      Optional<Optional<String>> firstName,
      Optional<Optional<String>> lastName,
      boolean tokenWanted) {

    Customer applyTo(Customer existing) {
      return new Customer(
          existing.merchantId(),
          existing.id(),
          existing.objectReferenceId(),
          mobileCountryCode.orElse(existing.mobileCountryCode()),
          mobileNumber.orElse(existing.mobileNumber()),
          emailAddress.orElse(existing.emailAddress()),
          firstName.orElse(existing.firstName()),
          lastName.orElse(existing.lastName()),
          existing.dateCreated(),
          existing.lastUpdated());
    }
  }

  static NewCustomer create(ObjectNode body) {
    RequestFields f = fields(body);
    String reference = f.required("object_reference_id", CustomerRules::objectReferenceId);
    String mobileNumber = f.required("mobile_number", Texts::phone);
    String countryCode =
        f.optional("mobile_country_code", Texts::countryCode).orElse(DEFAULT_COUNTRY_CODE);
    Optional<String> email = f.optional("email_address", Texts::email);
    Optional<String> firstName = f.optional("first_name", Texts::personName);
    Optional<String> lastName = f.optional("last_name", Texts::personName);
    boolean tokenWanted = f.bool(GET_CLIENT_AUTH_TOKEN).orElse(false);
    f.throwIfAny();
    return new NewCustomer(
        reference, countryCode, mobileNumber, email, firstName, lastName, tokenWanted);
  }

  /**
   * The changes an update asks of {@code existing}. Its {@code object_reference_id} cannot change
   * (Juspay's update takes none): sending another one is refused rather than silently ignored.
   */
  static Changes update(ObjectNode body, Customer existing) {
    RequestFields f = fields(body);
    f.optional("object_reference_id", v -> v)
        .filter(sent -> !sent.equals(existing.objectReferenceId()))
        .ifPresent(
            sent ->
                f.invalid(
                    "object_reference_id",
                    "cannot be changed; create a new customer for another reference"));
    Optional<String> countryCode = f.replacing("mobile_country_code", Texts::countryCode);
    Optional<String> mobileNumber = f.replacing("mobile_number", Texts::phone);
    Optional<Optional<String>> email = f.clearable("email_address", Texts::email);
    Optional<Optional<String>> firstName = f.clearable("first_name", Texts::personName);
    Optional<Optional<String>> lastName = f.clearable("last_name", Texts::personName);
    boolean tokenWanted = f.bool(GET_CLIENT_AUTH_TOKEN).orElse(false);
    f.throwIfAny();
    return new Changes(countryCode, mobileNumber, email, firstName, lastName, tokenWanted);
  }

  /** {@code options.get_client_auth_token} of a GET's query: a boolean, or a 400 naming it. */
  static boolean tokenWanted(String queryValue) {
    List<FieldError> errors = new ArrayList<>();
    RequestFields f =
        RequestFields.ofFlatBody(
            queryValue == null
                ? Map.of()
                : Map.of(GET_CLIENT_AUTH_TOKEN, TextNode.valueOf(queryValue)),
            errors);
    boolean wanted = f.bool(GET_CLIENT_AUTH_TOKEN).orElse(false);
    f.throwIfAny();
    return wanted;
  }

  /**
   * The merchant's name for the customer: the rule of a session's {@code customer_id} (printable,
   * at most 128 characters), since orders name the customer by it. Juspay's docs ask for at least 8
   * characters, but Juspay's own validator takes 1 to 128, so a short one is accepted. A value
   * shaped like our ids is refused: {@code /customers/{customer_id}} takes either, and must never
   * find two customers.
   */
  static String objectReferenceId(String value) {
    Texts.printable(value, MAX_REFERENCE);
    if (value.isBlank()) {
      throw new InvalidValue("must not be blank");
    }
    if (CUSTOMER_ID.matcher(value).matches()) {
      throw new InvalidValue(
          "must not look like a customer id this server issues (cst_ and 16 letters or digits)");
    }
    return value;
  }

  private static RequestFields fields(ObjectNode body) {
    List<FieldError> errors = new ArrayList<>();
    return RequestFields.ofFlatBody(FlatBody.flatten(body, errors), errors);
  }
}
