package dev.paysession.mandate;

import dev.paysession.api.ApiException;
import dev.paysession.gateway.GatewayRegistry;
import dev.paysession.gateway.PaymentGateway;
import dev.paysession.merchant.MerchantStore;
import dev.paysession.order.AttemptStore;
import dev.paysession.order.TransactionRecord;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;

/**
 * The gateway a mandate's notifications and debits go to: the one that registered it (Juspay routes
 * recurring debits to the registration's gateway), else the merchant's gateway for new attempts.
 */
@ApplicationScoped
class DebitGateways {

  private final GatewayRegistry registry;
  private final AttemptStore attempts;
  private final MerchantStore merchants;

  DebitGateways(GatewayRegistry registry, AttemptStore attempts, MerchantStore merchants) {
    this.registry = registry;
    this.attempts = attempts;
    this.merchants = merchants;
  }

  PaymentGateway of(MandateRecord mandate) throws SQLException {
    for (TransactionRecord txn : attempts.ofOrder(mandate.merchantId(), mandate.orderId())) {
      if (txn.txnId().equals(mandate.registrationTxnId())) {
        return registry.named(txn.gateway());
      }
    }
    return merchants
        .find(mandate.merchantId())
        .flatMap(registry::forNewAttempt)
        .orElseThrow(
            () -> ApiException.unavailable("No gateway takes this merchant's mandate debits"));
  }

  /** The gateway that took a debit's attempt. */
  PaymentGateway named(String name) {
    return registry.named(name);
  }
}
