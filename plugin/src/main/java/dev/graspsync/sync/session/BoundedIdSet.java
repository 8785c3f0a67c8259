package dev.graspsync.sync.session;

import java.util.LinkedHashMap;
import java.util.Map;

/** Remembers the most recent {@code capacity} ids; older ones are forgotten first. */
final class BoundedIdSet {
  private final LinkedHashMap<String, Boolean> ids;

  BoundedIdSet(int capacity) {
    this.ids =
        new LinkedHashMap<>(16, 0.75f, false) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > capacity;
          }
        };
  }

  /** True if the id was not remembered (and now is). */
  boolean add(String id) {
    return ids.put(id, Boolean.TRUE) == null;
  }

  int size() {
    return ids.size();
  }
}
