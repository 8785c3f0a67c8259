package dev.graspsync.it.harness;

import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The one polling loop of the tests and the benchmarks: probe, stop at an answer or once the
 * deadline has passed, pause, probe again. Nothing here waits a fixed time for something to
 * happen; an outcome is seen at the first probe after it. {@link Eventually} builds its
 * assertions on it; the benchmarks poll their host at a fixed pace with it.
 */
public final class Poller {
  private static final Duration FIRST_PAUSE = Duration.ofMillis(10);
  private static final Duration MAX_PAUSE = Duration.ofMillis(200);

  private final Duration firstPause;
  private final Duration maxPause;

  private Poller(Duration firstPause, Duration maxPause) {
    this.firstPause = firstPause;
    this.maxPause = maxPause;
  }

  /**
   * Pauses start at 10 ms and double up to 200 ms: a fast outcome is seen fast, a slow one does
   * not burn the shared cores.
   */
  public static Poller backingOff() {
    return new Poller(FIRST_PAUSE, MAX_PAUSE);
  }

  /** The same pause every time, for a known sampling rate. */
  public static Poller every(Duration pause) {
    return new Poller(pause, pause);
  }

  /**
   * Probes until {@code probe} gives an answer and returns it; empty once {@code timeout} has
   * passed without one (the last probe runs when the deadline is reached). A probe may end the
   * polling early by answering, or by throwing.
   */
  public <T> Optional<T> poll(Duration timeout, Supplier<Optional<T>> probe) {
    long deadline = System.nanoTime() + timeout.toNanos();
    Duration pause = firstPause;
    while (true) {
      Optional<T> answer = probe.get();
      if (answer.isPresent()) {
        return answer;
      }
      if (System.nanoTime() - deadline >= 0) {
        return Optional.empty();
      }
      sleep(pause);
      Duration doubled = pause.multipliedBy(2);
      pause = doubled.compareTo(maxPause) > 0 ? maxPause : doubled;
    }
  }

  /** Whether {@code condition} became true within {@code timeout}. */
  public boolean until(Duration timeout, BooleanSupplier condition) {
    return poll(timeout, () -> condition.getAsBoolean() ? Optional.of(Boolean.TRUE) : Optional.empty()).isPresent();
  }

  private static void sleep(Duration pause) {
    try {
      Thread.sleep(pause.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while polling", e);
    }
  }
}
