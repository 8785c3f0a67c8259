package dev.graspsync.host.server;

import dev.graspsync.nostr.event.Event;
import dev.graspsync.nostr.filter.Filter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Live subscriptions indexed so that fan-out of one event looks only at filters that could
 * match it, not at every filter of every connection. Each filter is filed under its most
 * selective condition (ids, then a tag, then authors, then kinds); a filter with none of
 * them is filed under a key checked for every event. Candidates are then matched in full. Not thread safe: one
 * index per server verticle, used on its event loop.
 *
 * @param <T> the subscriber (compared by identity)
 */
public final class SubscriptionIndex<T> {
  private record Entry<T>(T target, Filter filter) {}

  /** Where filters with no indexable condition are filed: checked for every event. */
  private static final String EVERY_EVENT = "*";

  private final Map<String, List<Entry<T>>> byKey = new HashMap<>();
  private final Map<T, List<String>> keysOf = new IdentityHashMap<>();

  /** Files every filter of {@code target}; replaces what was filed for it before. */
  public void add(T target, List<Filter> filters) {
    remove(target);
    List<String> keys = new ArrayList<>();
    for (Filter filter : filters) {
      Entry<T> entry = new Entry<>(target, filter);
      for (String key : keysFor(filter)) {
        byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(entry);
        keys.add(key);
      }
    }
    keysOf.put(target, keys);
  }

  public void remove(T target) {
    List<String> keys = keysOf.remove(target);
    if (keys == null) {
      return;
    }
    for (String key : keys) {
      List<Entry<T>> entries = byKey.get(key);
      if (entries != null) {
        entries.removeIf(e -> e.target() == target);
        if (entries.isEmpty()) {
          byKey.remove(key);
        }
      }
    }
  }

  public int size() {
    return keysOf.size();
  }

  /** Every subscriber with a filter that matches the event, each once, in no set order. */
  public Set<T> matching(Event event) {
    Set<T> out = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    collect(byKey.get("i:" + event.id()), event, out);
    collect(byKey.get("a:" + event.pubkey()), event, out);
    collect(byKey.get("k:" + event.kind()), event, out);
    for (List<String> tag : event.tags()) {
      if (tag.size() >= 2 && tag.get(0).length() == 1) {
        collect(byKey.get("t:" + tag.get(0) + ":" + tag.get(1)), event, out);
      }
    }
    collect(byKey.get(EVERY_EVENT), event, out);
    return out;
  }

  private void collect(List<Entry<T>> entries, Event event, Set<T> out) {
    if (entries == null) {
      return;
    }
    for (Entry<T> e : entries) {
      if (!out.contains(e.target()) && e.filter().matches(event)) {
        out.add(e.target());
      }
    }
  }

  /**
   * The keys a filter is filed under. A present but empty set matches nothing, so such a
   * filter is filed nowhere.
   */
  private static Collection<String> keysFor(Filter f) {
    if (f.ids().isPresent()) {
      return prefixed("i:", f.ids().get());
    }
    if (!f.tags().isEmpty()) {
      Map.Entry<Character, Set<String>> narrowest = null;
      for (Map.Entry<Character, Set<String>> t : f.tags().entrySet()) {
        if (narrowest == null || t.getValue().size() < narrowest.getValue().size()) {
          narrowest = t;
        }
      }
      return prefixed("t:" + narrowest.getKey() + ":", narrowest.getValue());
    }
    if (f.authors().isPresent()) {
      return prefixed("a:", f.authors().get());
    }
    if (f.kinds().isPresent()) {
      return prefixed("k:", f.kinds().get());
    }
    return List.of(EVERY_EVENT);
  }

  private static Collection<String> prefixed(String prefix, Set<?> values) {
    Set<String> keys = new LinkedHashSet<>();
    for (Object v : values) {
      keys.add(prefix + v);
    }
    return keys;
  }
}
