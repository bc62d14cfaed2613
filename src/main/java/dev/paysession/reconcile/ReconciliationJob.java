package dev.paysession.reconcile;

import java.time.Instant;
import java.util.List;

/**
 * Work that must eventually finish outside any request: an attempt the gateway has not settled, a
 * refund it has not confirmed, later refund and mandate syncs. Each item carries its own next check
 * time, so one that stays open waits its turn (with a growing delay) instead of holding the head of
 * every batch. A job is a bean; {@link Reconciler} runs every one it finds.
 *
 * @param <T> one item of work, as {@link #due} reads it
 */
public interface ReconciliationJob<T> {

  /** Short and stable: it names the job in logs and metrics. */
  String name();

  /** At most {@code limit} items whose next check is due at {@code now}, longest due first. */
  List<Due<T>> due(Instant now, int limit) throws Exception;

  /**
   * Checks one item once and records whatever it learns. Returning normally means the check ran,
   * not that the item finished: {@link #retryLater} tells which.
   */
  void reconcile(T item, Instant now) throws Exception;

  /**
   * Called after every check made at {@code now}: an item still open is next due at {@code
   * nextCheckAt} (or earlier, if the job knows better), with {@code failures} checks in a row that
   * did not finish it. Returns false when the item has finished (it is no longer due, whatever the
   * times say).
   */
  boolean retryLater(T item, Instant now, Instant nextCheckAt, int failures) throws Exception;

  /**
   * An item due for a check.
   *
   * @param id what logs call it (never a secret)
   * @param failures checks in a row that have not finished it so far
   */
  record Due<T>(T item, String id, int failures) {}
}
