package dev.paysession.api;

import io.vertx.core.http.HttpServerRequest;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Every request gets an {@code x-request-id}: the caller's own if it is a sane token (so a merchant
 * can correlate its logs with ours), otherwise a fresh UUID.
 */
public final class RequestIds {

  public static final String HEADER = "x-request-id";
  private static final Pattern ACCEPTABLE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

  private RequestIds() {}

  /** Makes sure the request carries a usable id in its headers and returns it. */
  public static String assign(HttpServerRequest request) {
    String offered = request.getHeader(HEADER);
    if (offered != null && ACCEPTABLE.matcher(offered).matches()) {
      return offered;
    }
    String id = UUID.randomUUID().toString();
    request.headers().set(HEADER, id);
    return id;
  }

  public static String of(HttpServerRequest request) {
    String id = request.getHeader(HEADER);
    return id == null ? assign(request) : id;
  }
}
