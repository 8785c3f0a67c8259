package dev.graspsync.sync.engine;

import dev.graspsync.nostr.event.Event;
import dev.graspsync.nostr.filter.Filter;
import dev.graspsync.sync.batch.BatchPurpose;
import dev.graspsync.sync.session.SubscriptionListener;
import dev.graspsync.sync.session.SubscriptionOutcome;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * One live subscription: its stored events up to EOSE (what happened since its {@code since}),
 * then new events, all to the host. Before EOSE it counts, per filter, what the relay served:
 * a filter that got as many as the relay's cap may have been cut short, and its history is then
 * fetched with paging ({@link LiveSubscriptions#onLiveCaughtUp}).
 */
final class LiveListener implements SubscriptionListener {
  private final LiveSubscriptions owner;
  private final List<Filter> filters;
  private final boolean catchUp;
  private final RequestShape shape;
  private final int[] storedPerFilter;
  private int stored;
  private boolean live;
  /** Set right after the session opened the subscription. */
  String subscriptionId = "";

  /** @param catchUp whether its stored events fill a gap (restart, reconnect) rather than a moment's overlap */
  LiveListener(LiveSubscriptions owner, List<Filter> filters, boolean catchUp, RequestShape shape) {
    this.owner = owner;
    this.shape = shape;
    this.filters = List.copyOf(filters);
    this.catchUp = catchUp;
    this.storedPerFilter = new int[filters.size()];
  }

  /** Whether EOSE came: what follows is new, its stored events are all in. */
  boolean isLive() {
    return live;
  }

  RequestShape shape() {
    return shape;
  }

  List<Filter> filters() {
    return filters;
  }

  @Override
  public Future<?> onEvent(Event event) {
    if (!live) {
      stored++;
      for (int i = 0; i < filters.size(); i++) {
        if (filters.get(i).matches(event)) {
          storedPerFilter[i]++;
        }
      }
    }
    return owner.ingest(event, !live && catchUp ? BatchPurpose.CATCH_UP : BatchPurpose.INITIAL);
  }

  @Override
  public void onLive() {
    live = true;
    owner.onLiveCaughtUp(this);
  }

  /**
   * The filters whose stored events the relay may have cut short, so their history is paged
   * (issue 17). With {@code max_limit} known: every filter when the REQ brought exactly that many
   * (a relay capping whole REQs may have filled it filter by filter and starved the rest), else
   * the filters that reached it. Without: for a catch-up, every filter once anything came (a
   * silent cap may have cut any of them, and their gap is what is missing); for a moment's
   * overlap, the filters that reached {@code assumedCap} (history covers the rest).
   */
  List<Filter> filtersToPage(OptionalInt maxLimit, int assumedCap) {
    if (maxLimit.isPresent() && maxLimit.getAsInt() > 0) {
      return stored == maxLimit.getAsInt() ? filters : filtersAtCap(maxLimit.getAsInt());
    }
    return catchUp && stored > 0 ? filters : filtersAtCap(assumedCap);
  }

  /** The filters whose stored events reached {@code cap}: the relay may have held back more. */
  private List<Filter> filtersAtCap(int cap) {
    List<Filter> out = new ArrayList<>();
    for (int i = 0; i < filters.size(); i++) {
      if (storedPerFilter[i] >= cap) {
        out.add(filters.get(i));
      }
    }
    return out;
  }

  @Override
  public void onOutcome(SubscriptionOutcome outcome) {
    if (outcome instanceof SubscriptionOutcome.Cancelled || outcome instanceof SubscriptionOutcome.Disconnected) {
      return;
    }
    owner.onLiveEnded(this, outcome);
  }
}
