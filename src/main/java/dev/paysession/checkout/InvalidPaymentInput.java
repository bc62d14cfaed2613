package dev.paysession.checkout;

import java.util.Map;

/** What the customer typed on the payment page is unusable; one message per form field. */
public final class InvalidPaymentInput extends RuntimeException {

  private final transient Map<String, String> fieldMessages;

  public InvalidPaymentInput(Map<String, String> fieldMessages) {
    // The message names fields only: values may be card data.
    super("invalid payment input: " + fieldMessages.keySet(), null, false, false);
    this.fieldMessages = Map.copyOf(fieldMessages);
  }

  public Map<String, String> fieldMessages() {
    return fieldMessages;
  }
}
