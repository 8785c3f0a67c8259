package dev.graspsync.sync.engine;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Ids some relay's reconciliation is fetching right now, shared by every relay worker (they run
 * on different event loops, hence a concurrent map): an event published to several relays is
 * needed from each of them, and reconciled at the same moment it would be fetched from each.
 * A worker fetches the ids it claimed; the others wait until the end of their group and fetch
 * then only what is still not stored. Bounded by the ids of the REQs open at once.
 */
final class FetchClaims {
  private final ConcurrentHashMap<String, Object> claimed = new ConcurrentHashMap<>();

  /** The ids {@code owner} may fetch now (unclaimed, or its own); the rest are someone else's. */
  List<String> claim(Collection<String> ids, Object owner) {
    List<String> mine = new ArrayList<>(ids.size());
    for (String id : ids) {
      if (claimed.putIfAbsent(id, owner) == null || claimed.get(id) == owner) {
        mine.add(id);
      }
    }
    return mine;
  }

  void release(Collection<String> ids, Object owner) {
    for (String id : ids) {
      claimed.remove(id, owner);
    }
  }
}
