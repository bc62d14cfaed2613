package dev.paysession.checkout;

import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Optional;

/**
 * Responses of the payment page: rendered HTML with a strict Content-Security-Policy, and
 * redirects. Nothing is cached: each page shows one order's live state and may carry card errors.
 */
final class PageResponses {

  private PageResponses() {}

  /**
   * @param returnUrl the order's return URL: forms may lead there, because Chromium applies {@code
   *     form-action} to the redirects that follow a form post as well
   */
  static Response html(int status, TemplateInstance page, Optional<String> returnUrl) {
    String formAction =
        "'self'" + returnUrl.flatMap(PageResponses::origin).map(o -> " " + o).orElse("");
    return Response.status(status)
        .type("text/html;charset=UTF-8")
        .entity(page.render())
        .header(
            "Content-Security-Policy",
            "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'self';"
                + " img-src 'self' data:; form-action "
                + formAction
                + "; frame-ancestors 'none'; base-uri 'none'")
        .header("Cache-Control", "no-store")
        .header("Referrer-Policy", "no-referrer")
        .header("X-Content-Type-Options", "nosniff")
        .header("X-Frame-Options", "DENY")
        .build();
  }

  /** Post/redirect/get: a reload after a form post re-reads state instead of paying again. */
  static Response seeOther(URI location) {
    return Response.seeOther(location)
        .header("Cache-Control", "no-store")
        .header("Referrer-Policy", "no-referrer")
        .build();
  }

  /** {@code scheme://host[:port]} of a URL, for the policy; empty if it has none. */
  private static Optional<String> origin(String url) {
    try {
      URI uri = URI.create(url);
      if (uri.getScheme() == null || uri.getHost() == null) {
        return Optional.empty();
      }
      return Optional.of(
          uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort()));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
