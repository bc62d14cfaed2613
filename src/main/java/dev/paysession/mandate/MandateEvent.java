package dev.paysession.mandate;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.paysession.webhook.WebhookContent;
import dev.paysession.webhook.WebhookEvent;
import java.io.IOException;

/**
 * The mandate events, with Juspay's names (juspay-lifecycle §2.10), each carrying {@code
 * content.mandate}: the standalone mandate object as of the change. Juspay has no {@code
 * MANDATE_RESUMED}: a resumed mandate is active again and sends {@code MANDATE_ACTIVATED}.
 */
public enum MandateEvent implements WebhookEvent<MandateRecord> {
  MANDATE_CREATED,
  MANDATE_ACTIVATED,
  MANDATE_FAILED,
  MANDATE_PAUSED,
  MANDATE_REVOKED,
  MANDATE_EXPIRED;

  private static final WebhookContent<MandateRecord> CONTENT =
      new WebhookContent<>() {
        @Override
        public String key() {
          return "mandate";
        }

        @Override
        public void write(JsonGenerator json, MandateRecord mandate) throws IOException {
          json.writeObject(MandateView.of(mandate));
        }
      };

  @Override
  public WebhookContent<MandateRecord> content() {
    return CONTENT;
  }

  /** The event a mandate reaching {@code status} sends. */
  static MandateEvent of(MandateStatus status) {
    return switch (status) {
      case CREATED -> MANDATE_CREATED;
      case ACTIVE -> MANDATE_ACTIVATED;
      case FAILURE -> MANDATE_FAILED;
      case PAUSED -> MANDATE_PAUSED;
      case REVOKED -> MANDATE_REVOKED;
      case EXPIRED -> MANDATE_EXPIRED;
    };
  }
}
