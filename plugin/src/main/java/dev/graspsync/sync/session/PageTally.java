package dev.graspsync.sync.session;

import dev.graspsync.nostr.event.Event;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Counts one history page as its events arrive, filter by filter. A relay sends each event
 * once per REQ, for whichever filter brought it first, so the events matching a filter are
 * its own page plus whatever the other filters brought: only its newest {@code limit} are kept,
 * the part its own capped query was sure to return.
 */
final class PageTally {
  private final List<PagedFilter> filters;
  private final long[] matched;
  private final List<NewestEvents> newest;
  /** Per filter, the oldest second of an event matching it alone: surely sent for it. */
  private final long[] oldestOwn;
  private long received;

  /** A history page's tally. */
  PageTally(List<PagedFilter> filters) {
    this(filters, true);
  }

  /** @param history whether it pages (a live subscription only counts: it keeps no events) */
  PageTally(List<PagedFilter> filters, boolean history) {
    this.filters = List.copyOf(filters);
    this.matched = new long[filters.size()];
    this.newest = new ArrayList<>(filters.size());
    this.oldestOwn = new long[filters.size()];
    java.util.Arrays.fill(oldestOwn, Long.MAX_VALUE);
    for (PagedFilter f : filters) {
      newest.add(new NewestEvents(history ? f.pageSize() : 0));
    }
  }

  List<PagedFilter> filters() {
    return filters;
  }

  /** Records an event received for this page; true if it matches at least one filter. */
  boolean record(Event event) {
    received++;
    int matching = 0;
    int only = -1;
    for (int i = 0; i < filters.size(); i++) {
      if (filters.get(i).filter().matches(event)) {
        matching++;
        only = i;
        matched[i]++;
        newest.get(i).add(event.createdAt(), event.id());
      }
    }
    if (matching == 1) {
      oldestOwn[only] = Math.min(oldestOwn[only], event.createdAt());
    }
    return matching > 0;
  }

  long received() {
    return received;
  }

  PageResult result() {
    List<FilterPage> pages = new ArrayList<>(filters.size());
    for (int i = 0; i < filters.size(); i++) {
      OptionalLong own = oldestOwn[i] == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(oldestOwn[i]);
      pages.add(new FilterPage(filters.get(i), matched[i], newest.get(i).newestFirst(), own));
    }
    return new PageResult(received, pages);
  }
}
