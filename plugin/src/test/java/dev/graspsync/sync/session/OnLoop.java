package dev.graspsync.sync.session;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Runs test code on one event-loop context (a session's owner) and waits for it from the test thread. */
public final class OnLoop {
  public static final Duration WAIT = Duration.ofSeconds(20);

  private final Context context;

  public OnLoop(Vertx vertx) {
    this.context = vertx.getOrCreateContext();
  }

  public <T> T call(Supplier<T> work) {
    CompletableFuture<T> done = new CompletableFuture<>();
    context.runOnContext(
        v -> {
          try {
            done.complete(work.get());
          } catch (Throwable t) {
            done.completeExceptionally(t);
          }
        });
    return get(done);
  }

  public void run(Runnable work) {
    call(
        () -> {
          work.run();
          return Boolean.TRUE;
        });
  }

  /** Starts {@code work} on the loop and waits for the future it returns. */
  public <T> T await(Supplier<Future<T>> work) {
    CompletableFuture<T> done = new CompletableFuture<>();
    context.runOnContext(
        v -> {
          try {
            work.get().onComplete(ar -> {
              if (ar.succeeded()) {
                done.complete(ar.result());
              } else {
                done.completeExceptionally(ar.cause());
              }
            });
          } catch (Throwable t) {
            done.completeExceptionally(t);
          }
        });
    return get(done);
  }

  public static <T> T await(Future<T> future) {
    return get(future.toCompletionStage().toCompletableFuture());
  }

  /** Polls {@code condition} on the loop until it holds; fails after the deadline. */
  public void until(String what, BooleanSupplier condition) {
    poll(what, () -> call(condition::getAsBoolean));
  }

  /** Polls a thread-safe {@code condition} from the calling thread until it holds; fails after the deadline. */
  public static void poll(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for: " + what);
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for: " + what);
      }
    }
  }

  private static <T> T get(CompletableFuture<T> future) {
    try {
      return future.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new AssertionError(e.getCause());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
