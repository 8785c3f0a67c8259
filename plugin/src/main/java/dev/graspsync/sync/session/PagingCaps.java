package dev.graspsync.sync.session;

import java.util.OptionalInt;

/**
 * What we know of a relay's per-query cap.
 *
 * @param maxLimit NIP-11 {@code limitation.max_limit}, when the relay published one
 * @param largestFilterPage the most events one filter of one page ever brought on this session
 * @param largestRequestPage the most events one REQ (page) ever brought on this session
 */
record PagingCaps(OptionalInt maxLimit, long largestFilterPage, long largestRequestPage) {

  static PagingCaps unknown() {
    return new PagingCaps(OptionalInt.empty(), 0, 0);
  }

  PagingCaps withMaxLimit(OptionalInt value) {
    return new PagingCaps(value, largestFilterPage, largestRequestPage);
  }

  /** These caps after having seen {@code page}. */
  PagingCaps observe(PageResult page) {
    long filterMax = largestFilterPage;
    for (FilterPage f : page.filters()) {
      filterMax = Math.max(filterMax, f.matched());
    }
    return new PagingCaps(maxLimit, filterMax, Math.max(largestRequestPage, page.received()));
  }
}
