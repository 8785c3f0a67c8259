package dev.graspsync.nostr.filter;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Immutable copies for {@link Filter}'s components, in the shapes the matcher reads fast. */
final class FilterCopies {
  private FilterCopies() {}

  /** Immutable, insertion-ordered copy so JSON output is stable. */
  static Map<Character, Set<String>> tags(Map<Character, Set<String>> tags) {
    return TagConditions.of(tags);
  }

  static Optional<Set<String>> strings(Optional<Set<String>> values) {
    return values.<Set<String>>map(StringSet::of);
  }

  static Optional<Set<Integer>> kinds(Optional<Set<Integer>> values) {
    return values.<Set<Integer>>map(KindSet::of);
  }
}
