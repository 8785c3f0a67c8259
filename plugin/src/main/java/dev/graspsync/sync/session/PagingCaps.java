package dev.graspsync.sync.session;

import java.util.OptionalInt;

/**
 * What we know of a relay's caps on a query, per filter and per REQ.
 *
 * @param maxLimit NIP-11 {@code limitation.max_limit}, when the relay published one
 * @param largestFilterPage the most events a REQ of one filter ever brought on this session:
 *     a relay capping filters caps them at this many or more (a REQ of several filters says
 *     nothing about one filter's share, so it does not count)
 * @param largestRequestPage the most events one REQ (page) ever brought on this session: a
 *     relay capping whole REQs caps them at this many or more
 * @param silentCap a cap the relay was seen to apply without announcing it (a page of one
 *     filter shorter than asked, followed by a page that brought more): 0 while none was seen
 */
record PagingCaps(OptionalInt maxLimit, long largestFilterPage, long largestRequestPage, long silentCap) {

  PagingCaps(OptionalInt maxLimit, long largestFilterPage, long largestRequestPage) {
    this(maxLimit, largestFilterPage, largestRequestPage, 0);
  }

  static PagingCaps unknown() {
    return new PagingCaps(OptionalInt.empty(), 0, 0);
  }

  PagingCaps withMaxLimit(OptionalInt value) {
    return new PagingCaps(value, largestFilterPage, largestRequestPage, silentCap);
  }

  /** These caps after a page showed the relay cutting at {@code cap} without saying so (0: nothing shown). */
  PagingCaps withSilentCap(long cap) {
    if (cap <= 0) {
      return this;
    }
    return new PagingCaps(maxLimit, largestFilterPage, largestRequestPage, silentCap == 0 ? cap : Math.min(silentCap, cap));
  }

  /**
   * Whether a short page of one filter ({@code matched} events, fewer than asked, all at its
   * {@code until} second and seen before) stopped at a cap: only a cap the relay was seen to
   * apply tells a crowded second from the end of the history (the two look the same).
   */
  boolean stalledAtSilentCap(long matched) {
    return !maxLimitKnown() && silentCap > 0 && matched >= silentCap;
  }

  /** These caps after having seen {@code page}. */
  PagingCaps observe(PageResult page) {
    long filterMax = largestFilterPage;
    if (page.filters().size() == 1) {
      filterMax = Math.max(filterMax, page.filters().get(0).matched());
    }
    return new PagingCaps(maxLimit, filterMax, Math.max(largestRequestPage, page.received()), silentCap);
  }

  private boolean maxLimitKnown() {
    return maxLimit.isPresent() && maxLimit.getAsInt() > 0;
  }

  /**
   * Whether a relay capping whole REQs may have cut this one, leaving some of its filters
   * short or with nothing: it brought exactly {@code max_limit} when that is known (a relay
   * capping REQs stops there; more means it caps filters), else at least as many as any REQ
   * before.
   */
  boolean mayHaveCutRequest(long received) {
    if (received == 0) {
      return false;
    }
    return maxLimitKnown() ? received == maxLimit.getAsInt() : received >= largestRequestPage;
  }

  /**
   * How many of a filter's newest matching events a relay capping filters was sure to send
   * for it on a page of {@code pageSize}: the page size when {@code max_limit} is known (the
   * page size never passes it), else no more than a REQ of one filter ever brought (0: not
   * known yet).
   */
  long sureShare(int pageSize) {
    return maxLimitKnown() ? pageSize : Math.min(pageSize, largestFilterPage);
  }

  /**
   * Whether a REQ of one filter that brought {@code matched} of {@code received}, fewer than
   * its page size, may still have been cut short by a cap the relay does not announce.
   */
  boolean mayHaveCutAlone(long matched, long received) {
    if (matched == 0) {
      return false;
    }
    return maxLimitKnown()
        ? received == maxLimit.getAsInt()
        : matched >= largestFilterPage || received >= largestRequestPage;
  }
}
