package dev.graspsync.sync.health;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Resuming a relay after the server restarts. Its confirmed items survive in the state store
 * with the last moment the connection was known live (the last live heartbeat); it resumes
 * from {@code overlap} before that, however long the server was down, so history is never
 * downloaded again. Pending batches are re-issued in full (they never completed).
 */
public final class Resume {
  private Resume() {}

  /** {@code lastLiveHeartbeat − overlap}, not before the epoch. */
  public static Instant since(Instant lastLiveHeartbeat, Duration overlap) {
    Instant t = lastLiveHeartbeat.minus(overlap);
    return t.isBefore(Instant.EPOCH) ? Instant.EPOCH : t;
  }

  /** Catch up from the heartbeat when there is one; a relay never live before gets a full sync. */
  public static ReconnectDecision decide(Optional<Instant> lastLiveHeartbeat, Duration overlap) {
    return lastLiveHeartbeat
        .<ReconnectDecision>map(h -> new ReconnectDecision.CatchUp(since(h, overlap)))
        .orElse(new ReconnectDecision.FullSync(ReconnectDecision.FullSync.Why.FIRST_CONNECTION));
  }
}
