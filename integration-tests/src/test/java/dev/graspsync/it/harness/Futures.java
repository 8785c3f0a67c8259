package dev.graspsync.it.harness;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Waiting on a test thread for what a client's event loop completes: a miss fails the test,
 * naming what was awaited.
 */
final class Futures {
  private Futures() {}

  static <T> T await(CompletableFuture<T> future, Duration timeout, String what) {
    try {
      return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("no " + what + " within " + timeout.toMillis() + " ms");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted waiting for " + what, e);
    } catch (ExecutionException e) {
      throw new AssertionError("failed waiting for " + what, e.getCause());
    }
  }
}
