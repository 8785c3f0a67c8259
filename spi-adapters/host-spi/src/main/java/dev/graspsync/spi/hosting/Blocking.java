package dev.graspsync.spi.hosting;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Waiting for Vert.x on a host's start-up and shutdown thread (never an event loop). */
public final class Blocking {
  private static final Logger log = LoggerFactory.getLogger(Blocking.class);

  private Blocking() {}

  /**
   * The future's result, waited for at most {@code bound}; otherwise {@code failure} of a
   * message saying what could not be done ("cannot listen on ...: reason") and the cause.
   */
  public static <T> T await(Future<T> future, Duration bound, String what,
      BiFunction<String, Throwable, ? extends RuntimeException> failure) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(bound.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failure.apply("interrupted while waiting to " + what, e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      throw failure.apply("cannot " + what + ": " + cause.getMessage(), cause);
    } catch (TimeoutException e) {
      throw failure.apply("timed out waiting to " + what, e);
    }
  }

  /** Closes Vert.x, waiting at most {@code bound}; a failure is logged, not thrown. */
  public static void close(Vertx vertx, Duration bound) {
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(bound.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      log.warn("closing Vert.x failed", e);
    }
  }
}
