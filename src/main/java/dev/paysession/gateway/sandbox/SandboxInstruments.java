package dev.paysession.gateway.sandbox;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The sandbox's documented test data: which card numbers and UPI IDs do what. Any future expiry and
 * any CVV work; the 3-D Secure code is {@value #ONE_TIME_CODE}. Listed in README and docs/api.md.
 */
public final class SandboxInstruments {

  /** The code the sandbox's 3-D Secure page accepts. */
  public static final String ONE_TIME_CODE = "123456";

  /** What a test instrument makes the sandbox do. */
  public enum Behaviour {
    /** Charged after authentication. */
    SUCCESS("Succeeds"),
    /** The customer fails authentication (3-D Secure, or declines the UPI collect request). */
    AUTHENTICATION_FAILURE("Fails authentication"),
    /** The bank refuses after authentication. */
    AUTHORIZATION_FAILURE("Declined by the bank"),
    /** Stays pending with the bank, then settles as charged. */
    PENDING_THEN_SUCCESS("Pending, then succeeds"),
    /**
     * A one-off payment succeeds; registering a mandate fails after authentication (the card or UPI
     * app does not accept mandates): the mandate ends FAILURE.
     */
    MANDATE_FAILURE("Succeeds as a one-off; mandate registration declined"),
    /**
     * A card not enrolled in 3-D Secure: charged without a challenge on an order that allows it
     * ({@code metadata.txns.allow_card_no_3ds}), refused on any other (India requires the extra
     * factor on domestic card payments).
     */
    NOT_ENROLLED("Not enrolled in 3-D Secure: charged without a challenge if the order allows it"),
    /** TPV: the payer's account is none of the order's {@code bank_account_details}. */
    TPV_MISMATCH("Refused: not one of the order's TPV accounts"),
    /** Not a sandbox test instrument: refused before any authentication. */
    UNKNOWN("Refused: not a test instrument");

    private final String description;

    Behaviour(String description) {
      this.description = description;
    }

    public String description() {
      return description;
    }
  }

  /** Test cards by number (all Luhn-valid). */
  public static final Map<String, Behaviour> CARDS = cards();

  /** Test UPI IDs. */
  public static final Map<String, Behaviour> VPAS = vpas();

  /** Test cards for mandates (documented in their own table): they also pay one-offs. */
  public static final Map<String, Behaviour> MANDATE_CARDS = mandateCards();

  /** Test UPI IDs for UPI AutoPay registrations (they also pay one-offs). */
  public static final Map<String, Behaviour> MANDATE_VPAS = mandateVpas();

  /**
   * eNACH test accounts that do something other than succeed: any other account number is
   * authorised (eNACH accounts come from the merchant's {@code bank_account_details}, which the
   * sandbox cannot know in advance).
   */
  public static final Map<String, Behaviour> BANK_ACCOUNTS = bankAccounts();

  private SandboxInstruments() {}

  public static Behaviour card(String digits) {
    return CARDS.getOrDefault(digits, MANDATE_CARDS.getOrDefault(digits, Behaviour.UNKNOWN));
  }

  public static Behaviour vpa(String vpa) {
    return VPAS.getOrDefault(vpa, MANDATE_VPAS.getOrDefault(vpa, Behaviour.UNKNOWN));
  }

  public static Behaviour bankAccount(String accountNumber) {
    return BANK_ACCOUNTS.getOrDefault(accountNumber, Behaviour.SUCCESS);
  }

  /**
   * What {@code behaviour} does for this payment: a card or UPI ID that refuses mandates pays a
   * one-off normally.
   */
  public static Behaviour forPayment(Behaviour behaviour, boolean registersMandate) {
    return behaviour == Behaviour.MANDATE_FAILURE && !registersMandate
        ? Behaviour.SUCCESS
        : behaviour;
  }

  /** The test card number formatted for reading, e.g. {@code 4111 1111 1111 1111}. */
  public static String grouped(String digits) {
    return digits.replaceAll("(\\d{4})(?=\\d)", "$1 ");
  }

  public static Optional<Behaviour> parse(String name) {
    try {
      return Optional.of(Behaviour.valueOf(name));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static Map<String, Behaviour> cards() {
    Map<String, Behaviour> cards = new LinkedHashMap<>();
    cards.put("4111111111111111", Behaviour.SUCCESS);
    cards.put("5555555555554444", Behaviour.SUCCESS);
    cards.put("378282246310005", Behaviour.SUCCESS);
    cards.put("6521000000000007", Behaviour.SUCCESS);
    cards.put("4000000000000002", Behaviour.AUTHORIZATION_FAILURE);
    cards.put("4000000000000010", Behaviour.AUTHENTICATION_FAILURE);
    cards.put("4000000000000028", Behaviour.PENDING_THEN_SUCCESS);
    cards.put("4000000000000044", Behaviour.NOT_ENROLLED);
    cards.put("5200000000000007", Behaviour.NOT_ENROLLED);
    return java.util.Collections.unmodifiableMap(cards);
  }

  private static Map<String, Behaviour> vpas() {
    Map<String, Behaviour> vpas = new LinkedHashMap<>();
    vpas.put("success@upi", Behaviour.SUCCESS);
    vpas.put("failure@upi", Behaviour.AUTHORIZATION_FAILURE);
    vpas.put("decline@upi", Behaviour.AUTHENTICATION_FAILURE);
    vpas.put("pending@upi", Behaviour.PENDING_THEN_SUCCESS);
    return java.util.Collections.unmodifiableMap(vpas);
  }

  private static Map<String, Behaviour> mandateCards() {
    return Map.of("4000000000000101", Behaviour.MANDATE_FAILURE);
  }

  private static Map<String, Behaviour> mandateVpas() {
    Map<String, Behaviour> vpas = new LinkedHashMap<>();
    vpas.put("autopay@upi", Behaviour.SUCCESS);
    vpas.put("noautopay@upi", Behaviour.MANDATE_FAILURE);
    return java.util.Collections.unmodifiableMap(vpas);
  }

  private static Map<String, Behaviour> bankAccounts() {
    Map<String, Behaviour> accounts = new LinkedHashMap<>();
    accounts.put("50100000000001", Behaviour.SUCCESS);
    accounts.put("50100000000002", Behaviour.AUTHORIZATION_FAILURE);
    return java.util.Collections.unmodifiableMap(accounts);
  }
}
