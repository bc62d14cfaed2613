package dev.paysession.merchant;

import dev.paysession.api.PaysessionConfig;
import dev.paysession.api.RandomTokens;
import dev.paysession.api.Secret;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * On the first start with the embedded database and no merchants, creates a sandbox merchant and
 * prints its credentials once, so the README's curl example works straight away. Not in production
 * mode ({@link dev.paysession.api.InstallationMode}).
 */
@ApplicationScoped
public class DemoMerchant {

  private static final Logger LOG = Logger.getLogger(DemoMerchant.class);

  static final String MERCHANT_ID = "paysession_demo";
  static final String CLIENT_ID = "paysession_demo";

  private final MerchantStore store;
  private final String publicUrl;
  private final boolean embeddedDatabase;
  private final boolean sandboxAllowed;

  DemoMerchant(
      MerchantStore store,
      PaysessionConfig config,
      // Not in the mapping: its default names the port bound at start (see PaysessionConfig).
      @ConfigProperty(name = "paysession.public-url") String publicUrl) {
    this.store = store;
    this.publicUrl = publicUrl;
    this.embeddedDatabase = config.embeddedDatabase();
    this.sandboxAllowed = config.mode().allowsSandbox();
  }

  void onStart(@Observes StartupEvent event) throws SQLException {
    if (!sandboxAllowed) {
      // Made before the switch: they stay (an admin can move them to production) but cannot pay.
      int sandboxMerchants = store.sandboxMerchantCount();
      if (sandboxMerchants > 0) {
        LOG.warnf(
            "Production mode: %d sandbox merchant(s) exist; with no sandbox gateway their orders"
                + " cannot be paid",
            sandboxMerchants);
      }
      // No sandbox tenant whose key would sit in a production installation's logs.
      return;
    }
    if (!embeddedDatabase || store.anyMerchantExists()) {
      return;
    }
    Merchant demo =
        new Merchant(
            MERCHANT_ID,
            "Paysession Demo Store",
            Environment.SANDBOX,
            Set.of(CLIENT_ID),
            Optional.of("https://shop.example.com/payment-return"),
            List.of("INR"),
            Optional.of("paysession.demo@sandbox"),
            Optional.of("Paysession Demo Store"),
            Optional.of("5411"));
    String webhookSecret = WebhookSecrets.generate();
    Optional<MerchantStore.IssuedKey> key =
        store.create(demo, Secret.of(RandomTokens.upperHex(16)), Secret.of(webhookSecret));
    // Printed, not logged: the key must not end up in log files, and this is its only showing.
    key.ifPresent(
        k ->
            System.out.printf(
                "%n=== paysession demo merchant (sandbox): shown once, keep the key ===%n"
                    + "  merchant id : %s%n  client id   : %s%n  API key     : %s%n"
                    + "  webhook key : %s (verifies webhook-signature)%n"
                    + "  try it      : see README.md, or export PAYSESSION_API_KEY=%s%n"
                    + "  server      : %s%n"
                    + "===================================================================%n%n",
                MERCHANT_ID,
                CLIENT_ID,
                k.apiKey().reveal(),
                webhookSecret,
                k.apiKey().reveal(),
                publicUrl));
  }
}
