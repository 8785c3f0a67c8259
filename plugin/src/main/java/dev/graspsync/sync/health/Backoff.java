package dev.graspsync.sync.health;

import java.time.Duration;

/** Exponential backoff: {@code base · 2^(n−1)}, capped. */
public final class Backoff {
  private Backoff() {}

  /** Delay after the {@code n}th consecutive failure; zero for n ≤ 0. Never overflows. */
  public static Duration delay(int failures, Duration base, Duration cap) {
    if (failures <= 0) {
      return Duration.ZERO;
    }
    long baseMs = base.toMillis();
    long capMs = cap.toMillis();
    int shift = failures - 1;
    if (shift >= 62 || baseMs > (capMs >> shift)) {
      return cap;
    }
    return Duration.ofMillis(Math.min(capMs, baseMs << shift));
  }
}
