package dev.paysession.refund;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.paysession.api.HttpConfig;
import dev.paysession.api.JsonBodies;
import dev.paysession.merchant.MerchantAuthenticator;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.InputStream;
import java.sql.SQLException;

/** What both refund endpoints do first: authenticate the merchant's server, read form or JSON. */
@ApplicationScoped
class RefundCalls {

  private final MerchantAuthenticator authenticator;
  private final int maxBodyBytes;

  RefundCalls(MerchantAuthenticator authenticator, HttpConfig http) {
    this.authenticator = authenticator;
    this.maxBodyBytes = http.maxBodyBytes();
  }

  String merchant(String authorization, String header, String alternative) throws SQLException {
    return authenticator
        .authenticate(authorization, MerchantAuthenticator.merchantIdSent(header, alternative))
        .merchantId();
  }

  ObjectNode read(InputStream body, String contentType) {
    return JsonBodies.readJsonOrForm(body, contentType, maxBodyBytes);
  }
}
