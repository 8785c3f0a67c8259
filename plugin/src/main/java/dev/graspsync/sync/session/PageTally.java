package dev.graspsync.sync.session;

import dev.graspsync.nostr.event.Event;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/** Counts one history page as its events arrive, filter by filter. */
final class PageTally {
  private final List<PagedFilter> filters;
  private final long[] matched;
  private final long[] fresh;
  private final long[] oldest;
  private final List<Set<String>> idsAtOldest;
  private final int boundaryCapacity;
  private long received;

  /** @param boundaryCapacity the most ids remembered at one filter's oldest second */
  PageTally(List<PagedFilter> filters, int boundaryCapacity) {
    this.filters = List.copyOf(filters);
    int n = filters.size();
    this.matched = new long[n];
    this.fresh = new long[n];
    this.oldest = new long[n];
    java.util.Arrays.fill(oldest, Long.MAX_VALUE);
    this.idsAtOldest = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      idsAtOldest.add(new HashSet<>());
    }
    this.boundaryCapacity = boundaryCapacity;
  }

  List<PagedFilter> filters() {
    return filters;
  }

  /** Records an event received for this page; true if it matches at least one filter. */
  boolean record(Event event) {
    received++;
    boolean any = false;
    for (int i = 0; i < filters.size(); i++) {
      PagedFilter f = filters.get(i);
      if (!f.filter().matches(event)) {
        continue;
      }
      any = true;
      matched[i]++;
      boolean repeat =
          f.filter().until().isPresent()
              && event.createdAt() == f.filter().until().getAsLong()
              && f.seenAtUntil().contains(event.id());
      if (!repeat) {
        fresh[i]++;
      }
      if (event.createdAt() < oldest[i]) {
        oldest[i] = event.createdAt();
        idsAtOldest.get(i).clear();
      }
      if (event.createdAt() == oldest[i] && idsAtOldest.get(i).size() < boundaryCapacity) {
        idsAtOldest.get(i).add(event.id());
      }
    }
    return any;
  }

  long received() {
    return received;
  }

  PageResult result() {
    List<FilterPage> pages = new ArrayList<>(filters.size());
    for (int i = 0; i < filters.size(); i++) {
      OptionalLong old = matched[i] == 0 ? OptionalLong.empty() : OptionalLong.of(oldest[i]);
      pages.add(new FilterPage(filters.get(i), matched[i], fresh[i], old, idsAtOldest.get(i)));
    }
    return new PageResult(received, pages);
  }
}
