package dev.paysession.checkout;

import java.net.URI;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Where the customer of an ended attempt lands when whoever started it asked for somewhere other
 * than the order's return URL ({@code POST /txns} with {@code redirect_after_payment=false}). The
 * feature that records the wish implements it, so checkout need not know that feature.
 */
public interface AttemptLanding {

  /** The landing asked for this attempt; empty for the usual signed return-URL redirect. */
  Optional<URI> of(String merchantId, String txnUuid) throws SQLException;
}
