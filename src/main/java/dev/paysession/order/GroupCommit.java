package dev.paysession.order;

import dev.paysession.order.PendingOrder.OrderKey;
import io.agroal.api.AgroalDataSource;
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
 * Group commit for {@code POST /session}: a few writer threads each take every order waiting in
 * their queue, write them in one transaction ({@link OrderBatch}) and complete each caller only
 * after that transaction committed. With fsync on, a commit costs a disk flush and a round trip
 * however many orders it carries; concurrent requests now share them.
 *
 * <p>Orders are routed to a writer by their unique key, so calls for the same order never race each
 * other in two transactions, and a batch holds each key at most once (a repeat waits for the next
 * batch, where it finds the first one committed, exactly as it would have without batching). When a
 * batch fails, no order in it is acknowledged on the batch's word: each is written again in a
 * transaction of its own, so one bad order fails alone.
 */
final class GroupCommit implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(GroupCommit.class);

  private final AgroalDataSource dataSource;
  private final int maxBatch;
  private final List<BlockingQueue<PendingOrder>> queues = new ArrayList<>();
  private final List<Thread> writers = new ArrayList<>();
  private volatile boolean closing;

  GroupCommit(AgroalDataSource dataSource, int writerCount, int maxBatch) {
    this.dataSource = dataSource;
    this.maxBatch = maxBatch;
    for (int i = 0; i < writerCount; i++) {
      BlockingQueue<PendingOrder> queue = new LinkedBlockingQueue<>();
      Thread writer = new Thread(() -> run(queue), "order-writer-" + i);
      writer.setDaemon(true);
      queues.add(queue);
      writers.add(writer);
      writer.start();
    }
  }

  void submit(PendingOrder pending) {
    if (closing) {
      pending.result().completeExceptionally(shuttingDown());
      return;
    }
    OrderKey key = pending.key();
    queues.get(Math.floorMod(key.hashCode(), queues.size())).add(pending);
  }

  private void run(BlockingQueue<PendingOrder> queue) {
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
    Map<PendingOrder, OrderBatch.Outcome> outcomes;
    try (Connection connection = dataSource.getConnection()) {
      outcomes = OrderBatch.write(connection, batch);
    } catch (SQLException | RuntimeException e) {
      if (batch.size() == 1 || isConnectionFailure(e)) {
        // Without a database, retrying one by one would only make each caller wait longer.
        batch.forEach(pending -> pending.result().completeExceptionally(e));
      } else {
        for (PendingOrder pending : batch) {
          write(List.of(pending));
        }
      }
      return;
    }
    // Committed: only now may anyone hear that their order exists.
    for (PendingOrder pending : batch) {
      OrderBatch.Outcome outcome = outcomes.get(pending);
      if (outcome.refused() != null) {
        pending.result().completeExceptionally(outcome.refused());
      } else {
        pending.result().complete(outcome.stored());
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
    // A submit that raced close() may have queued after its writer left.
    for (BlockingQueue<PendingOrder> queue : queues) {
      for (PendingOrder pending; (pending = queue.poll()) != null; ) {
        pending.result().completeExceptionally(shuttingDown());
      }
    }
  }

  /** SQLState class 08 is "connection exception"; Agroal reports an empty pool by its message. */
  private static boolean isConnectionFailure(Exception e) {
    if (!(e instanceof SQLException error)) {
      return false;
    }
    String state = error.getSQLState();
    return error instanceof SQLTransientConnectionException
        || (state != null && (state.startsWith("08") || state.equals("57P01")))
        || (error.getMessage() != null && error.getMessage().startsWith("Acquisition timeout"));
  }

  private static SQLException shuttingDown() {
    return new SQLTransientConnectionException("paysession is shutting down", "08006");
  }
}
