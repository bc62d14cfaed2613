package dev.paysession.refund;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.paysession.api.ApiException;
import dev.paysession.api.FieldError;
import dev.paysession.api.RequestFields;
import dev.paysession.refund.RefundRecord.RefundType;
import dev.paysession.rules.InvalidValue;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** The fields of Juspay's two refund requests, read into a {@link Request} or one 400. */
public final class RefundRules {

  /** Juspay: "less than 21 characters", no special characters. */
  public static final int MAX_UNIQUE_REQUEST_ID = 20;

  private static final Pattern UNIQUE_REQUEST_ID = Pattern.compile("[A-Za-z0-9_-]{1,20}");
  private static final Pattern AMOUNT = Pattern.compile("[0-9]{1,12}(\\.[0-9]{1,4})?");

  private RefundRules() {}

  /**
   * A refund as asked for.
   *
   * @param amount empty: the whole remaining refundable amount
   * @param orderId for {@code POST /refunds}: the order, unless {@code txnId} names the charge
   */
  public record Request(
      String uniqueRequestId,
      Optional<BigDecimal> amount,
      RefundType type,
      Optional<String> orderId,
      Optional<String> txnId) {}

  /** {@code POST /orders/{order_id}/refunds}: unique_request_id, optional amount. */
  public static Request forOrder(ObjectNode body) {
    RequestFields fields = fields(body);
    String id = fields.required("unique_request_id", RefundRules::uniqueRequestId);
    Optional<String> amount = fields.optional("amount", text -> text);
    throwIfAny(fields);
    return new Request(
        id,
        amount.map(RefundRules::amount),
        RefundType.STANDARD,
        Optional.empty(),
        Optional.empty());
  }

  /**
   * {@code POST /refunds}: order_id or txn_id, unique_request_id, amount, optional refund_type
   * (STANDARD by default, or INSTANT).
   */
  public static Request byReference(ObjectNode body) {
    RequestFields fields = fields(body);
    Optional<String> orderId = fields.optional("order_id", text -> text);
    Optional<String> txnId = fields.optional("txn_id", text -> text);
    if (orderId.isEmpty() && txnId.isEmpty()) {
      fields.errors().add(FieldError.missing("order_id"));
    }
    String id = fields.required("unique_request_id", RefundRules::uniqueRequestId);
    String amount = fields.required("amount", text -> text);
    RefundType type = fields.optional("refund_type", RefundRules::type).orElse(RefundType.STANDARD);
    throwIfAny(fields);
    return new Request(id, Optional.of(amount(amount)), type, orderId, txnId);
  }

  static String uniqueRequestId(String id) {
    if (!UNIQUE_REQUEST_ID.matcher(id).matches()) {
      throw new InvalidValue(
          "must be 1 to "
              + MAX_UNIQUE_REQUEST_ID
              + " letters, digits, '_' or '-' (no other characters)");
    }
    return id;
  }

  /** A positive decimal string; anything else is Juspay's "Amount is invalid." answer. */
  static BigDecimal amount(String text) {
    if (!AMOUNT.matcher(text).matches()) {
      throw RefundErrors.invalidAmount("must be a decimal number like \"100.00\"");
    }
    BigDecimal amount = new BigDecimal(text);
    if (amount.signum() <= 0) {
      throw RefundErrors.invalidAmount("must be more than 0");
    }
    return amount;
  }

  static RefundType type(String text) {
    try {
      return RefundType.valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidValue("must be STANDARD or INSTANT");
    }
  }

  private static RequestFields fields(ObjectNode body) {
    Map<String, JsonNode> flat = new LinkedHashMap<>();
    body.fields().forEachRemaining(field -> flat.put(field.getKey(), field.getValue()));
    return RequestFields.ofFlatBody(flat, new ArrayList<>());
  }

  private static void throwIfAny(RequestFields fields) {
    List<FieldError> errors = fields.errors();
    if (errors.isEmpty()) {
      return;
    }
    if (errors.stream().anyMatch(error -> error.kind() == FieldError.Kind.MISSING)) {
      throw RefundErrors.missing(errors);
    }
    throw ApiException.badFields(errors);
  }
}
