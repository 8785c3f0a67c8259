package dev.graspsync.sync.batch;

/** When a batch that hit a problem is tried again. */
public enum RetryPolicy {
  /** CLOSED {@code rate-limited:}: after {@code rate-limit-cooldown-seconds}. */
  AFTER_COOLDOWN,
  /** No EOSE in {@code eose-timeout-seconds}: after {@code base · 2^(attempt−1)}. */
  WITH_BACKOFF,
  /**
   * CLOSED for the relay's capacity (too many subscriptions or filters, message too large):
   * after {@code base · 2^(attempt−1)}, like {@link #WITH_BACKOFF}; by then the caller should
   * ask with fewer open subscriptions, or fewer or smaller filters.
   */
  AFTER_CAPACITY_BACKOFF,
  /** Refused ({@code restricted:}, {@code blocked:}, {@code invalid:}, {@code error:}, ...) or out of attempts: parked until the next daily resync. */
  AT_NEXT_DAILY_RESYNC
}
