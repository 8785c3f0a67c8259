package dev.graspsync.sync.session;

import dev.graspsync.nostr.filter.Filter;
import java.util.Set;

/**
 * One filter of a history page as sent, with the ids already seen at its {@code until}
 * second (NIP-01's {@code until} is inclusive, so the next page repeats that second; those
 * repeats are not news).
 */
record PagedFilter(Filter filter, Set<String> seenAtUntil) {
  PagedFilter {
    seenAtUntil = Set.copyOf(seenAtUntil);
  }
}
