package dev.graspsync.engine;

import dev.graspsync.engine.store.StoreClosedException;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.util.concurrent.Callable;
import java.util.concurrent.RejectedExecutionException;

/** Blocking work on a bounded pool, as a future; a pool closed by shutdown gives a failed future, not a throw. */
public final class Workers {
  private Workers() {}

  public static <T> Future<T> run(WorkerExecutor pool, Callable<T> work) {
    try {
      return pool.executeBlocking(work, false);
    } catch (RejectedExecutionException e) {
      return Future.failedFuture(new StoreClosedException());
    }
  }
}
