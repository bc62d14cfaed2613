package dev.paysession.merchant;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Successful API-key lookups, kept for a few seconds so that {@code POST /session} does not query
 * PostgreSQL for the merchant on every request.
 *
 * <p>Entries are keyed by merchant id and the key's keyed hash (never the key itself) and only
 * positive answers are kept, so guessed keys cannot fill it. A write through this server ({@link
 * #forget}) takes effect at once; a change made elsewhere (another paysession instance on the same
 * database, a manual {@code UPDATE}) is seen within the TTL at the latest.
 */
final class ActiveKeyCache {

  private record Key(String merchantId, ByteBuffer keyHash) {}

  private record Entry(Merchant merchant, long expiresAtNanos) {}

  private final ConcurrentHashMap<Key, Entry> entries = new ConcurrentHashMap<>();

  /** Bumped by every {@link #forget}, so a lookup that raced a write does not cache its answer. */
  private final AtomicLong generation = new AtomicLong();

  private final long ttlNanos;
  private final int maxEntries;
  private final LongSupplier nanoTime;

  ActiveKeyCache(Duration ttl, int maxEntries, LongSupplier nanoTime) {
    this.ttlNanos = ttl.toNanos();
    this.maxEntries = maxEntries;
    this.nanoTime = nanoTime;
  }

  boolean enabled() {
    return ttlNanos > 0;
  }

  Optional<Merchant> get(String merchantId, byte[] keyHash) {
    if (!enabled()) {
      return Optional.empty();
    }
    Key key = new Key(merchantId, ByteBuffer.wrap(keyHash));
    Entry entry = entries.get(key);
    if (entry == null) {
      return Optional.empty();
    }
    if (nanoTime.getAsLong() - entry.expiresAtNanos() >= 0) {
      entries.remove(key, entry);
      return Optional.empty();
    }
    return Optional.of(entry.merchant());
  }

  /** Read before the database lookup whose answer is then offered to {@link #put}. */
  long generation() {
    return generation.get();
  }

  void put(String merchantId, byte[] keyHash, Merchant merchant, long generationBeforeLookup) {
    if (!enabled() || generation.get() != generationBeforeLookup) {
      return;
    }
    long now = nanoTime.getAsLong();
    if (entries.size() >= maxEntries) {
      entries.values().removeIf(entry -> now - entry.expiresAtNanos() >= 0);
      if (entries.size() >= maxEntries) {
        return; // full of live entries: serve from the database rather than grow
      }
    }
    Key key = new Key(merchantId, ByteBuffer.wrap(keyHash.clone()));
    entries.put(key, new Entry(merchant, now + ttlNanos));
    if (generation.get() != generationBeforeLookup) {
      entries.remove(key); // a forget() ran meanwhile; its removal may have missed this entry
    }
  }

  /** Drops everything known about this merchant: its settings or keys just changed. */
  void forget(String merchantId) {
    generation.incrementAndGet();
    entries.keySet().removeIf(key -> key.merchantId().equals(merchantId));
  }

  int size() {
    return entries.size();
  }
}
