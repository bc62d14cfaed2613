package dev.paysession.mandate;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;

/**
 * What time it is for a merchant's mandates: the installation's clock, moved forward for a sandbox
 * merchant that advanced its own test clock. Every mandate rule and job that reads "now" for a
 * merchant reads it here.
 */
@ApplicationScoped
public class MerchantTime {

  private final Clock clock;

  MerchantTime(Clock clock) {
    this.clock = clock;
  }

  public Instant now(String merchantId) {
    return clock.instant();
  }
}
