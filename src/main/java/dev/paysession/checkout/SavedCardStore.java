package dev.paysession.checkout;

import dev.paysession.gateway.CardBrand;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** The {@code saved_cards} table: cards customers chose to save, as gateway tokens. */
@ApplicationScoped
public class SavedCardStore {

  private final AgroalDataSource dataSource;

  SavedCardStore(AgroalDataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** A customer's saved cards, newest first. */
  public List<SavedCard> ofCustomer(String merchantId, String customerId) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT card_token, gateway, card_brand, last_four, created_at FROM saved_cards"
                    + " WHERE merchant_id = ? AND customer_id = ? ORDER BY created_at DESC,"
                    + " card_token")) {
      select.setString(1, merchantId);
      select.setString(2, customerId);
      List<SavedCard> cards = new ArrayList<>();
      try (ResultSet row = select.executeQuery()) {
        while (row.next()) {
          cards.add(
              new SavedCard(
                  row.getString(1),
                  row.getString(2),
                  CardBrand.valueOf(row.getString(3)),
                  row.getString(4),
                  row.getTimestamp(5).toInstant()));
        }
      }
      return cards;
    }
  }

  /** Saves a card for a customer; saving the same token again changes nothing. */
  void save(
      String merchantId,
      String customerId,
      String token,
      String gateway,
      String brand,
      String lastFour,
      Instant now)
      throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO saved_cards (merchant_id, customer_id, card_token, gateway, card_brand,"
                    + " last_four, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
      insert.setString(1, merchantId);
      insert.setString(2, customerId);
      insert.setString(3, token);
      insert.setString(4, gateway);
      insert.setString(5, brand);
      insert.setString(6, lastFour);
      insert.setObject(7, now.atOffset(ZoneOffset.UTC));
      insert.executeUpdate();
    }
  }

  public boolean delete(String merchantId, String customerId, String token) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement delete =
            connection.prepareStatement(
                "DELETE FROM saved_cards WHERE merchant_id = ? AND customer_id = ?"
                    + " AND card_token = ?")) {
      delete.setString(1, merchantId);
      delete.setString(2, customerId);
      delete.setString(3, token);
      return delete.executeUpdate() == 1;
    }
  }
}
