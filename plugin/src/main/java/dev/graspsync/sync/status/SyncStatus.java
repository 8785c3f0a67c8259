package dev.graspsync.sync.status;

import dev.graspsync.sync.health.ConnectionState;
import dev.graspsync.sync.health.Health;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;

/** Everything the status endpoint reports, at one moment. */
public record SyncStatus(Instant at, int repositories, int rootEvents, List<RelayStatus> relays) {
  public SyncStatus {
    relays = List.copyOf(relays);
  }

  /** Relays with a sync worker. */
  public int tracked() {
    return relays.size();
  }

  /** Relays with an open connection: syncing history, live, or live with failed batches. */
  public long connected() {
    return count(r -> r.connection() == ConnectionState.SYNCING
        || r.connection() == ConnectionState.CONNECTED || r.connection() == ConnectionState.CONNECTED_WITH_FAILURES);
  }

  public long syncing() {
    return count(r -> r.connection() == ConnectionState.SYNCING);
  }

  public long degraded() {
    return count(r -> r.health() == Health.DEGRADED);
  }

  public long dead() {
    return count(r -> r.health() == Health.DEAD);
  }

  /** Relays whose history turn ({@link RelayStatus#historyTurn}) is {@code state}. */
  public long historyTurns(String state) {
    return count(r -> r.historyTurn().equals(state));
  }

  private long count(Predicate<RelayStatus> p) {
    return relays.stream().filter(p).count();
  }
}
