package dev.paysession.txns;

import dev.paysession.merchant.Merchant;
import dev.paysession.merchant.MerchantStore;
import dev.paysession.order.AttemptStore;
import dev.paysession.order.OrderReader;
import dev.paysession.order.OrderRecord;
import dev.paysession.order.OrderStatus;
import dev.paysession.order.PaymentStateMachine;
import dev.paysession.order.TransactionRecord;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.sql.SQLException;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The customer's side of a {@code POST /txns} attempt, at Juspay's addresses: {@code
 * /v2/pay/start/{merchant_id}/{txn_uuid}} (the answer's {@code payment.authentication.url}) leads
 * to the payment page's own page for the attempt (3-D Secure, the bank's or wallet's page, the wait
 * for a pending UPI payment, then the outcome); {@code /v2/pay/finish/…} shows where an attempt
 * ended, for a mandate debit (which has no customer step) and for {@code
 * redirect_after_payment=false}. The attempt's uuid is 128 random bits: only its customer and
 * merchant know it, as with the payment link.
 */
@Tag(name = "Payments")
@Path("/v2/pay")
@Produces(MediaType.TEXT_HTML)
public class PayPagesResource {

  static final String START = "/v2/pay/start/";
  static final String FINISH = "/v2/pay/finish/";

  private final AttemptStore attempts;
  private final OrderReader orders;
  private final MerchantStore merchants;

  PayPagesResource(AttemptStore attempts, OrderReader orders, MerchantStore merchants) {
    this.attempts = attempts;
    this.orders = orders;
    this.merchants = merchants;
  }

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance finish(
        String title, String text, String orderId, String status, boolean sandbox);
  }

  static String finishPath(String merchantId, String txnUuid) {
    return FINISH + merchantId + "/" + txnUuid;
  }

  @Operation(
      operationId = "startPaymentAuthentication",
      summary = "Where a /txns payment's customer authenticates: redirects to the attempt's page")
  @GET
  @Path("/start/{merchant_id}/{txn_uuid}")
  public Response start(
      @PathParam("merchant_id") String merchantId, @PathParam("txn_uuid") String txnUuid)
      throws SQLException {
    Optional<Found> found = find(merchantId, txnUuid);
    if (found.isEmpty()) {
      return notFound();
    }
    TransactionRecord txn = found.get().txn();
    if (isDebit(txn)) {
      return seeOther(finishPath(merchantId, txnUuid));
    }
    return seeOther(attemptPage(found.get().order(), txnUuid));
  }

  @Operation(
      operationId = "finishedPayment",
      summary = "Where an attempt ended (mandate debits, redirect_after_payment=false)")
  @GET
  @Path("/finish/{merchant_id}/{txn_uuid}")
  public Response finish(
      @PathParam("merchant_id") String merchantId, @PathParam("txn_uuid") String txnUuid)
      throws SQLException {
    Optional<Found> found = find(merchantId, txnUuid);
    if (found.isEmpty()) {
      return notFound();
    }
    TransactionRecord txn = found.get().txn();
    OrderRecord order = found.get().order();
    if (!isDebit(txn) && TxnsPayments.unfinished(txn.status())) {
      // Still the customer's turn (or the wait for a pending payment): the attempt's page.
      return seeOther(attemptPage(order, txnUuid));
    }
    boolean sandbox = merchants.find(merchantId).map(Merchant::isSandbox).orElse(false);
    String status = (isDebit(txn) ? txn.status() : order.status()).name();
    boolean paid =
        PaymentStateMachine.orderStatusOf(txn.status()) == OrderStatus.CHARGED
            || order.status() == OrderStatus.CHARGED;
    String title;
    String text;
    if (isDebit(txn) && TxnsPayments.unfinished(txn.status())) {
      title = "Debit scheduled";
      text = "This mandate debit runs at its execution date; nothing is asked of you.";
    } else if (paid) {
      title = "Payment successful";
      text = "The payment of " + order.currency() + " " + order.amount().text() + " is complete.";
    } else {
      title = "Payment failed";
      text = "The payment did not go through (" + txn.status() + "). No money was taken.";
    }
    return Response.ok(Templates.finish(title, text, order.orderId(), status, sandbox).render())
        .type("text/html;charset=UTF-8")
        .header(
            "Content-Security-Policy",
            "default-src 'none'; style-src 'self'; frame-ancestors 'none'; base-uri 'none'")
        .header("Cache-Control", "no-store")
        .header("Referrer-Policy", "no-referrer")
        .header("X-Content-Type-Options", "nosniff")
        .header("X-Frame-Options", "DENY")
        .build();
  }

  private record Found(TransactionRecord txn, OrderRecord order) {}

  private Optional<Found> find(String merchantId, String txnUuid) throws SQLException {
    Optional<TransactionRecord> txn = attempts.byUuid(merchantId, txnUuid);
    if (txn.isEmpty()) {
      return Optional.empty();
    }
    return orders
        .byOrderId(merchantId, txn.get().orderId())
        .map(order -> new Found(txn.get(), order));
  }

  private static boolean isDebit(TransactionRecord txn) {
    return txn.objectType().isMandate() && !txn.objectType().isRegistration();
  }

  private static String attemptPage(OrderRecord order, String txnUuid) {
    return "/orders/" + order.id() + "/payment-page/attempts/" + txnUuid;
  }

  private static Response seeOther(String path) {
    return Response.seeOther(URI.create(path))
        .header("Cache-Control", "no-store")
        .header("Referrer-Policy", "no-referrer")
        .build();
  }

  private static Response notFound() {
    return Response.status(404)
        .type("text/html;charset=UTF-8")
        .entity(
            "<!DOCTYPE html><html lang=\"en\"><meta charset=\"utf-8\"><title>Not found</title>"
                + "<p>This payment does not exist. Check the link.</p></html>")
        .header("Cache-Control", "no-store")
        .build();
  }
}
