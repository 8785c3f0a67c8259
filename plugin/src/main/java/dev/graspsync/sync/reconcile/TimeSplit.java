package dev.graspsync.sync.reconcile;

import dev.graspsync.nostr.filter.Filter;
import java.util.List;
import java.util.Optional;

/**
 * Splits a filter's time range in two (pure), for a relay whose bound on records per
 * reconciliation the whole filter passes: [since, mid] and [mid + 1, until], both inclusive as
 * NIP-01's {@code since}/{@code until} are, so every event falls in exactly one half.
 */
public final class TimeSplit {
  /**
   * Halvings of one filter at most: enough to take an open range (0 to now, 2^31 seconds) down to
   * one second. Only the halves still refused split again, and empty ones reconcile in one round.
   */
  public static final int MAX_DEPTH = 40;

  private TimeSplit() {}

  /**
   * @param now the upper end of a filter without {@code until}
   * @return the two halves, or empty when the range is a single second (or empty)
   */
  public static Optional<List<Filter>> halves(Filter filter, long now) {
    long since = filter.since().orElse(0);
    long until = filter.until().orElse(Math.max(since, now));
    if (until <= since) {
      return Optional.empty();
    }
    long mid = since + (until - since) / 2;
    return Optional.of(List.of(filter.withSince(since).withUntil(mid), filter.withSince(mid + 1).withUntil(until)));
  }
}
