package dev.paysession.gateway;

/** The gateway could not be reached or could not record the step; the attempt stays as it was. */
public final class GatewayUnavailable extends RuntimeException {
  public GatewayUnavailable(String message, Throwable cause) {
    super(message, cause);
  }
}
