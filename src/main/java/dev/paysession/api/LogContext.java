package dev.paysession.api;

import java.util.regex.Pattern;
import org.jboss.logging.MDC;

/**
 * Who a log line was written for: the request id, the authenticated merchant and the routing id, as
 * MDC entries that the plain-text format ({@code %X{...}}) and the JSON logs ({@code mdc}) show.
 *
 * <p>Quarkus keeps the MDC in the request's Vert.x duplicated context (its late-bound MDC
 * provider), so the entries put on the event loop are seen by the blocking resource on its worker
 * thread and belong to that request alone; {@link #clear} still removes them when the request ends,
 * so a thread falling back to a thread-local MDC never carries them into other work.
 */
public final class LogContext {

  public static final String REQUEST_ID = "requestId";
  public static final String MERCHANT_ID = "merchantId";
  public static final String ROUTING_ID = "routingId";

  /** A routing id is the merchant's own text; only a sane token goes into the log. */
  private static final Pattern LOGGABLE = Pattern.compile("[A-Za-z0-9._:@-]{1,128}");

  private LogContext() {}

  static void request(String requestId, String routingId) {
    MDC.put(REQUEST_ID, requestId);
    if (routingId != null && LOGGABLE.matcher(routingId.trim()).matches()) {
      MDC.put(ROUTING_ID, routingId.trim());
    }
  }

  /** Called once the merchant is authenticated: an unproven merchant id is never logged as one. */
  public static void merchant(String merchantId) {
    MDC.put(MERCHANT_ID, merchantId);
  }

  static void clear() {
    MDC.remove(REQUEST_ID);
    MDC.remove(MERCHANT_ID);
    MDC.remove(ROUTING_ID);
  }
}
