package dev.graspsync.sync.health;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * A small random delay before each relay's first connection after start-up, so that a
 * restart does not dial hundreds of relays (and re-issue their batches) in the same instant.
 */
public final class StartupJitter {
  private StartupJitter() {}

  /** Uniform in [0, max), millisecond steps; zero when max is zero. */
  public static Duration delay(RandomGenerator random, Duration max) {
    long ms = max.toMillis();
    return ms <= 0 ? Duration.ZERO : Duration.ofMillis(random.nextLong(ms));
  }
}
