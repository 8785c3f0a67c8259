package dev.graspsync.sync.batch;

import java.util.OptionalInt;

/**
 * Whether a filter's history needs another page. A relay stops a query at its own maximum
 * (NIP-11 {@code limitation.max_limit}, or its default when the REQ sends no limit), and its
 * EOSE then only means "that is all you get from this query". When a page brings as many
 * events as that cap, the filter is asked again with {@code until} = the oldest created_at
 * seen (inclusive; {@link PageTally} de-duplicates the overlap by id), until a page brings
 * nothing new.
 */
public final class Paging {
  private Paging() {}

  public sealed interface Decision {
    /** Ask the same filter again with this {@code until}. */
    record NextPage(long until) implements Decision {}

    record Done(Why why) implements Decision {}
  }

  public enum Why {
    /** The page was empty. */
    EMPTY_PAGE,
    /** Fewer events than the cap: the relay had no more. */
    SHORT_PAGE,
    /** A full page of events already seen: the history is exhausted. */
    NOTHING_NEW,
    /** {@code maxPages} pages asked already: a relay cannot keep us paging forever. */
    PAGE_LIMIT,
    /** The oldest event sits at created_at 0: nothing can be older. */
    AT_EPOCH
  }

  /**
   * The cap to compare a page with: the relay's declared cap for the REQ as sent (NIP-11
   * {@code max_limit} when the REQ asked for that many, else its {@code default_limit}) when
   * known, otherwise the largest page this relay has returned, this one included.
   */
  public static int effectiveCap(OptionalInt declaredCap, int observedMax) {
    if (declaredCap.isPresent() && declaredCap.getAsInt() > 0) {
      return declaredCap.getAsInt();
    }
    return Math.max(1, observedMax);
  }

  /** The largest page seen from a relay, updated with this one. */
  public static int observedMax(int previousMax, PageTally page) {
    return Math.max(previousMax, page.received());
  }

  /**
   * Decides at a page's EOSE.
   *
   * <p>A full page whose events all sit at the timestamp it was asked from and bring nothing
   * new means more events share that one second than the relay returns at once: asking with
   * {@code until} = that second again would return the same page forever, so paging steps
   * past it ({@code until − 1}). Events at that second beyond the relay's cap cannot be
   * reached by time paging at all; this is the one loss left, for a relay with fewer than
   * cap-many results per second.
   */
  public static Decision next(PageTally page, int cap, int maxPages) {
    if (page.received() == 0) {
      return new Decision.Done(Why.EMPTY_PAGE);
    }
    if (page.received() < cap) {
      return new Decision.Done(Why.SHORT_PAGE);
    }
    if (page.page() + 1 >= maxPages) {
      return new Decision.Done(Why.PAGE_LIMIT);
    }
    if (page.fresh() == 0) {
      boolean stuckAtOneSecond =
          page.pageOldest() == page.pageNewest() && page.pageOldest() == page.seenOldest();
      if (!stuckAtOneSecond) {
        return new Decision.Done(Why.NOTHING_NEW);
      }
      return page.seenOldest() <= 0
          ? new Decision.Done(Why.AT_EPOCH)
          : new Decision.NextPage(page.seenOldest() - 1);
    }
    if (page.oldest() == page.until().orElse(Long.MIN_VALUE) && page.pageOldest() == page.pageNewest()) {
      // new ids, but all at the second asked from: the next ask would repeat this page
      return page.oldest() <= 0 ? new Decision.Done(Why.AT_EPOCH) : new Decision.NextPage(page.oldest() - 1);
    }
    return new Decision.NextPage(page.oldest());
  }
}
