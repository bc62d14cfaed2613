package dev.paysession.mandate;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.paysession.webhook.WebhookContent;
import dev.paysession.webhook.WebhookEvent;
import java.io.IOException;

/**
 * The pre-debit notification events, with Juspay's names (juspay-lifecycle §2.8), each carrying
 * {@code content.notification}: the notification object as the gateway answered it.
 */
public enum NotificationEvent implements WebhookEvent<NotificationRecord> {
  NOTIFICATION_SUCCEEDED,
  NOTIFICATION_FAILED;

  private static final WebhookContent<NotificationRecord> CONTENT =
      new WebhookContent<>() {
        @Override
        public String key() {
          return "notification";
        }

        @Override
        public void write(JsonGenerator json, NotificationRecord notification) throws IOException {
          json.writeObject(NotificationView.of(notification));
        }
      };

  @Override
  public WebhookContent<NotificationRecord> content() {
    return CONTENT;
  }

  static NotificationEvent of(NotificationRecord notification) {
    return notification.succeeded() ? NOTIFICATION_SUCCEEDED : NOTIFICATION_FAILED;
  }
}
