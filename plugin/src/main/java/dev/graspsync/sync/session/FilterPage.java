package dev.graspsync.sync.session;

import java.util.OptionalLong;
import java.util.Set;

/**
 * What one filter of a history page brought by its EOSE.
 *
 * @param sent the filter as sent (its limit is the page size asked for)
 * @param matched events received that match it (repeats included)
 * @param fresh matching events not seen on the previous page of this filter
 * @param oldest the smallest {@code created_at} among matching events
 * @param idsAtOldest ids of the matching events at {@code oldest} (bounded)
 */
record FilterPage(PagedFilter sent, long matched, long fresh, OptionalLong oldest, Set<String> idsAtOldest) {
  FilterPage {
    idsAtOldest = Set.copyOf(idsAtOldest);
  }
}
