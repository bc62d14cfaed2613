package dev.paysession.order;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The public addresses of an order's pages, from {@code paysession.public-url}. */
@ApplicationScoped
public class PaymentLinks {

  private final String publicUrl;

  // Read when first used, not in a mapping: the default names the port bound at start.
  PaymentLinks(@ConfigProperty(name = "paysession.public-url") String publicUrl) {
    this.publicUrl =
        publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
  }

  /** {@code payment_links.web}: the hosted payment page. */
  public String web(String id) {
    return publicUrl + "/orders/" + id + "/payment-page";
  }

  /**
   * {@code payment_links.mobile}: the same page with Juspay's {@code ?mobile=true}, which the page
   * accepts and ignores (it is responsive already).
   */
  public String mobile(String id) {
    return web(id) + "?mobile=true";
  }
}
