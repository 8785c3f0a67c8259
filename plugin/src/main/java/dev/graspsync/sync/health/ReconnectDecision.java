package dev.graspsync.sync.health;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How to resume a relay once connected again.
 *
 * <p>{@link CatchUp}: keep the confirmed items, re-subscribe them all, history included, with
 * {@code since}; re-issue pending batches in full. {@link FullSync}: forget the relay's
 * confirmed items and fetch everything again.
 */
public sealed interface ReconnectDecision {

  /** The "quick reconnect", and the resume after a restart. */
  record CatchUp(Instant since) implements ReconnectDecision {
    /** {@code since} in unix seconds, for filters. */
    public long sinceEpochSecond() {
      return since.getEpochSecond();
    }
  }

  record FullSync(Why why) implements ReconnectDecision {
    public enum Why {
      /** Never connected before (or no state kept). */
      FIRST_CONNECTION,
      /** Disconnected for longer than the quick-reconnect window. */
      OUTAGE_TOO_LONG
    }
  }

  /**
   * A reconnect within the same run. Within {@code quickWindow} of the disconnect (measured
   * from the disconnect, not from the previous connect as the reference did): catch up from
   * {@code overlap} before the moment the connection was last known live (the last heartbeat,
   * or the disconnect if later heartbeats are unknown), a real timestamp (the reference passed
   * the elapsed seconds, a date in 1970). Later: full sync.
   */
  static ReconnectDecision decide(
      Instant now,
      Optional<Instant> disconnectedAt,
      Optional<Instant> lastHeartbeat,
      Duration quickWindow,
      Duration overlap) {
    if (disconnectedAt.isEmpty()) {
      return new FullSync(FullSync.Why.FIRST_CONNECTION);
    }
    Instant down = disconnectedAt.get();
    if (Duration.between(down, now).compareTo(quickWindow) > 0) {
      return new FullSync(FullSync.Why.OUTAGE_TOO_LONG);
    }
    Instant lastLive = lastHeartbeat.filter(h -> h.isBefore(down)).orElse(down);
    return new CatchUp(floorAtEpoch(lastLive.minus(overlap)));
  }

  private static Instant floorAtEpoch(Instant t) {
    return t.isBefore(Instant.EPOCH) ? Instant.EPOCH : t;
  }
}
