package dev.paysession.order;

import dev.paysession.api.ApiExceptionMappers;
import dev.paysession.order.PendingOrder.OrderKey;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Group commit for {@code POST /session}: a writer thread takes every order waiting in the queue,
 * writes them in one transaction ({@link OrderBatch}) and completes each caller only after that
 * transaction committed. A commit costs a round trip, a disk flush and PostgreSQL's per-statement
 * work however many orders it carries; concurrent requests now share them. With more than one
 * writer, the next batch is written while the previous one commits.
 *
 * <p>A batch holds each key at most once: a repeat goes into the next transaction, where it finds
 * the first one committed, as it would have without batching. Two writers' transactions may race
 * for the same key; the unique key decides, exactly as between two requests' transactions before.
 * When a batch fails, no order in it is acknowledged on the batch's word: each is written again in
 * a transaction of its own, so one bad order fails alone.
 */
final class GroupCommit implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(GroupCommit.class);

  private final AgroalDataSource dataSource;
  private final int maxBatch;
  private final DistributionSummary batchSizes;
  private final Timer transactions;
  private final BlockingQueue<PendingOrder> queue = new LinkedBlockingQueue<>();
  private final List<Thread> writers = new ArrayList<>();
  private volatile boolean closing;

  GroupCommit(AgroalDataSource dataSource, int writerCount, int maxBatch, MeterRegistry registry) {
    this.dataSource = dataSource;
    this.maxBatch = maxBatch;
    this.batchSizes =
        DistributionSummary.builder("paysession.orders.group.commit.batch")
            .description("Orders written per group-commit transaction")
            .register(registry);
    this.transactions =
        Timer.builder("paysession.orders.group.commit.transaction")
            .description("Group-commit transactions, from first statement to commit")
            .register(registry);
    for (int i = 0; i < writerCount; i++) {
      Thread writer = new Thread(this::run, "order-writer-" + i);
      writer.setDaemon(true);
      writers.add(writer);
      writer.start();
    }
  }

  void submit(PendingOrder pending) {
    if (closing) {
      pending.result().completeExceptionally(shuttingDown());
      return;
    }
    queue.add(pending);
  }

  private void run() {
    List<PendingOrder> batch = new ArrayList<>(maxBatch);
    while (true) {
      PendingOrder first;
      try {
        first = queue.poll(100, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        first = null;
      }
      if (first == null) {
        if (closing) {
          return;
        }
        continue;
      }
      batch.add(first);
      queue.drainTo(batch, maxBatch - 1);
      try {
        writeAll(batch);
      } catch (RuntimeException | Error e) {
        // Never leave a caller waiting: whatever was not completed fails.
        LOG.error("Order writer failed", e);
        batch.forEach(pending -> pending.result().completeExceptionally(e));
      }
      batch.clear();
    }
  }

  /** Writes the batch; a repeated key goes into a following transaction. */
  private void writeAll(List<PendingOrder> batch) {
    List<PendingOrder> rest = batch;
    while (!rest.isEmpty()) {
      List<PendingOrder> unique = new ArrayList<>(rest.size());
      List<PendingOrder> repeated = new ArrayList<>();
      Set<OrderKey> keys = new HashSet<>();
      for (PendingOrder pending : rest) {
        (keys.add(pending.key()) ? unique : repeated).add(pending);
      }
      write(unique);
      rest = repeated;
    }
  }

  private void write(List<PendingOrder> batch) {
    List<PendingOrder> existing = new ArrayList<>();
    Exception failure;
    try (Connection connection = dataSource.getConnection()) {
      long started = System.nanoTime();
      Map<PendingOrder, StoredOrder> created = OrderBatch.insertNew(connection, batch);
      transactions.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
      batchSizes.record(batch.size());
      for (PendingOrder pending : batch) {
        StoredOrder stored = created.get(pending);
        if (stored != null) {
          pending.result().complete(stored); // committed: only now may the caller hear of it
        } else {
          existing.add(pending);
        }
      }
      if (existing.isEmpty()) {
        return;
      }
      try {
        Map<PendingOrder, OrderBatch.Outcome> outcomes =
            OrderBatch.reuseExisting(connection, existing);
        for (PendingOrder pending : existing) {
          OrderBatch.Outcome outcome = outcomes.get(pending);
          if (outcome.refused() != null) {
            pending.result().completeExceptionally(outcome.refused());
          } else {
            pending.result().complete(outcome.stored());
          }
        }
        return;
      } catch (SQLException | RuntimeException e) {
        failure = e;
      }
    } catch (SQLException | RuntimeException e) {
      // Nothing of this batch was committed (or, failing on close, everyone was already told).
      existing = batch.stream().filter(pending -> !pending.result().isDone()).toList();
      failure = e;
    }
    retryAlone(existing, failure);
  }

  /**
   * A failed transaction acknowledges nobody: each of its orders is written again on its own, so
   * one bad order fails alone. Without a database, retrying one by one would only make each caller
   * wait longer: everyone fails at once.
   */
  private void retryAlone(List<PendingOrder> failed, Exception failure) {
    if (isConnectionFailure(failure)) {
      failed.forEach(pending -> pending.result().completeExceptionally(failure));
      // Orders queued while this batch waited for a connection would only wait as long again for
      // the next attempt: with the database gone, they get their 503 now (none was written).
      List<PendingOrder> queued = new ArrayList<>();
      queue.drainTo(queued);
      queued.forEach(pending -> pending.result().completeExceptionally(failure));
    } else if (failed.size() == 1) {
      failed.forEach(pending -> pending.result().completeExceptionally(failure));
    } else {
      for (PendingOrder pending : failed) {
        write(List.of(pending));
      }
    }
  }

  /** Writes what is already queued, then stops; later submissions fail as unavailable. */
  @Override
  public void close() {
    closing = true;
    for (Thread writer : writers) {
      try {
        writer.join(TimeUnit.SECONDS.toMillis(30));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    // A submit that raced close() may have queued after the writers left.
    for (PendingOrder pending; (pending = queue.poll()) != null; ) {
      pending.result().completeExceptionally(shuttingDown());
    }
  }

  /** The database is gone or refusing us, by the same rule that answers such failures with 503. */
  private static boolean isConnectionFailure(Exception e) {
    return e instanceof SQLException error && ApiExceptionMappers.isConnectionFailure(error);
  }

  private static SQLException shuttingDown() {
    return new SQLTransientConnectionException("paysession is shutting down", "08006");
  }
}
