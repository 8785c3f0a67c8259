package dev.graspsync.sync.status;

import dev.graspsync.sync.health.ConnectionState;
import dev.graspsync.sync.health.Health;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Status values as workers post them. */
final class StatusFixtures {
  static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  static final String HOSTILE_PROBLEM = "batch failed: CLOSED blocked: <script>alert(\"x\")</script> \\ & é";

  private StatusFixtures() {}

  static RelayStatus live(String url) {
    return new RelayStatus(url, true, ConnectionState.CONNECTED, Health.HEALTHY, 0, 25, 0, 0, 4, 4, 70, 0,
        Optional.empty(), Optional.empty(), Optional.of(NOW.minusSeconds(20)));
  }

  static RelayStatus syncing(String url) {
    return new RelayStatus(url, false, ConnectionState.SYNCING, Health.HEALTHY, 0, 3, 0, 2, 2, 4, 20, 3,
        Optional.empty(), Optional.empty(), Optional.empty(), "unknown", 2, "active");
  }

  static RelayStatus failing(String url, Health health, String problem) {
    return new RelayStatus(url, false, ConnectionState.DISCONNECTED, health, 6, 0, 9, 1, 0, 0, 70, 0,
        Optional.of(problem), Optional.of(NOW.plusSeconds(300)), Optional.of(NOW.minusSeconds(86_400)));
  }

  static SyncStatus status(RelayStatus... relays) {
    return new SyncStatus(NOW, 7, 11, List.of(relays));
  }
}
