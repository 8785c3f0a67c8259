package dev.graspsync.sync.status;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where every relay worker posts its latest {@link RelayStatus}; read by the status endpoint
 * from any thread. Posting replaces an immutable value, so readers never see half an update.
 */
public final class StatusBoard {
  private final Map<String, RelayStatus> relays = new ConcurrentHashMap<>();
  private volatile int repositories;
  private volatile int rootEvents;

  public void post(RelayStatus status) {
    relays.put(status.relay(), status);
  }

  public void remove(String relay) {
    relays.remove(relay);
  }

  public void index(int repositoryCount, int rootEventCount) {
    repositories = repositoryCount;
    rootEvents = rootEventCount;
  }

  public SyncStatus snapshot(Instant now) {
    List<RelayStatus> list = new ArrayList<>(relays.values());
    list.sort(Comparator.comparing(RelayStatus::relay));
    return new SyncStatus(now, repositories, rootEvents, list);
  }
}
