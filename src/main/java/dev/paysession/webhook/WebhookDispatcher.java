package dev.paysession.webhook;

import dev.paysession.merchant.MerchantStore;
import dev.paysession.merchant.WebhookSettings;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Delivers the outbox. One thread claims due events (as many as there are free senders) and hands
 * each to a sender thread; several nodes can run this at once (see {@link
 * WebhookEventStore#claim}). Delivery is at least once: an event whose sender died is sent again
 * after its lease, so receivers dedupe on {@code webhook-id}, as Juspay asks of them too.
 */
@ApplicationScoped
public class WebhookDispatcher {

  private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class);
  private static final Duration LAG_SAMPLE_EVERY = Duration.ofSeconds(10);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
  // A claim's lease covers looking up the endpoint and its address (at most this long, or the
  // event is not sent), the send (at most the timeout), and recording the outcome (this margin).
  private static final Duration PREPARE_BUDGET = Duration.ofSeconds(20);
  private static final Duration RECORD_MARGIN = Duration.ofSeconds(10);
  // How long an event waits when its destination already uses its share of the senders.
  private static final Duration BUSY_DESTINATION_PAUSE = Duration.ofSeconds(1);
  // Bounds the memory of failing destinations (order URLs that never recover would pile up);
  // forgetting one only means its retries keep their schedule.
  private static final int MAX_REMEMBERED_FAILING = 10_000;

  private final WebhookEventStore events;
  private final MerchantStore merchants;
  private final Clock clock;
  private final Vertx vertx;
  private final RetrySchedule retries;
  private final Duration timeout;
  private final Duration lease;
  private final Duration pollEvery;
  private final WebhookAddressPolicy addresses;
  private final int senders;
  private final Semaphore freeSenders;
  private final int maxPerFailingDestination;
  private final Map<Destination, Integer> inFlight = new ConcurrentHashMap<>();
  private final Counter delivered;
  private final Counter retried;
  private final Counter failed;
  private final Timer lag;
  private final AtomicLong oldestPendingSeconds = new AtomicLong();
  // Destinations that failed since they last took a webhook: when one takes a webhook again, the
  // retries waiting for it are brought forward.
  private final Set<Destination> failingDestinations = ConcurrentHashMap.newKeySet();

  /** Where an event goes: the merchant's URL (no order URL), or an order's own URL. */
  private record Destination(String merchantId, Optional<String> orderWebhookUrl) {
    static Destination of(WebhookEventStore.Claimed event) {
      return new Destination(event.merchantId(), event.orderWebhookUrl());
    }
  }

  private volatile boolean running;
  private Thread claimer;
  private ExecutorService senderThreads;
  private WebhookSender sender;
  private Instant lagSampledAt = Instant.EPOCH;

  WebhookDispatcher(
      WebhookEventStore events,
      MerchantStore merchants,
      Clock clock,
      Vertx vertx,
      MeterRegistry metrics,
      @ConfigProperty(name = "paysession.webhooks.retry-delays") String retryDelays,
      @ConfigProperty(name = "paysession.webhooks.timeout") Duration timeout,
      @ConfigProperty(name = "paysession.webhooks.allow-private") boolean allowPrivate,
      @ConfigProperty(name = "paysession.webhooks.senders") int senders,
      @ConfigProperty(name = "paysession.webhooks.poll-every") Duration pollEvery) {
    this.events = events;
    this.merchants = merchants;
    this.clock = clock;
    this.vertx = vertx;
    this.retries = RetrySchedule.parse(retryDelays);
    this.timeout = timeout;
    this.lease = PREPARE_BUDGET.plus(timeout).plus(RECORD_MARGIN);
    this.pollEvery = pollEvery;
    this.addresses = new WebhookAddressPolicy(allowPrivate, WebhookAddressPolicy.SYSTEM);
    this.senders = senders;
    this.freeSenders = new Semaphore(senders);
    this.maxPerFailingDestination = Math.max(1, senders / 4);
    this.delivered = metrics.counter("paysession.webhooks.delivered");
    this.retried = metrics.counter("paysession.webhooks.retried");
    this.failed = metrics.counter("paysession.webhooks.failed");
    this.lag =
        Timer.builder("paysession.webhooks.lag")
            .description("From the state change to the merchant's 2xx")
            .register(metrics);
    metrics.gauge("paysession.webhooks.oldest.pending.seconds", oldestPendingSeconds);
  }

  void start(@Observes StartupEvent startup) {
    sender = new WebhookSender(vertx, senders);
    senderThreads = Executors.newFixedThreadPool(senders, named("webhook-sender"));
    running = true;
    claimer = named("webhook-dispatcher").newThread(this::claimLoop);
    claimer.start();
  }

  void stop(@Observes ShutdownEvent shutdown) throws InterruptedException {
    running = false;
    if (claimer == null) {
      return;
    }
    claimer.interrupt();
    claimer.join(timeout.toMillis());
    senderThreads.shutdown();
    // In-flight deliveries get their timeout to finish; any cut short is sent again after its
    // lease.
    if (!senderThreads.awaitTermination(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS)) {
      senderThreads.shutdownNow();
    }
    sender.close();
  }

  private void claimLoop() {
    Duration wait = pollEvery;
    while (running) {
      boolean mayBeMore = false;
      try {
        mayBeMore = claimAndSend();
        sampleLag();
        wait = pollEvery;
      } catch (SQLException | RuntimeException e) {
        // Back off while the database is away, so an outage costs a log line now and then, not
        // one per poll; nothing is lost meanwhile, the events wait in the outbox.
        LOG.warnf("Claiming webhooks failed, retrying in %s: %s", wait, e.getMessage());
        wait = min(wait.multipliedBy(2), MAX_BACKOFF);
      }
      if (!mayBeMore && running) {
        // A sender finishing wakes us early: the next event of its order may now be due.
        LockSupport.parkNanos(wait.toNanos());
      }
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  /**
   * @return true when a full batch was claimed, so more may be due already
   */
  private boolean claimAndSend() throws SQLException {
    int free = freeSenders.availablePermits();
    if (free == 0) {
      return false;
    }
    Instant now = clock.instant();
    List<WebhookEventStore.Claimed> claimed =
        events.claim(now, now.plus(lease), free, busyMerchantUrls());
    for (WebhookEventStore.Claimed event : claimed) {
      Destination destination = Destination.of(event);
      if (!takeSlot(destination)) {
        // A failing endpoint may hold only its share of the senders; the rest stay free for
        // others. (Busy merchant URLs are not even claimed; this catches a batch of several.)
        events.release(event, now.plus(BUSY_DESTINATION_PAUSE));
        continue;
      }
      freeSenders.acquireUninterruptibly();
      senderThreads.execute(
          () -> {
            try {
              deliver(event, now);
            } catch (SQLException | RuntimeException e) {
              // Its lease runs out and another round sends it again.
              LOG.warnf(
                  "Webhook %s: recording the delivery failed: %s", event.eventId(), e.getMessage());
            } catch (InterruptedException e) {
              // Shutting down: the event is not charged a failure; its lease hands it back.
              Thread.currentThread().interrupt();
            } finally {
              freeSlot(destination);
              freeSenders.release();
              LockSupport.unpark(claimer);
            }
          });
    }
    return claimed.size() == free;
  }

  /** Merchants whose own URL is failing and already has its share of this node's senders. */
  private Set<String> busyMerchantUrls() {
    Set<String> busy = new HashSet<>();
    inFlight.forEach(
        (destination, count) -> {
          if (destination.orderWebhookUrl().isEmpty()
              && count >= maxPerFailingDestination
              && failingDestinations.contains(destination)) {
            busy.add(destination.merchantId());
          }
        });
    return busy;
  }

  /**
   * One more send to {@code destination}. A healthy destination may use every sender; one that is
   * failing (timeouts cost a sender the whole timeout) gets only its share.
   */
  private boolean takeSlot(Destination destination) {
    boolean failing = failingDestinations.contains(destination);
    boolean[] taken = {false};
    inFlight.compute(
        destination,
        (key, count) -> {
          int sending = count == null ? 0 : count;
          if (failing && sending >= maxPerFailingDestination) {
            return count;
          }
          taken[0] = true;
          return sending + 1;
        });
    return taken[0];
  }

  /** Entries go when their count does, so the map holds only destinations being sent to. */
  private void freeSlot(Destination destination) {
    inFlight.computeIfPresent(destination, (key, count) -> count <= 1 ? null : count - 1);
  }

  private void deliver(WebhookEventStore.Claimed event, Instant claimedAt)
      throws SQLException, InterruptedException {
    Instant started = clock.instant();
    Optional<WebhookSettings.Endpoint> endpoint =
        merchants.webhookEndpoint(event.merchantId(), started);
    Optional<String> url =
        event.orderWebhookUrl().or(() -> endpoint.flatMap(e -> e.settings().url()));
    if (url.isEmpty() || endpoint.isEmpty()) {
      // Juspay sends nothing without a configured URL; kept for the admin API and redelivery.
      events.finish(
          event,
          attempt(started, Optional.empty(), Optional.empty(), "no webhook URL configured", false),
          WebhookEventStore.Status.NO_ENDPOINT,
          event.failures(),
          Optional.empty(),
          started);
      return;
    }
    String shownUrl = withoutQuery(url.get());
    WebhookSender.Result result = send(event, endpoint.get(), url.get(), claimedAt);
    Instant finished = clock.instant();
    WebhookEventStore.Attempt attempt =
        attempt(
            started,
            Optional.of(shownUrl),
            result.httpStatus(),
            result.error().orElse(null),
            result.delivered(),
            result.latencyMs());
    if (result.delivered()) {
      if (events.finish(
          event,
          attempt,
          WebhookEventStore.Status.DELIVERED,
          event.failures(),
          Optional.empty(),
          finished)) {
        delivered.increment();
        lag.record(Duration.between(event.createdAt(), finished));
      }
      if (failingDestinations.remove(Destination.of(event))) {
        events.hurryRetries(event.merchantId(), event.orderWebhookUrl(), finished);
      }
      return;
    }
    if (failingDestinations.size() < MAX_REMEMBERED_FAILING) {
      failingDestinations.add(Destination.of(event));
    }
    int failures = event.failures() + 1;
    Optional<Duration> retryIn = retries.delayAfterFailure(failures);
    WebhookEventStore.Status status =
        retryIn.isPresent() ? WebhookEventStore.Status.PENDING : WebhookEventStore.Status.FAILED;
    boolean recorded =
        events.finish(event, attempt, status, failures, retryIn.map(finished::plus), finished);
    if (!recorded) {
      return;
    }
    if (retryIn.isPresent()) {
      retried.increment();
      // Retries are routine (metrics count them, the admin API lists each); giving up is not.
      LOG.debugf(
          "Webhook %s (%s) to %s: %s; retry %d in %s",
          event.eventId(), event.eventName(), shownUrl, result.describe(), failures, retryIn.get());
    } else {
      failed.increment();
      LOG.warnf(
          "Webhook %s (%s) to %s failed for good after %d attempts: %s",
          event.eventId(), event.eventName(), shownUrl, failures, result.describe());
    }
  }

  /**
   * Checks the address and sends, but only while the lease leaves room for the whole send: a slow
   * DNS answer or database must not let the lease run out mid-send, when another node could send
   * the event (and the order's next one) at the same time.
   */
  private WebhookSender.Result send(
      WebhookEventStore.Claimed event,
      WebhookSettings.Endpoint endpoint,
      String url,
      Instant claimedAt)
      throws InterruptedException {
    try {
      URI target = new URI(url);
      InetAddress address = addresses.check(target);
      if (clock.instant().isAfter(claimedAt.plus(PREPARE_BUDGET))) {
        return WebhookSender.Result.notSent("not sent: looking up the address took too long");
      }
      Instant now = clock.instant();
      byte[] body = event.payload().getBytes(StandardCharsets.UTF_8);
      return sender.send(
          target, address, headers(event, endpoint, target, now, body), body, timeout);
    } catch (WebhookRefused e) {
      return WebhookSender.Result.notSent(e.getMessage());
    } catch (URISyntaxException e) {
      return WebhookSender.Result.notSent("not a valid URL");
    } catch (RuntimeException e) {
      // Recorded as a failed attempt, so the event runs its retries and ends FAILED instead of
      // coming back forever unseen. Only the class: a message could quote a secret.
      LOG.errorf("Webhook %s could not be sent: %s", event.eventId(), e.getClass().getName());
      return WebhookSender.Result.notSent(
          "could not be sent (" + e.getClass().getSimpleName() + ")");
    }
  }

  /**
   * Juspay's headers (JSON, Basic auth with the merchant's username and password, the merchant's
   * custom headers) plus the Standard Webhooks signature. The credentials go only to the host of
   * the merchant's configured URL: an order's own URL on another host gets the signature alone, so
   * a {@code metadata.webhook_url} cannot collect them.
   */
  private static Map<String, String> headers(
      WebhookEventStore.Claimed event,
      WebhookSettings.Endpoint endpoint,
      URI target,
      Instant now,
      byte[] body) {
    Map<String, String> headers = new LinkedHashMap<>();
    WebhookSettings settings = endpoint.settings();
    if (isMerchantsOwnHost(settings, target)) {
      headers.putAll(settings.headers());
      if (settings.username().isPresent() && settings.password().isPresent()) {
        String credentials = settings.username().get() + ":" + settings.password().get();
        headers.put(
            "Authorization",
            "Basic "
                + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
      }
    }
    headers.put("Content-Type", "application/json");
    headers.put("User-Agent", "paysession-webhooks");
    long timestamp = now.getEpochSecond();
    headers.put("webhook-id", event.eventId());
    headers.put("webhook-timestamp", Long.toString(timestamp));
    if (!endpoint.signingSecrets().isEmpty()) {
      headers.put(
          "webhook-signature",
          WebhookSignature.header(endpoint.signingSecrets(), event.eventId(), timestamp, body));
    }
    return headers;
  }

  static boolean isMerchantsOwnHost(WebhookSettings settings, URI target) {
    return settings
        .url()
        .map(URI::create)
        .filter(
            configured ->
                configured.getHost() != null
                    && configured.getHost().equalsIgnoreCase(target.getHost())
                    && configured.getScheme().equalsIgnoreCase(target.getScheme())
                    && effectivePort(configured) == effectivePort(target))
        .isPresent();
  }

  /** {@code https://h/} and {@code https://h:443/} are the same place. */
  private static int effectivePort(URI url) {
    if (url.getPort() != -1) {
      return url.getPort();
    }
    return "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
  }

  private static WebhookEventStore.Attempt attempt(
      Instant started,
      Optional<String> url,
      Optional<Integer> httpStatus,
      String error,
      boolean delivered,
      long latencyMs) {
    return new WebhookEventStore.Attempt(
        0,
        started,
        url,
        url.isPresent()
            ? Optional.of((int) Math.min(latencyMs, Integer.MAX_VALUE))
            : Optional.empty(),
        httpStatus,
        Optional.ofNullable(error),
        delivered);
  }

  private static WebhookEventStore.Attempt attempt(
      Instant started,
      Optional<String> url,
      Optional<Integer> httpStatus,
      String error,
      boolean delivered) {
    return attempt(started, url, httpStatus, error, delivered, 0);
  }

  /** What is stored and logged of a URL: its query may carry the merchant's own token. */
  static String withoutQuery(String url) {
    int query = url.indexOf('?');
    return query < 0 ? url : url.substring(0, query) + "?…";
  }

  private void sampleLag() throws SQLException {
    Instant now = clock.instant();
    if (Duration.between(lagSampledAt, now).compareTo(LAG_SAMPLE_EVERY) < 0) {
      return;
    }
    lagSampledAt = now;
    oldestPendingSeconds.set(
        events.oldestPending().map(oldest -> Duration.between(oldest, now).toSeconds()).orElse(0L));
  }

  private static java.util.concurrent.ThreadFactory named(String name) {
    AtomicLong count = new AtomicLong();
    return runnable -> {
      Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
