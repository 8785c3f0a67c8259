package dev.graspsync.nostr.filter;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

final class FilterCopies {
  private FilterCopies() {}

  /** Immutable, insertion-ordered copy so JSON output is stable. */
  static Map<Character, Set<String>> tags(Map<Character, Set<String>> tags) {
    Map<Character, Set<String>> copy = new LinkedHashMap<>();
    tags.forEach((k, v) -> copy.put(k, Collections.unmodifiableSet(new LinkedHashSet<>(v))));
    return Collections.unmodifiableMap(copy);
  }
}
