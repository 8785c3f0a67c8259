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
 *       PagingCaps#mayHaveCutRequest}): such a relay may fill it filter by filter, so an event
 *       matching several filters may have been sent for any of them. One matching this filter
 *       alone was sent for it, with every newer one: the boundary is the oldest such event. A
 *       filter with none may have been starved: it is asked again from the same boundary, in a
 *       REQ of its own.
 *   <li>Otherwise the relay served each filter: filter i brought at least its {@link
 *       PagingCaps#sureShare sure share} k of its newest events (k = its page size when {@code
 *       max_limit} is known). Fewer than k matching events: its history is complete. Else the
 *       boundary is its k-th newest matching event, and the ids kept are the ones at that
 *       second. With the cap not known to reach the page size, it is asked alone next, so
 *       its page shows the relay's real cap.
 * </ul>
 *
 * A filter asked again at the same second with no new id there has stalled, and paging steps
 * past that second ({@code until} = second − 1) so the older history still comes. When the
 * page was full (its page size, or a cap the relay was seen to apply silently: {@link
 * PagingCaps#silentCap}), more events may share that second than a page brings, and {@code
 * until} cannot reach them (NIP-01 has no cursor): the filter is reported as {@link
 * Reason#SAME_SECOND}, never taken for done. A shorter page of repeats, at no cap the relay
 * showed, is most likely the end of the history; reporting it would flag every filter whose
 * history is one event (a relay silently capping at exactly that many cannot be told apart).
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
    long silentCapSeen = 0;
    List<PageDecision.ShortStall> shortStalls = new ArrayList<>();
    for (FilterPage f : page.filters()) {
      PagedFilter sent = f.sent();
      if (requestCut) {
        // only an event matching this filter alone was surely sent for it, and every newer one
        // with it; without one, the filter may have been starved: asked alone
        PagedFilter older = f.oldestOwn().isEmpty() ? sent
            : olderPage(f, f.oldestOwn().getAsLong(), sent.alone(), 0);
        next.add(f.oldestOwn().isEmpty() || stalled(sent, older) ? sent.askedAlone() : older);
        continue;
      }
      if (alone && sent.shortBefore() > 0 && broughtNews(f)) {
        silentCapSeen = sent.shortBefore(); // the page before was cut there
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
      long shortNow = alone && f.matched() < sent.pageSize() ? f.matched() : 0;
      PagedFilter older = olderPage(f, boundary.createdAt(), askAlone, shortNow);
      if (!stalled(sent, older)) {
        next.add(older);
      } else if (!alone && sure < sent.pageSize()) {
        next.add(sent.askedAlone()); // a full page at the relay's real cap may yet bring news
      } else {
        UnfinishedHistory crowded = new UnfinishedHistory(sent.filter(), Reason.SAME_SECOND);
        if (f.matched() >= sent.pageSize() || capsBefore.stalledAtSilentCap(f.matched())
            || capsBefore.maxLimit().isPresent()) {
          // a full page of that second, all seen: the rest of it cannot be reached
          unfinished.add(crowded);
        } else {
          shortStalls.add(new PageDecision.ShortStall(crowded, f.matched()));
        }
        // a short page of one second, all seen, at no cap the relay showed: most likely the
        // end; either way the older history is asked for
        long past = boundary.createdAt() - 1;
        if (sent.filter().since().isEmpty() || past >= sent.filter().since().getAsLong()) {
          next.add(new PagedFilter(sent.filter().withUntil(past), Set.of(), sent.alone()));
        }
      }
    }
    return new PageDecision(next, unfinished, silentCapSeen, shortStalls);
  }

  /** Whether a page brought an event older than its {@code until} or not seen at that second. */
  private static boolean broughtNews(FilterPage f) {
    long until = f.sent().filter().until().orElse(Long.MAX_VALUE);
    return f.newest().stream().anyMatch(s -> s.createdAt() < until || !f.sent().seenAtUntil().contains(s.id()));
  }

  /** Asked again at the same second with no new id there: paging cannot move by itself. */
  private static boolean stalled(PagedFilter sent, PagedFilter older) {
    return sent.filter().until().equals(older.filter().until()) && sent.seenAtUntil().equals(older.seenAtUntil());
  }

  /** The page before {@code boundary} (inclusive), remembering the ids seen at that second. */
  private static PagedFilter olderPage(FilterPage f, long boundary, boolean alone, long shortNow) {
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
    return new PagedFilter(sent.withUntil(boundary), seen, alone, shortNow);
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
