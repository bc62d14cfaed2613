package dev.paysession.webhook;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/**
 * What a webhook's {@code content} holds: one key, chosen by the event ({@code order}, {@code txn},
 * later {@code mandate} and {@code notification}), and its object, rendered from the event's
 * subject {@code S} inside the transaction of the change the event reports (juspay-real-wire §0
 * item 8, §6).
 */
public interface WebhookContent<S> {

  /** The one key under {@code content}. */
  String key();

  /** Writes the key's value (one JSON value) at the generator's position. */
  void write(JsonGenerator json, S subject) throws IOException;
}
