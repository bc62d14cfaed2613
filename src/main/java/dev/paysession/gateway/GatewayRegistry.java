package dev.paysession.gateway;

import dev.paysession.api.InstallationMode;
import dev.paysession.api.PaysessionConfig;
import dev.paysession.merchant.Merchant;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every {@link PaymentGateway} bean, by its name. An attempt stores the name of the gateway that
 * took it ({@code transactions.gateway}), and every later step on the attempt asks that gateway,
 * found here; a new gateway is a new bean, with no change to checkout.
 */
@Startup // two gateways with one name must stop the server, not the first payment
@ApplicationScoped
public class GatewayRegistry {

  private final Map<String, PaymentGateway> byName;

  @Inject
  GatewayRegistry(@Any Instance<PaymentGateway> gateways, PaysessionConfig installation) {
    this(index(installed(gateways, installation.mode())));
  }

  private GatewayRegistry(Map<String, PaymentGateway> byName) {
    this.byName = byName;
  }

  /** A registry of exactly these gateways; for tests. */
  public static GatewayRegistry of(Iterable<? extends PaymentGateway> gateways) {
    return new GatewayRegistry(index(gateways));
  }

  /** The gateway an attempt's row names. */
  public PaymentGateway named(String name) {
    PaymentGateway gateway = byName.get(name);
    if (gateway == null) {
      // A row naming a gateway this installation no longer has cannot be settled here.
      throw new GatewayUnavailable("no gateway named " + name + " is installed", null);
    }
    return gateway;
  }

  /**
   * The gateway a new attempt of this merchant goes to: a sandbox merchant's goes to the sandbox,
   * and a production merchant's to a gateway that moves money (none is installed yet, so empty).
   */
  public Optional<PaymentGateway> forNewAttempt(Merchant merchant) {
    return byName.values().stream()
        .filter(gateway -> gateway.isSandbox() == merchant.isSandbox())
        .findFirst();
  }

  /** In production mode the sandbox is not installed: nothing can be paid with test money. */
  private static List<PaymentGateway> installed(
      Iterable<? extends PaymentGateway> gateways, InstallationMode mode) {
    List<PaymentGateway> installed = new ArrayList<>();
    for (PaymentGateway gateway : gateways) {
      if (mode.allowsSandbox() || !gateway.isSandbox()) {
        installed.add(gateway);
      }
    }
    return installed;
  }

  private static Map<String, PaymentGateway> index(Iterable<? extends PaymentGateway> gateways) {
    Map<String, PaymentGateway> byName = new LinkedHashMap<>();
    for (PaymentGateway gateway : gateways) {
      PaymentGateway other = byName.putIfAbsent(gateway.name(), gateway);
      if (other != null) {
        throw new IllegalStateException(
            "two payment gateways are named "
                + gateway.name()
                + ": "
                + other.getClass().getName()
                + " and "
                + gateway.getClass().getName());
      }
    }
    return Collections.unmodifiableMap(byName);
  }
}
