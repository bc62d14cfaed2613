package dev.paysession.webhook;

/**
 * A webhook URL we will not call. The message says why in terms an operator can act on, and holds
 * nothing secret: it may be shown in the admin API and written to the log.
 */
final class WebhookRefused extends Exception {

  private static final long serialVersionUID = 1L;

  WebhookRefused(String reason) {
    super(reason);
  }
}
