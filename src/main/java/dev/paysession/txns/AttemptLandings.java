package dev.paysession.txns;

import dev.paysession.checkout.AttemptLanding;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;

/**
 * The {@code /txns} attempts whose customer asked not to be sent to the return URL ({@code
 * redirect_after_payment=false}): once the attempt ends, the payment page's flow sends them to
 * {@link PayPagesResource}'s finish page instead. Owns {@code txns_finish_landings}.
 */
@ApplicationScoped
public class AttemptLandings implements AttemptLanding {

  private final AgroalDataSource dataSource;
  private final Clock clock;

  AttemptLandings(AgroalDataSource dataSource, Clock clock) {
    this.dataSource = dataSource;
    this.clock = clock;
  }

  /** Records that this attempt's customer ends on the finish page; repeating it changes nothing. */
  void landOnFinishPage(String merchantId, String txnUuid) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO txns_finish_landings (merchant_id, txn_uuid, created_at)"
                    + " VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
      insert.setString(1, merchantId);
      insert.setString(2, txnUuid);
      insert.setTimestamp(3, Timestamp.from(clock.instant()));
      insert.executeUpdate();
    }
  }

  @Override
  public Optional<URI> of(String merchantId, String txnUuid) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT 1 FROM txns_finish_landings WHERE merchant_id = ? AND txn_uuid = ?")) {
      select.setString(1, merchantId);
      select.setString(2, txnUuid);
      try (ResultSet row = select.executeQuery()) {
        return row.next()
            ? Optional.of(URI.create(PayPagesResource.finishPath(merchantId, txnUuid)))
            : Optional.empty();
      }
    }
  }
}
