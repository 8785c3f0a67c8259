package dev.graspsync.sync.batch;

import java.util.HashSet;
import java.util.OptionalLong;
import java.util.Set;

/**
 * What one filter's history query has brought so far, page after page; fed every event
 * received on the page's subscription, WHATEVER the host then decides about it (the reference
 * counted only accepted events, so a page full of rejected events never paged on). See
 * {@link Paging#next}.
 *
 * <p>Overlap handling: a page asked with {@code until = T} (inclusive) returns the events at
 * T seen on the previous page again. An event is fresh when it is older than anything seen,
 * or at the oldest timestamp seen but with an id not seen there. Only the ids at that oldest
 * timestamp are kept, so memory stays small however long the history.
 *
 * @param page 0 for the first query, then 1, 2, ...
 * @param until the until of this page's query
 * @param seenOldest oldest created_at seen before this page ({@link Long#MAX_VALUE} on the first)
 * @param seenIdsAtOldest ids seen at {@code seenOldest} before this page
 * @param received events received on this page
 * @param fresh of those, events not seen before
 * @param pageOldest oldest created_at on this page
 * @param pageNewest newest created_at on this page
 * @param oldest oldest created_at seen, this page included
 * @param idsAtOldest ids seen at {@code oldest}
 * @param totalReceived events received on every page of this filter
 */
public record PageTally(
    int page,
    OptionalLong until,
    long seenOldest,
    Set<String> seenIdsAtOldest,
    int received,
    int fresh,
    long pageOldest,
    long pageNewest,
    long oldest,
    Set<String> idsAtOldest,
    long totalReceived) {

  public PageTally {
    seenIdsAtOldest = Set.copyOf(seenIdsAtOldest);
    idsAtOldest = Set.copyOf(idsAtOldest);
  }

  /** The first query of a filter (no until). */
  public static PageTally firstPage() {
    return new PageTally(0, OptionalLong.empty(), Long.MAX_VALUE, Set.of(), 0, 0,
        Long.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE, Set.of(), 0);
  }

  /** One more event on this page. */
  public PageTally onEvent(String id, long createdAt) {
    boolean isFresh = createdAt < seenOldest || (createdAt == seenOldest && !seenIdsAtOldest.contains(id));
    long newOldest = oldest;
    Set<String> newIds = idsAtOldest;
    if (createdAt < oldest) {
      newOldest = createdAt;
      newIds = Set.of(id);
    } else if (createdAt == oldest && !idsAtOldest.contains(id)) {
      Set<String> s = new HashSet<>(idsAtOldest);
      s.add(id);
      newIds = s;
    }
    return new PageTally(
        page, until, seenOldest, seenIdsAtOldest,
        received + 1, fresh + (isFresh ? 1 : 0),
        Math.min(pageOldest, createdAt), Math.max(pageNewest, createdAt),
        newOldest, newIds, totalReceived + 1);
  }

  /** The tally for the page asked with {@code until}, carrying what was seen. */
  public PageTally nextPage(long nextUntil) {
    return new PageTally(page + 1, OptionalLong.of(nextUntil), oldest, idsAtOldest, 0, 0,
        Long.MAX_VALUE, Long.MIN_VALUE, oldest, idsAtOldest, totalReceived);
  }
}
