package dev.graspsync.sync.refused;

import dev.graspsync.nostr.filter.Filter;
import java.util.Map;
import java.util.Set;

/**
 * What a filter sees of a refused announcement or state, kept so that a reconciliation (NIP-77)
 * can put its (created_at, id) in the local set of every filter that would match it: the relay
 * and we then agree on it and it is never fetched again.
 *
 * @param kind 30617 or 30618
 * @param pubkey its author (hex)
 * @param createdAt its created_at, the item's timestamp in a negentropy set
 */
public record RefusedEvent(int kind, String pubkey, long createdAt) {

  /**
   * Whether {@code filter} matches the event {@code id} with {@code identifier} as its {@code d}
   * tag. A tag condition other than {@code #d} cannot be checked (its tags are not kept) and
   * counts as no match: such an event is fetched and skipped by the intake, as before.
   */
  public boolean matches(Filter filter, String id, String identifier) {
    for (Map.Entry<Character, Set<String>> tag : filter.tags().entrySet()) {
      if (tag.getKey() != 'd' || !tag.getValue().contains(identifier)) {
        return false;
      }
    }
    return filter.ids().map(ids -> ids.contains(id)).orElse(true)
        && filter.authors().map(a -> a.contains(pubkey)).orElse(true)
        && filter.kinds().map(k -> k.contains(kind)).orElse(true)
        && (filter.since().isEmpty() || createdAt >= filter.since().getAsLong())
        && (filter.until().isEmpty() || createdAt <= filter.until().getAsLong());
  }
}
