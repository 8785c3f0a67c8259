package dev.graspsync.sidecar.client;

import java.time.Duration;

/** Exponential backoff: {@code base}, doubled per consecutive failure, capped at {@code max}. */
public record Backoff(Duration base, Duration max) {

  public static final Duration BASE = Duration.ofMillis(250);

  public static Backoff upTo(Duration max) {
    return new Backoff(BASE, max);
  }

  /** The wait before attempt {@code failures + 1}; {@code failures} counts from 1. */
  public Duration delay(int failures) {
    int doublings = Math.max(0, Math.min(failures - 1, 30));
    long millis = base.toMillis() << doublings;
    return millis <= 0 || millis > max.toMillis() ? max : Duration.ofMillis(millis);
  }
}
