package dev.paysession.merchant;

import dev.paysession.merchant.InstallationKeys.Purpose;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Secrets a feature outside merchant/ seals with {@link InstallationKeys} in its own table (the JWE
 * keys' server private keys). A master-key rotation calls each one, on its connection and in its
 * one transaction, so that nothing stays sealed under a key the rotation then drops.
 */
public interface SealedElsewhere {

  /** Re-seals every value this feature holds; answers how many it re-sealed. */
  int reseal(Connection connection, Resealer resealer) throws SQLException;

  /** Opens a sealed value under any known master key and seals it again under the current one. */
  @FunctionalInterface
  interface Resealer {
    byte[] reseal(Purpose purpose, String owner, byte[] value);
  }
}
