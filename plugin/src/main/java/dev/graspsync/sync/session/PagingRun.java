package dev.graspsync.sync.session;

import java.util.ArrayList;
import java.util.List;

/**
 * One history subscription's paging between pages: the filters waiting for their next page,
 * and the ones whose paging stopped short. Owned by the session's context, no I/O; the
 * decisions are {@link HistoryPaging}'s.
 */
final class PagingRun {
  private final List<PagedFilter> waiting = new ArrayList<>();
  private final List<UnfinishedHistory> unfinished = new ArrayList<>();
  private final List<PageDecision.ShortStall> shortStalls = new ArrayList<>();

  /** A page ended: what it decided joins the run. */
  void add(PageDecision decision) {
    waiting.addAll(decision.next());
    unfinished.addAll(decision.unfinished());
    shortStalls.addAll(decision.shortStalls());
  }

  /** Nothing waits: every filter reached the end of its history, or stopped short (see {@link #unfinished}). */
  boolean done() {
    return waiting.isEmpty();
  }

  /** Takes the filters of the next REQ ({@link HistoryPaging#nextRequest}); empty when done. */
  List<PagedFilter> takeRequest() {
    List<PagedFilter> request = HistoryPaging.nextRequest(waiting);
    if (request.size() == 1 && request.get(0).alone()) {
      waiting.remove(0);
    } else {
      waiting.removeIf(p -> !p.alone());
    }
    return request;
  }

  /** Out of pages: every filter still waiting stops here, unfinished. */
  void stopAtPageLimit() {
    waiting.forEach(p -> unfinished.add(new UnfinishedHistory(p.filter(), UnfinishedHistory.Reason.PAGE_LIMIT)));
    waiting.clear();
  }

  /**
   * The filters that stopped short, judged with the caps known at the end: a short stall counts
   * when the relay was seen, meanwhile, to cap silently at that many events or fewer.
   */
  List<UnfinishedHistory> unfinished(PagingCaps capsAtEnd) {
    List<UnfinishedHistory> out = new ArrayList<>(unfinished);
    for (PageDecision.ShortStall s : shortStalls) {
      if (capsAtEnd.stalledAtSilentCap(s.matched())) {
        out.add(s.ifCapped());
      }
    }
    return out;
  }
}
