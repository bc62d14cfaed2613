package dev.paysession.webhook;

import dev.paysession.api.Secret;
import dev.paysession.merchant.MerchantStore;
import dev.paysession.merchant.WebhookSettings;
import dev.paysession.rules.Urls;
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
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
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
  // Bounds what is remembered of failing endpoints; the least recently failed are forgotten first.
  private static final int MAX_REMEMBERED_FAILING = 10_000;
  // A recovered destination's waiting retries are brought forward this many at a time, one batch
  // per webhook it takes: the catch-up goes at the endpoint's own pace, between other webhooks.
  private static final int HURRY_BATCH = 20;

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
  private final int maxPerFailingOrigin;
  private final int maxPerOrigin;
  private final int maxPerMerchant;
  // Sends in flight per origin (scheme://host:port), on this node.
  private final Map<String, Integer> inFlight = new ConcurrentHashMap<>();
  // Events claimed and not yet finished per merchant, on this node; the claim gives each merchant
  // at most maxPerMerchant of them.
  private final Map<String, Integer> claimedByMerchant = new ConcurrentHashMap<>();
  private final Counter delivered;
  private final Counter retried;
  private final Counter failed;
  private final Timer lag;
  private final AtomicLong oldestPendingSeconds = new AtomicLong();
  // Origins whose last attempt failed: they get only a share of the senders (a timeout costs a
  // sender the whole timeout) until one of their webhooks goes through.
  private final Set<String> failingOrigins = recentSet();
  // Destinations that failed since they last took a webhook, or are still catching up: when one
  // takes a webhook, the retries waiting for it are brought forward, a batch at a time.
  private final Set<Destination> catchingUp = recentSet();

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
      WebhookConfig config) {
    Duration timeout = config.timeout();
    int senders = config.senders();
    this.events = events;
    this.merchants = merchants;
    this.clock = clock;
    this.vertx = vertx;
    this.retries = RetrySchedule.parse(config.retryDelays());
    this.timeout = timeout;
    this.lease = PREPARE_BUDGET.plus(timeout).plus(RECORD_MARGIN);
    this.pollEvery = config.pollEvery();
    // Bounds (senders >= 1, positive durations) are checked by WebhookConfig at start.
    this.addresses = new WebhookAddressPolicy(config.allowPrivate(), WebhookAddressPolicy.SYSTEM);
    this.senders = senders;
    this.freeSenders = new Semaphore(senders);
    this.maxPerFailingOrigin = Math.max(1, senders / 4);
    // One origin may serve many merchants (a shared webhook host); a slow one keeps half.
    this.maxPerOrigin = Math.max(1, senders / 2);
    this.maxPerMerchant =
        Math.min(senders, config.sendersPerMerchant().orElse(Math.max(1, senders / 4)));
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
    sender = new WebhookSender(vertx, senders, timeout);
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
      senderThreads.awaitTermination(2, TimeUnit.SECONDS);
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
        events.claim(now, now.plus(lease), free, maxPerMerchant, Map.copyOf(claimedByMerchant));
    for (WebhookEventStore.Claimed event : claimed) {
      freeSenders.acquireUninterruptibly();
      count(claimedByMerchant, event.merchantId(), +1);
      try {
        senderThreads.execute(
            () -> {
              try {
                deliver(event, now);
              } catch (SQLException | RuntimeException e) {
                // Its lease runs out and another round sends it again.
                LOG.warnf(
                    "Webhook %s: recording the delivery failed: %s",
                    event.eventId(), e.getMessage());
              } catch (InterruptedException e) {
                // Shutting down: the event is not charged a failure; its lease hands it back.
                Thread.currentThread().interrupt();
              } finally {
                count(claimedByMerchant, event.merchantId(), -1);
                freeSenders.release();
                LockSupport.unpark(claimer);
              }
            });
      } catch (RejectedExecutionException shuttingDown) {
        // The lease hands the rest of the batch back to whoever runs next.
        count(claimedByMerchant, event.merchantId(), -1);
        freeSenders.release();
        return false;
      }
    }
    return claimed.size() == free;
  }

  /** What a send to an origin could not start for. */
  private enum Refusal {
    NONE,
    FAILING_ORIGIN_FULL,
    ORIGIN_FULL
  }

  /**
   * One more send to {@code origin}. An origin gets half of the senders (several merchants may
   * share a slow one), and one that is failing only a quarter, so an endpoint that times out cannot
   * tie up every sender.
   */
  private Refusal takeSlot(String origin) {
    boolean failing = failingOrigins.contains(origin);
    Refusal[] refusal = {Refusal.NONE};
    inFlight.compute(
        origin,
        (key, count) -> {
          int sending = count == null ? 0 : count;
          if (failing && sending >= maxPerFailingOrigin) {
            refusal[0] = Refusal.FAILING_ORIGIN_FULL;
            return count;
          }
          if (sending >= maxPerOrigin) {
            refusal[0] = Refusal.ORIGIN_FULL;
            return count;
          }
          return sending + 1;
        });
    return refusal[0];
  }

  /** Entries go when their count does, so the map holds only origins being sent to. */
  private void freeSlot(String origin) {
    count(inFlight, origin, -1);
  }

  private static void count(Map<String, Integer> counts, String key, int change) {
    counts.compute(
        key,
        (k, count) -> {
          int now = (count == null ? 0 : count) + change;
          return now <= 0 ? null : now;
        });
  }

  private void deliver(WebhookEventStore.Claimed event, Instant claimedAt)
      throws SQLException, InterruptedException {
    Instant started = clock.instant();
    Optional<WebhookSettings.Endpoint> endpoint;
    try {
      endpoint = merchants.webhookEndpoint(event.merchantId(), started);
    } catch (RuntimeException e) {
      // A secret that no longer opens (the master key changed) must not bring the event back
      // forever unseen: it fails like any attempt and shows in the delivery log.
      LOG.errorf(
          "Webhook %s: the merchant's webhook settings cannot be read: %s",
          event.eventId(), e.getClass().getName());
      finishFailed(
          event,
          attempt(
              started, Optional.empty(), Optional.empty(), "webhook settings unreadable", false),
          "webhook settings unreadable");
      return;
    }
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
    URI target;
    try {
      target = new URI(url.get());
    } catch (URISyntaxException e) {
      // Stored URLs passed the URL rules; one that does not parse fails like any attempt.
      finishFailed(
          event,
          attempt(started, Optional.of(shownUrl), Optional.empty(), "not a valid URL", false),
          "not a valid URL");
      return;
    }
    String origin = origin(target);
    Refusal refusal = takeSlot(origin);
    if (refusal == Refusal.ORIGIN_FULL) {
      // A healthy origin busy with other webhooks: not an attempt, just a later turn.
      events.release(event, clock.instant().plus(pollEvery));
      return;
    }
    if (refusal == Refusal.FAILING_ORIGIN_FULL) {
      // Not tried: the origin is failing and already has its share of senders. This counts as a
      // failed attempt, so the event follows the retry schedule instead of cycling; the first of
      // the origin's webhooks to go through brings the retries forward again.
      finishFailed(
          event,
          attempt(
              started,
              Optional.of(shownUrl),
              Optional.empty(),
              "not sent: " + origin + " is failing and already has its share of deliveries",
              false),
          "origin failing");
      return;
    }
    WebhookSender.Result result;
    try {
      result = send(event, endpoint.get(), target, claimedAt);
    } finally {
      freeSlot(origin);
    }
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
      failingOrigins.remove(origin);
      Destination destination = Destination.of(event);
      if (catchingUp.contains(destination)
          && events.hurryRetries(event.merchantId(), event.orderWebhookUrl(), finished, HURRY_BATCH)
              < HURRY_BATCH) {
        catchingUp.remove(destination);
      }
      return;
    }
    failingOrigins.add(origin);
    catchingUp.add(Destination.of(event));
    finishFailed(event, attempt, result.describe());
  }

  /** Records a failed attempt: a retry per the schedule, or FAILED once the retries are used up. */
  private void finishFailed(
      WebhookEventStore.Claimed event, WebhookEventStore.Attempt attempt, String reason)
      throws SQLException {
    Instant finished = clock.instant();
    String shownUrl = attempt.url().orElse("(no URL)");
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
          event.eventId(), event.eventName(), shownUrl, reason, failures, retryIn.get());
    } else {
      failed.increment();
      LOG.warnf(
          "Webhook %s (%s) to %s failed for good after %d attempts: %s",
          event.eventId(), event.eventName(), shownUrl, failures, reason);
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
      URI target,
      Instant claimedAt)
      throws InterruptedException {
    try {
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
   * custom headers) plus the Standard Webhooks signature. The credentials go only to the merchant's
   * configured URL or a path under it (same scheme, host and port): an order's own URL elsewhere
   * gets the signature alone, so a {@code metadata.webhook_url} cannot collect them, not even from
   * another tenant's path on a shared webhook host.
   */
  private static Map<String, String> headers(
      WebhookEventStore.Claimed event,
      WebhookSettings.Endpoint endpoint,
      URI target,
      Instant now,
      byte[] body) {
    Map<String, String> headers = new LinkedHashMap<>();
    WebhookSettings settings = endpoint.settings();
    if (isUnderMerchantsUrl(settings, target)) {
      settings.headers().forEach((name, value) -> headers.put(name, value.reveal()));
      if (settings.username().isPresent() && settings.password().isPresent()) {
        String credentials = settings.username().get() + ":" + settings.password().get().reveal();
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
          WebhookSignature.header(
              endpoint.signingSecrets().stream().map(Secret::reveal).toList(),
              event.eventId(),
              timestamp,
              body));
    }
    return headers;
  }

  /** The merchant's configured URL, or a path under it at the same origin. */
  static boolean isUnderMerchantsUrl(WebhookSettings settings, URI target) {
    return settings
        .url()
        .map(URI::create)
        .filter(
            configured ->
                origin(configured).equals(origin(target))
                    && isUnder(target.getRawPath(), configured.getRawPath()))
        .isPresent();
  }

  /**
   * {@code /hooks/orders/1} is under {@code /hooks}; {@code /hooks-evil} is not, and neither is any
   * path a server could resolve elsewhere ({@code /hooks/../other}), which an order stored before
   * such URLs were refused may still carry.
   */
  private static boolean isUnder(String path, String base) {
    if (Urls.hasAmbiguousPath(path)) {
      return false;
    }
    String root = base == null || base.isEmpty() ? "/" : base;
    String directory = root.endsWith("/") ? root : root + "/";
    String target = path == null || path.isEmpty() ? "/" : path;
    return target.equals(root) || target.startsWith(directory);
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

  /** {@code scheme://host:port}: one endpoint, whichever path or order it serves. */
  static String origin(URI uri) {
    return uri.getScheme().toLowerCase(Locale.ROOT)
        + "://"
        + uri.getHost().toLowerCase(Locale.ROOT)
        + ":"
        + effectivePort(uri);
  }

  /** A thread-safe set that forgets its least recently added member beyond a bound. */
  private static <T> Set<T> recentSet() {
    return Collections.synchronizedSet(
        Collections.newSetFromMap(
            new LinkedHashMap<T, Boolean>(16, 0.75f, true) {
              @Override
              protected boolean removeEldestEntry(Map.Entry<T, Boolean> eldest) {
                return size() > MAX_REMEMBERED_FAILING;
              }
            }));
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
