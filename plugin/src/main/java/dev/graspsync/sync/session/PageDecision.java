package dev.graspsync.sync.session;

import java.util.List;

/**
 * What follows a history page: the filters to ask again (older pages, or the same page again
 * in REQs of their own) and the filters whose paging cannot go on.
 */
record PageDecision(List<PagedFilter> next, List<UnfinishedHistory> unfinished) {
  PageDecision {
    next = List.copyOf(next);
    unfinished = List.copyOf(unfinished);
  }
}
