package dev.paysession.webhook;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Webhook receivers for a test, closed after it: {@code @RegisterExtension final Receivers
 * receivers = new Receivers();} then {@code receivers.start()}.
 */
final class Receivers implements AfterEachCallback {

  private final List<WebhookReceiver> started = new CopyOnWriteArrayList<>();

  WebhookReceiver start() {
    WebhookReceiver receiver = WebhookReceiver.start();
    started.add(receiver);
    return receiver;
  }

  @Override
  public void afterEach(ExtensionContext context) {
    started.forEach(WebhookReceiver::close);
    started.clear();
  }
}
