package dev.graspsync.sync.state;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the state store remembers of one external relay across restarts.
 *
 * @param confirmed items whose history this relay has delivered up to EOSE
 * @param pending batches issued but not yet confirmed, by batch id
 * @param lastHeartbeat last moment (epoch seconds) the live subscriptions were known healthy;
 *     a restart resumes from it minus the overlap
 * @param disconnectedAt when the connection last dropped (epoch seconds), for quick reconnects
 * @param lastFullSync when the last full history sync of this relay completed (epoch seconds)
 */
public record RelayRecord(
    String relay,
    Set<String> confirmed,
    Map<Long, Set<String>> pending,
    Optional<Long> lastHeartbeat,
    Optional<Long> disconnectedAt,
    Optional<Long> lastFullSync) {

  public RelayRecord {
    confirmed = Set.copyOf(confirmed);
    pending = Map.copyOf(pending);
  }

  public static RelayRecord empty(String relay) {
    return new RelayRecord(relay, Set.of(), Map.of(), Optional.empty(), Optional.empty(), Optional.empty());
  }
}
