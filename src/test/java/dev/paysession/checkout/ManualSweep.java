package dev.paysession.checkout;

import dev.paysession.reconcile.Reconciler;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * For tests that run {@link Reconciler#sweep()} themselves and check the state just before it: the
 * scheduled sweep must not get there first.
 */
public class ManualSweep implements QuarkusTestProfile {
  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of("paysession.checkout.sweep-every", "1h");
  }
}
