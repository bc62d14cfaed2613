package dev.paysession.mandate;

import static dev.paysession.api.Committed.committed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paysession.api.ApiException;
import dev.paysession.api.FieldError;
import dev.paysession.api.RandomTokens;
import dev.paysession.gateway.PaymentGateway;
import dev.paysession.gateway.PaymentGateway.NotificationAnswer;
import dev.paysession.order.OrderReader;
import dev.paysession.order.OrderRecord;
import dev.paysession.rules.Amount;
import dev.paysession.rules.InvalidValue;
import dev.paysession.rules.Texts;
import dev.paysession.webhook.WebhookOutbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Pre-debit notifications (juspay-lifecycle §2.8): the decoupled {@code pre_debit_notify} command,
 * and the notice {@code POST /txns} sends itself when the merchant gave none. The gateway answers
 * at once (the sandbox by amount); the notification is stored with its {@code
 * NOTIFICATION_SUCCEEDED} or {@code NOTIFICATION_FAILED} webhook in one transaction.
 */
@ApplicationScoped
public class PreDebitNotifications implements PreDebitNotifier {

  private static final Pattern REFERENCE = Pattern.compile("[A-Za-z0-9]{1,25}");
  private static final int MAX_DESCRIPTION = 50;

  private final NotificationStore store;
  private final DebitGateways gateways;
  private final OrderReader orders;
  private final WebhookOutbox webhooks;
  private final ObjectMapper json;

  PreDebitNotifications(
      NotificationStore store,
      DebitGateways gateways,
      OrderReader orders,
      WebhookOutbox webhooks,
      ObjectMapper json) {
    this.store = store;
    this.gateways = gateways;
    this.orders = orders;
    this.webhooks = webhooks;
    this.json = json;
  }

  /** What a notice says of the debit it announces. */
  record Notice(
      String objectReferenceId,
      Optional<String> description,
      Amount amount,
      Instant txnDate,
      Optional<String> displayInvoiceNumber) {}

  @Override
  public NotificationView notify(MandateRecord mandate, Map<String, String> fields, Instant now)
      throws Exception {
    Notice notice = parse(mandate, fields);
    refuseUnlessNotifiable(mandate);
    DebitRules.checkAmount(mandate, notice.amount());
    NotificationRecord sent = ask(mandate, notice, now);
    committed(() -> record(mandate, sent, now));
    return NotificationView.of(sent);
  }

  /** A notification the merchant sent earlier, if it is the merchant's. */
  Optional<NotificationRecord> find(String merchantId, String notificationId) throws SQLException {
    return store.byId(merchantId, notificationId);
  }

  static void refuseUnlessNotifiable(MandateRecord mandate) {
    if (mandate.status() != MandateStatus.ACTIVE) {
      throw ApiException.invalidAction(
          "Mandate "
              + mandate.mandateId()
              + " is "
              + mandate.status()
              + ": only an ACTIVE mandate's debits are notified");
    }
    if (DebitRules.isEnach(mandate)) {
      throw ApiException.invalidRequest(
          "Pre-debit notice: eNACH mandates need none (RBI: cards and UPI only)");
    }
  }

  /** Asks the mandate's gateway to send the notice; nothing is stored yet. */
  NotificationRecord ask(MandateRecord mandate, Notice notice, Instant now) throws SQLException {
    PaymentGateway gateway = gateways.of(mandate);
    String id = RandomTokens.upperHex(10);
    NotificationAnswer answer =
        gateway.notifyPreDebit(
            new PaymentGateway.PreDebitNotice(
                mandate.merchantId(),
                mandate.mandateId(),
                id,
                mandate.paymentMethodType(),
                notice.amount()));
    Instant at = now.truncatedTo(ChronoUnit.SECONDS);
    return new NotificationRecord(
        mandate.merchantId(),
        id,
        mandate.mandateId(),
        notice.objectReferenceId(),
        notice.description(),
        notice.amount(),
        mandate.currency(),
        notice.txnDate(),
        notice.displayInvoiceNumber(),
        answer.delivered() ? NotificationRecord.SUCCESS : NotificationRecord.FAILURE,
        answer.providerName(),
        answer.providerRefId(),
        Optional.ofNullable(answer.responseCode()),
        Optional.ofNullable(answer.responseMessage()),
        at,
        at);
  }

