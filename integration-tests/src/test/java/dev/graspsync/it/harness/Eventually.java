package dev.graspsync.it.harness;

import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Polls a condition until it holds or a deadline passes: the only way these tests wait for
 * something to happen. The poll interval starts short and grows ({@link Poller#backingOff()}),
 * so a fast outcome is seen fast and a slow one does not burn the shared cores.
 */
public final class Eventually {
  private static final Poller POLLER = Poller.backingOff();

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
    return POLLER.poll(timeout, probe).orElseThrow(
        () -> new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for " + what));
  }

  /**
   * Re-runs {@code assertion} (AssertJ or JUnit) until it passes; after {@code timeout} the
   * last failure is thrown, so the report shows what was still wrong.
   */
  public static void untilAsserted(Duration timeout, Runnable assertion) {
    AssertionError[] lastFailure = new AssertionError[1];
    Optional<Boolean> passed = POLLER.poll(timeout, () -> {
      try {
        assertion.run();
        return Optional.of(Boolean.TRUE);
      } catch (AssertionError failure) {
        lastFailure[0] = failure;
        return Optional.empty();
      }
    });
    if (passed.isEmpty()) {
      throw new AssertionError(
          "still failing after " + timeout.toMillis() + " ms: " + lastFailure[0].getMessage(), lastFailure[0]);
    }
  }

  /**
   * For what must not happen: checks {@code condition} again and again for {@code period} and
   * fails as soon as it is false. Use it after the positive event that proves the system had
   * its chance (a batch confirmed, a counter moved), so the window only guards against a late
   * surprise.
   */
  public static void holdsFor(String what, Duration period, BooleanSupplier condition) {
    POLLER.poll(period, () -> {
      if (!condition.getAsBoolean()) {
        throw new AssertionError("no longer true: " + what);
      }
      return Optional.empty();
    });
  }
}
