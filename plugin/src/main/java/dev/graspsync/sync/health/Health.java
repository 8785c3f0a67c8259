package dev.graspsync.sync.health;

/** A relay's health, exported as its metric value (as the reference numbers them). */
public enum Health {
  /** Connected and stable. */
  HEALTHY(1),
  /** Not connected, no problem known (never tried, dropped, or disconnected on purpose). */
  DISCONNECTED(2),
  /** Connection attempts failing; retried with exponential backoff. */
  DEGRADED(3),
  /** Failing continuously for dead-after-hours; retried once a day. */
  DEAD(4),
  /** The relay said we are too fast (CLOSED rate-limited: or a rate-limit NOTICE): cooling down. */
  RATE_LIMITED(5);

  private final int metricValue;

  Health(int metricValue) {
    this.metricValue = metricValue;
  }

  public int metricValue() {
    return metricValue;
  }
}
