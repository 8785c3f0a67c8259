package dev.graspsync.sync.engine;

import dev.graspsync.sync.state.SyncStateStore;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs sync-state reads and writes on one dedicated thread, in one queue in submission order
 * whatever event loop submits them, so event loops never touch the disk, a relay's
 * transitions land in the order they happened, and closing the store comes after every write
 * submitted before it. A Vert.x worker executor orders tasks per submitting context only: a
 * close from one context could overtake a write from another, and RocksDB used after close
 * crashes the JVM. Writes submitted after close are dropped (shutdown is under way).
 */
final class StateWriter {
  private static final Logger log = LoggerFactory.getLogger(StateWriter.class);

  private final Vertx vertx;
  private final SyncStateStore store;
  /** Tasks waiting for the thread: counted as a gauge, since every relay's transitions queue here. */
  private final LinkedBlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();
  private final ExecutorService thread = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, queue, r -> {
    Thread t = new Thread(r, "grasp-sync-state");
    t.setDaemon(true);
    return t;
  });

  StateWriter(Vertx vertx, SyncStateStore store) {
    this.vertx = vertx;
    this.store = store;
  }

  /** Reads and writes submitted and not yet started. */
  int queued() {
    return queue.size();
  }

  /** The query's result, delivered on the caller's context. */
  <T> Future<T> read(Function<SyncStateStore, T> query) {
    Context caller = vertx.getOrCreateContext();
    Promise<T> result = Promise.promise();
    submit(() -> {
      try {
        T value = query.apply(store);
        caller.runOnContext(v -> result.complete(value));
      } catch (RuntimeException e) {
        caller.runOnContext(v -> result.fail(e));
      }
    }, result);
    return result.future();
  }

  /** Fire and forget; a failure is logged (the next transition or restart re-derives the state). */
  void write(Consumer<SyncStateStore> change) {
    submit(() -> {
      try {
        change.accept(store);
      } catch (RuntimeException e) {
        log.warn("sync state write failed: {}", e.getMessage());
      }
    }, null);
  }

  /** Closes the store after every task submitted before; completes on the caller's context. */
  Future<Void> close() {
    Context caller = vertx.getOrCreateContext();
    Promise<Void> closed = Promise.promise();
    submit(() -> {
      try {
        store.close();
        caller.runOnContext(v -> closed.complete());
      } catch (RuntimeException e) {
        caller.runOnContext(v -> closed.fail(e));
      }
    }, closed);
    thread.shutdown();
    return closed.future();
  }

  private void submit(Runnable task, Promise<?> onRejected) {
    try {
      thread.execute(task);
    } catch (RejectedExecutionException e) {
      log.debug("sync state task after close dropped");
      if (onRejected != null) {
        onRejected.tryFail(new IllegalStateException("sync state closed"));
      }
    }
  }
}
