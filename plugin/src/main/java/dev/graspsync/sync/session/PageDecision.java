package dev.graspsync.sync.session;

import java.util.List;

/**
 * What follows a history page: the filters to ask again (older pages, or the same page again
 * in REQs of their own), the filters whose paging cannot go on, a cap the relay was just seen
 * to apply without announcing it (0: none), and stalls that only such a cap would make
 * unfinished.
 */
record PageDecision(List<PagedFilter> next, List<UnfinishedHistory> unfinished, long silentCapSeen,
    List<ShortStall> shortStalls) {
  PageDecision {
    next = List.copyOf(next);
    unfinished = List.copyOf(unfinished);
    shortStalls = List.copyOf(shortStalls);
  }

  /**
   * A page of one filter shorter than asked that brought only repeats at its {@code until}
   * second: the end of that filter's history, unless the relay caps silently at {@code
   * matched} or fewer, which only other pages can show (judged when the subscription ends).
   */
  record ShortStall(UnfinishedHistory ifCapped, long matched) {}
}
