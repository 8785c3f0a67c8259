package dev.graspsync.sync.engine;

import dev.graspsync.sync.state.SyncStateStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs sync-state reads and writes on one dedicated worker thread, in submission order, so
 * event loops never touch the disk and a relay's transitions land in the order they happened.
 */
final class StateWriter {
  private static final Logger log = LoggerFactory.getLogger(StateWriter.class);

  private final SyncStateStore store;
  private final WorkerExecutor executor;

  StateWriter(Vertx vertx, SyncStateStore store) {
    this.store = store;
    this.executor = vertx.createSharedWorkerExecutor("grasp-sync-state", 1);
  }

  <T> Future<T> read(Function<SyncStateStore, T> query) {
    return executor.executeBlocking(() -> query.apply(store), true);
  }

  /** Fire and forget; a failure is logged (the next transition or restart re-derives the state). */
  void write(Consumer<SyncStateStore> change) {
    Callable<Void> task = () -> {
      change.accept(store);
      return null;
    };
    executor.executeBlocking(task, true).onFailure(e -> log.warn("sync state write failed: {}", e.getMessage()));
  }

  Future<Void> close() {
    Callable<Void> task = () -> {
      store.close();
      return null;
    };
    return executor.executeBlocking(task, true).eventually(executor::close);
  }
}
