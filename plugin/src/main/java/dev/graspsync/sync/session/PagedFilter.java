package dev.graspsync.sync.session;

import dev.graspsync.nostr.filter.Filter;
import java.util.Set;

/**
 * One filter of a history page as sent, with the ids already seen at its {@code until}
 * second (NIP-01's {@code until} is inclusive, so the next page repeats that second; those
 * repeats are not news).
 *
 * @param alone whether it must be asked in a REQ of its own: what a REQ of several filters
 *     brought for it could not be trusted (the relay may have cut the whole REQ, or its cap
 *     per filter is not known yet)
 * @param shortBefore when the page before was a REQ of this filter alone that brought fewer
 *     events than asked: how many (if this page brings more, the relay capped it there); else 0
 */
record PagedFilter(Filter filter, Set<String> seenAtUntil, boolean alone, long shortBefore) {
  PagedFilter {
    seenAtUntil = Set.copyOf(seenAtUntil);
  }

  PagedFilter(Filter filter, Set<String> seenAtUntil, boolean alone) {
    this(filter, seenAtUntil, alone, 0);
  }

  PagedFilter(Filter filter, Set<String> seenAtUntil) {
    this(filter, seenAtUntil, false);
  }

  /** The page size asked for: the filter's {@code limit} (always set on history pages). */
  int pageSize() {
    return filter.limit().orElse(Integer.MAX_VALUE);
  }

  /** The same page, to be asked in a REQ of its own. */
  PagedFilter askedAlone() {
    return new PagedFilter(filter, seenAtUntil, true, 0);
  }
}
