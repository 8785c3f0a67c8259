package dev.graspsync.sync.status;

import dev.graspsync.sync.health.ConnectionState;
import dev.graspsync.sync.health.Health;
import java.time.Instant;
import java.util.List;

/** Everything the status endpoint reports, at one moment. */
public record SyncStatus(Instant at, int repositories, int rootEvents, List<RelayStatus> relays) {
  public SyncStatus {
    relays = List.copyOf(relays);
  }

  public long connected() {
    return relays.stream().filter(r -> r.connection() == ConnectionState.SYNCING
        || r.connection() == ConnectionState.CONNECTED || r.connection() == ConnectionState.CONNECTED_WITH_FAILURES).count();
  }

  public long syncing() {
    return relays.stream().filter(r -> r.connection() == ConnectionState.SYNCING).count();
  }

  public long dead() {
    return relays.stream().filter(r -> r.health() == Health.DEAD).count();
  }
}
