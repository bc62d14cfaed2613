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

  private SandboxInstruments() {}

  public static Behaviour card(String digits) {
    return CARDS.getOrDefault(digits, Behaviour.UNKNOWN);
  }

  public static Behaviour vpa(String vpa) {
    return VPAS.getOrDefault(vpa, Behaviour.UNKNOWN);
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
}
