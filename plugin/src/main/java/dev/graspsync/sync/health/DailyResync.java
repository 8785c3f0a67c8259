package dev.graspsync.sync.health;

import java.time.Duration;
import java.time.Instant;
import java.util.random.RandomGenerator;

/**
 * Each relay gets a full resync every 23 to 25 hours, drawn uniformly, so that servers
 * started together do not all hit a relay in the same minute. The resync also retries the
 * batches that failed for good (parked items).
 */
public final class DailyResync {
  public static final Duration MIN = Duration.ofHours(23);
  public static final Duration MAX = Duration.ofHours(25);

  private DailyResync() {}

  /** A moment uniformly drawn in [now + 23 h, now + 25 h] (millisecond steps). */
  public static Instant nextAt(Instant now, RandomGenerator random) {
    long spanMs = MAX.minus(MIN).toMillis();
    return now.plus(MIN).plusMillis(random.nextLong(spanMs + 1));
  }
}
