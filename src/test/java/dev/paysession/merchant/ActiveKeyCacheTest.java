package dev.paysession.merchant;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ActiveKeyCacheTest {

  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private final ActiveKeyCache cache = new ActiveKeyCache(Duration.ofSeconds(5), 3, now::get);

  private static Merchant merchant(String id) {
    return new Merchant(
        id,
        "Shop " + id,
        Environment.SANDBOX,
        Set.of(id),
        Optional.empty(),
        List.of("INR"),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  private static byte[] hash(int b) {
    byte[] hash = new byte[32];
    hash[0] = (byte) b;
    return hash;
  }

  @Test
  void aFoundKeyIsServedUntilItsTtlEnds() {
    cache.put("m1", hash(1), merchant("m1"), cache.generation());
    assertThat(cache.get("m1", hash(1))).contains(merchant("m1"));

    now.addAndGet(Duration.ofSeconds(5).toNanos() - 1);
    assertThat(cache.get("m1", hash(1))).isPresent();
    now.addAndGet(1);
    assertThat(cache.get("m1", hash(1))).isEmpty();
    assertThat(cache.size()).isZero();
  }

  @Test
  void entriesAreKeyedByMerchantAndKeyHashContent() {
    cache.put("m1", hash(1), merchant("m1"), cache.generation());
    assertThat(cache.get("m1", hash(1))).isPresent(); // an equal array, not the same one
    assertThat(cache.get("m1", hash(2))).isEmpty();
    assertThat(cache.get("m2", hash(1))).isEmpty();
  }

  @Test
  void theCallersArrayIsCopied() {
    byte[] keyHash = hash(1);
    cache.put("m1", keyHash, merchant("m1"), cache.generation());
    keyHash[0] = 9;
    assertThat(cache.get("m1", hash(1))).isPresent();
  }

  @Test
  void forgetDropsOnlyThatMerchant() {
    cache.put("m1", hash(1), merchant("m1"), cache.generation());
    cache.put("m1", hash(2), merchant("m1"), cache.generation());
    cache.put("m2", hash(1), merchant("m2"), cache.generation());
    cache.forget("m1");
    assertThat(cache.get("m1", hash(1))).isEmpty();
    assertThat(cache.get("m1", hash(2))).isEmpty();
    assertThat(cache.get("m2", hash(1))).isPresent();
  }

  @Test
  void aLookupThatRacedAForgetIsNotCached() {
    long before = cache.generation();
    // ... the database lookup runs here and sees the key still active, then the key is revoked:
    cache.forget("m1");
    cache.put("m1", hash(1), merchant("m1"), before);
    assertThat(cache.get("m1", hash(1))).isEmpty();
  }

  @Test
  void aFullCacheDropsExpiredEntriesAndOtherwiseStopsGrowing() {
    cache.put("m1", hash(1), merchant("m1"), cache.generation());
    cache.put("m2", hash(1), merchant("m2"), cache.generation());
    cache.put("m3", hash(1), merchant("m3"), cache.generation());
    cache.put("m4", hash(1), merchant("m4"), cache.generation());
    assertThat(cache.size()).isEqualTo(3);
    assertThat(cache.get("m4", hash(1))).isEmpty();

    now.addAndGet(Duration.ofSeconds(6).toNanos());
    cache.put("m4", hash(1), merchant("m4"), cache.generation());
    assertThat(cache.size()).isEqualTo(1);
    assertThat(cache.get("m4", hash(1))).isPresent();
  }

  @Test
  void aZeroTtlTurnsItOff() {
    ActiveKeyCache off = new ActiveKeyCache(Duration.ZERO, 10, now::get);
    off.put("m1", hash(1), merchant("m1"), off.generation());
    assertThat(off.enabled()).isFalse();
    assertThat(off.get("m1", hash(1))).isEmpty();
    assertThat(off.size()).isZero();
  }
}
