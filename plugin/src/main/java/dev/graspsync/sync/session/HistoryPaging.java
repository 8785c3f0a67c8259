package dev.graspsync.sync.session;

import dev.graspsync.nostr.filter.Filter;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Paging of stored history (pure).
 *
 * <p>A relay may stop a query short at its own cap and still say EOSE, so a page that may have
 * been cut short is followed by another with {@code until} = the oldest {@code created_at}
 * seen (inclusive: events sharing that second are not skipped), filter by filter, until a page
 * brings nothing new for that filter. "Cut short" is judged on everything the relay sent,
 * whatever the host later makes of it (the reference counted only accepted events, so a page
 * of rejected events never paged on):
 *
 * <ul>
 *   <li>with NIP-11 {@code max_limit} known: the filter brought its page size (its {@code
 *       limit}, which is clamped to {@code max_limit}), or the REQ brought exactly {@code
 *       max_limit} (a relay that caps whole REQs);
 *   <li>otherwise: the filter brought its page size, or at least as many events as any filter
 *       page before, or the REQ at least as many as any REQ before; on the first page anything
 *       non-empty counts. This costs at most one extra page per filter that is not cut short,
 *       and finds a relay's silent cap without trusting it to announce one.
 * </ul>
 *
 * Relays cap by filter or by REQ, so both counts are watched. When more events than a page
 * holds share one second, the ones the relay does not return cannot be reached by {@code
 * until} (NIP-01 has no cursor); the filter stops there.
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

  /** The next page's filters; empty when history is complete. */
  static List<PagedFilter> nextPage(PageResult page, PagingCaps capsBefore) {
    List<PagedFilter> next = new ArrayList<>();
    for (FilterPage f : page.filters()) {
      if (truncated(f, page.received(), capsBefore) && f.oldest().isPresent()) {
        Filter older = f.sent().filter().withUntil(f.oldest().getAsLong());
        next.add(new PagedFilter(older, f.idsAtOldest()));
      }
    }
    return next;
  }

  /** Whether this filter's page may have been cut short by the relay and brought news. */
  static boolean truncated(FilterPage f, long requestReceived, PagingCaps caps) {
    if (f.fresh() == 0) {
      return false;
    }
    long pageSize = f.sent().filter().limit().orElse(Integer.MAX_VALUE);
    if (f.matched() >= pageSize) {
      return true;
    }
    if (caps.maxLimit().isPresent()) {
      // a relay capping whole REQs stops at exactly max_limit; more means it caps per filter
      return requestReceived == caps.maxLimit().getAsInt();
    }
    return f.matched() >= caps.largestFilterPage() || requestReceived >= caps.largestRequestPage();
  }
}
