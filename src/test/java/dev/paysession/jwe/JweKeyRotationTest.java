package dev.paysession.jwe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paysession.merchant.MasterKeyRotation;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A master-key rotation re-seals the JWE keys' server private keys with everything else, so after
 * the old master key is dropped a merchant's encrypted calls still open.
 */
@QuarkusTest
class JweKeyRotationTest {

  @Inject MasterKeyRotation rotation;
  @Inject AgroalDataSource dataSource;

  private byte[] sealed(JweMerchant jwe) throws Exception {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT server_private_key_sealed FROM jwe_keys"
                    + " WHERE merchant_id = ? AND key_id = ?")) {
      select.setString(1, jwe.merchant().merchantId());
      select.setString(2, jwe.keyId());
      try (ResultSet row = select.executeQuery()) {
        assertThat(row.next()).isTrue();
        return row.getBytes(1);
      }
    }
  }

  @Test
  void aRotationReSealsJweKeysAndCallsGoOnWorking() throws Exception {
    JweMerchant jwe = JweMerchant.create();
    String orderId = dev.paysession.TestMerchants.uniqueId("rot");
    jwe.open(jwe.post("/v4/session", jwe.merchant().body(orderId)));
    byte[] before = sealed(jwe);
    // The stored private key is sealed, not the PKCS#8 itself.
    assertThat(new String(before, java.nio.charset.StandardCharsets.ISO_8859_1))
        .doesNotContain("MII");

    MasterKeyRotation.Result rotated = rotation.rotate();

    assertThat(rotated.next()).contains("the old key is gone");
    byte[] after = sealed(jwe);
    assertThat(after).isNotEqualTo(before);
    // Bytes 1..4 of a sealed value are the id of the master key that sealed it.
    assertThat(java.util.HexFormat.of().formatHex(after, 1, 5)).isEqualTo(rotated.keyId());
    assertThat(
            jwe.open(jwe.post("/v4/order-status", Map.of("order_id", orderId)))
                .get("status")
                .asText())
        .isEqualTo("NEW");
  }
}
