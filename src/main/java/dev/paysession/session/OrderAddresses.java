package dev.paysession.session;

import dev.paysession.api.RequestFields;
import dev.paysession.order.OrderDetails.Addresses;
import dev.paysession.rules.Texts;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code billing_address_*} and {@code shipping_address_*}, as Juspay's order samples send them.
 * Juspay documents no format for them and its gateways take free text, so each is any printable
 * text of at most 255 characters.
 */
final class OrderAddresses {

  static final int MAX_LENGTH = 255;

  private OrderAddresses() {}

  /** The address fields sent (a blank value counts as not sent). */
  static Addresses parse(RequestFields f) {
    return new Addresses(sent(f, false));
  }

  /**
   * The address fields named in an update, "" included (it clears the field), for {@link
   * Addresses#with}.
   */
  static Map<String, String> changes(RequestFields f) {
    return sent(f, true);
  }

  private static Map<String, String> sent(RequestFields f, boolean keepEmpty) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String key : Addresses.KEYS) {
      if (keepEmpty && f.has(key) && !RequestFields.sent(f.raw(key))) {
        values.put(key, "");
      } else {
        f.optional(key, v -> Texts.printable(v, MAX_LENGTH)).ifPresent(v -> values.put(key, v));
      }
    }
    return values;
  }
}
