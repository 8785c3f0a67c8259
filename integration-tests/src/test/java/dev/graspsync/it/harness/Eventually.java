package dev.graspsync.it.harness;

import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Polls a condition until it holds or a deadline passes: the only way these tests wait for
 * something to happen. The poll interval starts short and grows, so a fast outcome is seen
 * fast and a slow one does not burn the shared cores.
 */
public final class Eventually {
  private static final Duration FIRST_PAUSE = Duration.ofMillis(10);
  private static final Duration MAX_PAUSE = Duration.ofMillis(200);

  private Eventually() {}

  /** Waits until {@code condition} is true; fails naming {@code what} after {@code timeout}. */
  public static void await(String what, Duration timeout, BooleanSupplier condition) {
    awaitValue(what, timeout, () -> condition.getAsBoolean() ? Optional.of(Boolean.TRUE) : Optional.empty());
  }

  public static void await(Duration timeout, BooleanSupplier condition) {
    await("condition", timeout, condition);
  }

  /** Waits until {@code probe} yields a value and returns it. */
  public static <T> T awaitValue(String what, Duration timeout, Supplier<Optional<T>> probe) {
    long deadline = System.nanoTime() + timeout.toNanos();
    Duration pause = FIRST_PAUSE;
    while (true) {
      Optional<T> value = probe.get();
      if (value.isPresent()) {
        return value.get();
      }
      if (System.nanoTime() - deadline >= 0) {
        throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for " + what);
      }
      pause(pause);
      pause = pause.multipliedBy(2).compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : pause.multipliedBy(2);
    }
  }

  /**
   * Re-runs {@code assertion} (AssertJ or JUnit) until it passes; after {@code timeout} the
   * last failure is thrown, so the report shows what was still wrong.
   */
  public static void untilAsserted(Duration timeout, Runnable assertion) {
    long deadline = System.nanoTime() + timeout.toNanos();
    Duration pause = FIRST_PAUSE;
    while (true) {
      try {
        assertion.run();
        return;
      } catch (AssertionError failure) {
        if (System.nanoTime() - deadline >= 0) {
          AssertionError timedOut = new AssertionError(
              "still failing after " + timeout.toMillis() + " ms: " + failure.getMessage(), failure);
          throw timedOut;
        }
      }
      pause(pause);
      pause = pause.multipliedBy(2).compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : pause.multipliedBy(2);
    }
  }

  /**
   * For what must not happen: checks {@code condition} again and again for {@code period} and
   * fails as soon as it is false. Use it after the positive event that proves the system had
   * its chance (a batch confirmed, a counter moved), so the window only guards against a late
   * surprise.
   */
  public static void holdsFor(String what, Duration period, BooleanSupplier condition) {
    long end = System.nanoTime() + period.toNanos();
    Duration pause = FIRST_PAUSE;
    do {
      if (!condition.getAsBoolean()) {
        throw new AssertionError("no longer true: " + what);
      }
      pause(pause);
      pause = pause.multipliedBy(2).compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : pause.multipliedBy(2);
    } while (System.nanoTime() - end < 0);
    if (!condition.getAsBoolean()) {
      throw new AssertionError("no longer true: " + what);
    }
  }

  private static void pause(Duration pause) {
    try {
      Thread.sleep(pause.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while polling", e);
    }
  }
}