  /** Stores the notification and its webhook, in the caller's transaction or a new one. */
  @Transactional(rollbackOn = Exception.class)
  NotificationRecord record(MandateRecord mandate, NotificationRecord notification, Instant now)
      throws SQLException {
    store.insert(notification);
    // Its events sit with the mandate's own (MANDATE_*), on the registration order.
    OrderRecord registration =
        orders
            .byOrderId(mandate.merchantId(), mandate.orderId())
            .orElseThrow(() -> new IllegalStateException("registration order vanished"));
    webhooks.add(registration, notification, List.of(NotificationEvent.of(notification)), now);
    return notification;
  }

  private Notice parse(MandateRecord mandate, Map<String, String> fields) {
    List<FieldError> errors = new ArrayList<>();
    String reference = text(fields, "object_reference_id", errors);
    if (reference != null && !REFERENCE.matcher(reference).matches()) {
      errors.add(FieldError.invalid("object_reference_id", "must be 1 to 25 letters and digits"));
    }
    Optional<String> description =
        Optional.ofNullable(fields.get("description")).filter(d -> !d.isBlank());
    if (description.isPresent()) {
      try {
        Texts.displayed(description.get(), MAX_DESCRIPTION);
      } catch (InvalidValue e) {
        errors.add(FieldError.invalid("description", e.getMessage()));
      }
    }
    Amount amount = null;
    Instant txnDate = null;
    Optional<String> invoice = Optional.empty();
    String sourceInfo = text(fields, "source_info", errors);
    if (sourceInfo != null) {
      JsonNode info = sourceInfo(sourceInfo, errors);
      if (info != null) {
        amount = field(info, "amount", errors, v -> Amount.parseAtLeastOne(v, mandate.currency()));
        txnDate = field(info, "txn_date", errors, DebitRules::epochSeconds);
        JsonNode number = info.get("mandate.display_invoice_number");
        if (number != null && !number.isNull()) {
          if (!REFERENCE.matcher(number.asText()).matches()) {
            errors.add(
                FieldError.invalid(
                    "source_info.mandate.display_invoice_number",
                    "must be 1 to 25 letters and digits"));
          }
          invoice = Optional.of(number.asText());
        }
      }
    }
    if (!errors.isEmpty()) {
      throw ApiException.badFields(errors);
    }
    return new Notice(reference, description, amount, txnDate, invoice);
  }

  private JsonNode sourceInfo(String text, List<FieldError> errors) {
    try {
      JsonNode info = json.readTree(text);
      if (info != null && info.isObject()) {
        return info;
      }
    } catch (IOException e) {
      // reported below
    }
    errors.add(
        FieldError.invalid(
            "source_info", "must be a JSON object as a string: {\"amount\":…,\"txn_date\":…}"));
    return null;
  }

  private static <T> T field(
      JsonNode info, String key, List<FieldError> errors, Function<String, T> rule) {
    JsonNode node = info.get(key);
    if (node == null || node.isNull() || node.asText().isEmpty()) {
      errors.add(FieldError.missing("source_info." + key));
      return null;
    }
    try {
      return rule.apply(node.asText());
    } catch (InvalidValue e) {
      errors.add(FieldError.invalid("source_info." + key, e.getMessage()));
      return null;
    }
  }

  private static String text(Map<String, String> fields, String key, List<FieldError> errors) {
    String value = fields.get(key);
    if (value == null || value.isBlank()) {
      errors.add(FieldError.missing(key));
      return null;
    }
    return value.trim();
  }
}
