package dev.graspsync.nostr.filter;

import dev.graspsync.nostr.event.Event;
import java.util.List;
import java.util.Set;

/**
 * In-memory NIP-01 matching. It runs on every event a relay fans out and every event the sync
 * pulls, so it allocates nothing: cheap range checks first, then set lookups, then tag scans by
 * index.
 */
final class FilterMatcher {
  private FilterMatcher() {}

  static boolean matches(Filter filter, Event event) {
    long createdAt = event.createdAt();
    if (filter.since().isPresent() && createdAt < filter.since().getAsLong()) {
      return false;
    }
    if (filter.until().isPresent() && createdAt > filter.until().getAsLong()) {
      return false;
    }
    if (filter.kinds().isPresent() && !containsKind(filter.kinds().get(), event.kind())) {
      return false;
    }
    if (filter.ids().isPresent() && !filter.ids().get().contains(event.id())) {
      return false;
    }
    if (filter.authors().isPresent() && !filter.authors().get().contains(event.pubkey())) {
      return false;
    }
    // the compact constructor always stores TagConditions
    TagConditions conditions = (TagConditions) filter.tags();
    for (int i = 0, n = conditions.count(); i < n; i++) {
      if (!hasTag(event.tags(), conditions.letter(i), conditions.values(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean containsKind(Set<Integer> kinds, int kind) {
    return ((KindSet) kinds).containsInt(kind);
  }

  private static boolean hasTag(List<List<String>> tags, char letter, Set<String> values) {
    for (int i = 0, n = tags.size(); i < n; i++) {
      List<String> tag = tags.get(i);
      if (tag.size() >= 2) {
        String name = tag.get(0);
        if (name.length() == 1 && name.charAt(0) == letter && values.contains(tag.get(1))) {
          return true;
        }
      }
    }
    return false;
  }
}
