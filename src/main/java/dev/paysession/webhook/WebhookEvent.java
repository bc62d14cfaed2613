package dev.paysession.webhook;

/**
 * A kind of webhook event: Juspay's {@code event_name} and what its {@code content} carries, for
 * events about a subject of type {@code S} (an order and its attempts, later a mandate, a
 * notification). Each feature declares its own events, usually an enum implementing this beside the
 * feature ({@link PaymentEvent} for payments), and hands them to {@link WebhookOutbox}: a new event
 * or a new kind of content needs no change in this package.
 */
public interface WebhookEvent<S> {

  /** Juspay's event name, {@code ORDER_SUCCEEDED}; an enum's own name. */
  String name();

  /** What the payload's {@code content} holds for this event. */
  WebhookContent<S> content();
}
