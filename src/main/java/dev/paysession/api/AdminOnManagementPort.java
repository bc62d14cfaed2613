package dev.paysession.api;

import io.quarkus.vertx.http.ManagementInterface;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The admin API answers on the management interface only. Its resources stay ordinary REST
 * resources on the application router; the management router hands each {@code /admin} request to
 * that router marked with a per-process random secret, and the application router answers 404 to
 * any {@code /admin} request without it, so the public port shows no admin API at all.
 */
@ApplicationScoped
public class AdminOnManagementPort {

  private static final String MARK = "x-paysession-management";
  private final String secret = RandomTokens.hex32();
  private volatile Router application;
  private final HttpPlumbing plumbing;

  AdminOnManagementPort(HttpPlumbing plumbing) {
    this.plumbing = plumbing;
  }

  void publicListener(@Observes Router router) {
    application = router;
    router.route("/admin*").order(Integer.MIN_VALUE + 1).handler(this::onlyFromManagement);
  }

  void managementInterface(@Observes ManagementInterface management) {
    // No path on this route: a path would become the mount point handleContext strips.
    // A route failing a forwarded request fails it on this router: answer in the envelope here too.
    management
        .router()
        .route()
        .order(Integer.MIN_VALUE)
        .handler(this::toApplication)
        .failureHandler(
            rc -> {
              if (isAdmin(rc)) {
                plumbing.failure(rc);
              } else {
                rc.next();
              }
            });
  }

  /**
   * The management router has read the body already (and the request has ended); handing on the
   * same routing context, rather than the request, keeps it for the resource.
   */
  private void toApplication(RoutingContext rc) {
    if (!isAdmin(rc)) {
      rc.next();
      return;
    }
    if (rc.body().buffer() == null) {
      // A request without a body: the request has ended, so there is nothing left to read.
      rc.setBody(Buffer.buffer());
    }
    rc.request().headers().set(MARK, secret);
    application.handleContext(rc);
  }

  private static boolean isAdmin(RoutingContext rc) {
    String path = rc.normalizedPath();
    return path.equals("/admin") || path.startsWith("/admin/");
  }

  private void onlyFromManagement(RoutingContext rc) {
    String mark = rc.request().getHeader(MARK);
    rc.request().headers().remove(MARK);
    if (mark != null
        && MessageDigest.isEqual(
            mark.getBytes(StandardCharsets.UTF_8), secret.getBytes(StandardCharsets.UTF_8))) {
      rc.next();
    } else {
      rc.fail(404);
    }
  }
}
