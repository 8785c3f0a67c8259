package dev.graspsync.spi.hosting;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.function.Supplier;

/** The SPI's promise that futures complete on the caller's Vert.x context. */
public final class CallerContext {
  private CallerContext() {}

  /**
   * Runs {@code work} and completes on the caller's Vert.x context (when there is one),
   * whatever thread the host finished on; a throw becomes a failed future.
   */
  public static <T> Future<T> complete(Supplier<Future<T>> work) {
    Context caller = Vertx.currentContext();
    Future<T> result;
    try {
      result = work.get();
    } catch (RuntimeException e) {
      result = Future.failedFuture(e);
    }
    if (caller == null) {
      return result;
    }
    Thread callerThread = Thread.currentThread();
    Promise<T> onCaller = Promise.promise();
    result.onComplete(ar -> {
      if (Thread.currentThread() == callerThread && Vertx.currentContext() == caller) {
        onCaller.handle(ar);
      } else {
        caller.runOnContext(v -> onCaller.handle(ar));
      }
    });
    return onCaller.future();
  }
}
