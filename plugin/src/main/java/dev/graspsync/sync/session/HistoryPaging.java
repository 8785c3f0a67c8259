package dev.graspsync.sync.session;

import dev.graspsync.nostr.filter.Filter;
import dev.graspsync.sync.session.NewestEvents.Stamp;
import dev.graspsync.sync.session.UnfinishedHistory.Reason;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Paging of stored history (pure).
 *
 * <p>A relay may stop a query short at its own cap and still say EOSE, so a filter whose page
 * may have been cut short is asked again with {@code until} = a boundary second (inclusive:
 * the ids already seen at that second are not news), until its page is not cut short. The
 * boundary only ever comes from events the filter's own capped query was sure to return.
 * A relay sends each event once per REQ, for whichever filter brought it, so the events
 * matching a filter also include what the other filters brought, possibly far older than
 * its own page: taking the oldest of them skipped everything between (issue 17). So:
 *
 * <ul>
 *   <li>A REQ of one filter: everything it brought was for that filter, newest first, under
 *       whatever cap; the boundary is the oldest. It may have been cut short when it brought
 *       its page size, or, with {@code max_limit} unknown, at least as many as any REQ of one
 *       filter, or any REQ, before (the first non-empty one always counts): at most one
 *       extra page, and a silent cap is found without trusting the relay to announce one.
 *   <li>A REQ of several filters that a relay capping whole REQs may have cut ({@link
 *       PagingCaps#mayHaveCutRequest}): such a relay may fill it filter by filter, so nothing
 *       it brought is sure for any one filter; every filter is asked again from the same
 *       boundary, each in a REQ of its own.
 *   <li>Otherwise the relay served each filter: filter i brought at least its {@link
 *       PagingCaps#sureShare sure share} k of its newest events (k = its page size when {@code
 *       max_limit} is known). Fewer than k matching events: its history is complete. Else the
 *       boundary is its k-th newest matching event, and the ids kept are the ones at that
 *       second. With the cap not known to reach the page size, it is asked alone next, so
 *       its page shows the relay's real cap.
 * </ul>
 *
 * A filter asked again at the same second with no new id there has stalled: at least a page of
 * events share that second, and {@code until} cannot reach any more of them (NIP-01 has no
 * cursor). It is reported as {@link Reason#SAME_SECOND}, never taken for done, and paging
 * steps past that second ({@code until} = second − 1) so the older history still comes.
 */
final class HistoryPaging {
  private HistoryPaging() {}

  /** The first page: every filter gets a page size (its own limit or the default, at most max_limit). */
  static List<PagedFilter> firstPage(List<Filter> filters, int defaultPageLimit, OptionalInt maxLimit) {
    List<PagedFilter> page = new ArrayList<>(filters.size());
    for (Filter f : filters) {
      int limit = f.limit().orElse(defaultPageLimit);
      if (maxLimit.isPresent() && maxLimit.getAsInt() > 0) {
        limit = Math.min(limit, maxLimit.getAsInt());
      }
      page.add(new PagedFilter(f.withLimit(Math.max(1, limit)), Set.of()));
    }
    return page;
  }

  /** What follows {@code page}, judged by the caps known before it; nothing next: complete. */
  static PageDecision nextPage(PageResult page, PagingCaps capsBefore) {
    List<PagedFilter> next = new ArrayList<>();
    List<UnfinishedHistory> unfinished = new ArrayList<>();
    boolean alone = page.filters().size() == 1;
    boolean requestCut = !alone && capsBefore.mayHaveCutRequest(page.received());
    for (FilterPage f : page.filters()) {
      PagedFilter sent = f.sent();
      if (requestCut) {
        next.add(sent.askedAlone());
        continue;
      }
      long sure = alone ? sent.pageSize() : capsBefore.sureShare(sent.pageSize());
      if (f.matched() == 0) {
        continue;
      }
      if (sure == 0) {
        next.add(sent.askedAlone());
        continue;
      }
      boolean cut = alone
          ? f.matched() >= sent.pageSize() || capsBefore.mayHaveCutAlone(f.matched(), page.received())
          : f.matched() >= sure;
      if (!cut) {
        continue;
      }
      Stamp boundary = f.newest().get((int) Math.min(sure, f.newest().size()) - 1);
      boolean askAlone = sent.alone() || (!alone && sure < sent.pageSize());
      PagedFilter older = olderPage(f, boundary.createdAt(), askAlone);
      if (!stalled(sent, older)) {
        next.add(older);
      } else if (!alone && sure < sent.pageSize()) {
        next.add(sent.askedAlone()); // a full page at the relay's real cap may yet bring news
      } else {
        // a full page of that second, all seen: the rest of it cannot be reached; older history can
        unfinished.add(new UnfinishedHistory(sent.filter(), Reason.SAME_SECOND));
        long past = boundary.createdAt() - 1;
        if (sent.filter().since().isEmpty() || past >= sent.filter().since().getAsLong()) {
          next.add(new PagedFilter(sent.filter().withUntil(past), Set.of(), sent.alone()));
        }
      }
    }
    return new PageDecision(next, unfinished);
  }

  /** Asked again at the same second with no new id there: paging cannot move by itself. */
  private static boolean stalled(PagedFilter sent, PagedFilter older) {
    return sent.filter().until().equals(older.filter().until()) && sent.seenAtUntil().equals(older.seenAtUntil());
  }

  /** The page before {@code boundary} (inclusive), remembering the ids seen at that second. */
  private static PagedFilter olderPage(FilterPage f, long boundary, boolean alone) {
    Filter sent = f.sent().filter();
    Set<String> seen = new HashSet<>();
    if (sent.until().isPresent() && sent.until().getAsLong() == boundary) {
      seen.addAll(f.sent().seenAtUntil());
    }
    for (Stamp s : f.newest()) {
      if (s.createdAt() == boundary) {
        seen.add(s.id());
      }
    }
    return new PagedFilter(sent.withUntil(boundary), seen, alone);
  }

  /**
   * The next REQ of a subscription's waiting filters: the first one alone if it must be asked
   * alone, else every filter that may share a REQ.
   */
  static List<PagedFilter> nextRequest(List<PagedFilter> waiting) {
    if (waiting.isEmpty() || waiting.get(0).alone()) {
      return waiting.isEmpty() ? List.of() : List.of(waiting.get(0));
    }
    return waiting.stream().filter(p -> !p.alone()).toList();
  }
}
