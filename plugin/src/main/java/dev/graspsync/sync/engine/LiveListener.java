package dev.graspsync.sync.engine;

import dev.graspsync.nostr.event.Event;
import dev.graspsync.nostr.filter.Filter;
import dev.graspsync.sync.batch.BatchPurpose;
import dev.graspsync.sync.session.SubscriptionListener;
import dev.graspsync.sync.session.SubscriptionOutcome;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;

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

  /** The filters whose stored events reached {@code cap}: the relay may have held back more. */
  List<Filter> filtersAtCap(int cap) {
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
