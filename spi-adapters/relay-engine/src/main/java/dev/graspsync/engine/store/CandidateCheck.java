package dev.graspsync.engine.store;

import dev.graspsync.nostr.filter.Filter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a candidate matches a whole filter (NIP-01: every present condition holds; a tag
 * condition holds when some tag named by its letter has a listed value as its second
 * element). Header fields are checked first so that most misses cost no json parsing.
 */
final class CandidateCheck {
  private CandidateCheck() {}

  /**
   * @param satisfiedTag a tag letter whose condition the index walk already guarantees
   */
  static boolean matches(Filter filter, Candidate candidate, Optional<Character> satisfiedTag) {
    long at = candidate.createdAt();
    if ((filter.since().isPresent() && at < filter.since().getAsLong())
        || (filter.until().isPresent() && at > filter.until().getAsLong())) {
      return false;
    }
    if (filter.kinds().isPresent() && !filter.kinds().get().contains(candidate.kind())) {
      return false;
    }
    if (filter.ids().isPresent() && !filter.ids().get().contains(candidate.idHex())) {
      return false;
    }
    if (filter.authors().isPresent() && !filter.authors().get().contains(candidate.pubkeyHex())) {
      return false;
    }
    for (Map.Entry<Character, Set<String>> condition : filter.tags().entrySet()) {
      if (satisfiedTag.isPresent() && satisfiedTag.get().equals(condition.getKey())) {
        continue;
      }
      if (!hasTag(candidate, condition.getKey(), condition.getValue())) {
        return false;
      }
    }
    return true;
  }

  private static boolean hasTag(Candidate candidate, char letter, Set<String> values) {
    String name = String.valueOf(letter);
    for (List<String> tag : candidate.event().tags()) {
      if (tag.size() >= 2 && tag.get(0).equals(name) && values.contains(tag.get(1))) {
        return true;
      }
    }
    return false;
  }
}
