package dev.paysession.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.paysession.TestMerchants;
import dev.paysession.checkout.Shopper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The database refuses statuses that cannot exist, and exactly those: its CHECK constraints list
 * the same names as the status types.
 */
@QuarkusTest
class StatusConstraintsTest {

  @Inject AgroalDataSource dataSource;

  @Test
  void ordersAcceptExactlyTheOrderStatuses() throws SQLException {
    assertThat(allowed("orders_status_known")).isEqualTo(names(OrderStatus.values()));
  }

  @Test
  void transactionsAcceptExactlyTheAttemptStatuses() throws SQLException {
    assertThat(allowed("transactions_status_known")).isEqualTo(names(TransactionStatus.values()));
  }

  @Test
  void theSandboxStoresOnlyStatusesAGatewayReports() throws SQLException {
    Set<String> expected = names(TransactionStatus.values());
    expected.remove("STARTED");
    expected.remove("AUTO_REFUNDED");
    assertThat(allowed("sandbox_payments_status_known")).isEqualTo(expected);
  }

  @Test
  void anOrderCannotBeSetToAStatusItCannotHave() throws SQLException {
    TestMerchants.Merchant merchant = TestMerchants.create();
    Shopper.Session session = Shopper.open(merchant, "impossible-status-1");
    try (Connection connection = dataSource.getConnection();
        PreparedStatement update =
            connection.prepareStatement(
                "UPDATE orders SET status = ? WHERE merchant_id = ? AND order_id = ?")) {
      update.setString(2, merchant.merchantId());
      update.setString(3, session.orderId());
      // NOT_FOUND answers about a missing order; AUTO_REFUNDED is an attempt's status.
      for (String impossible : new String[] {"NOT_FOUND", "AUTO_REFUNDED", "VOIDED", "charged"}) {
        update.setString(1, impossible);
        assertThatThrownBy(update::executeUpdate)
            .as(impossible)
            .isInstanceOfSatisfying(
                SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("23514"));
      }
      update.setString(1, "CHARGED");
      assertThat(update.executeUpdate()).as("a status an order can have").isEqualTo(1);
    }
  }

  /** The quoted names a CHECK constraint's {@code status IN (...)} lists. */
  private Set<String> allowed(String constraint) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = ?")) {
      select.setString(1, constraint);
      try (ResultSet row = select.executeQuery()) {
        assertThat(row.next()).as(constraint).isTrue();
        Matcher quoted = Pattern.compile("'([A-Z_]+)'").matcher(row.getString(1));
        Set<String> names = new TreeSet<>();
        while (quoted.find()) {
          names.add(quoted.group(1));
        }
        return names;
      }
    }
  }

  private static Set<String> names(Enum<?>[] values) {
    return Arrays.stream(values).map(Enum::name).collect(Collectors.toCollection(TreeSet::new));
  }
}
