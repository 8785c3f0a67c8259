package dev.graspsync.sync.engine;

import dev.graspsync.nostr.event.Event;
import dev.graspsync.nostr.filter.Filter;
import dev.graspsync.sync.batch.BatchPurpose;
import dev.graspsync.sync.session.SubscriptionListener;
import dev.graspsync.sync.session.SubscriptionOutcome;
import io.vertx.core.Future;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A live subscription: new events to the host; a rate-limited close is re-opened after the cooldown. */
final class LiveListener implements SubscriptionListener {
  private static final Logger log = LoggerFactory.getLogger(LiveListener.class);

  private final RelayBatches batches;
  private final List<Filter> filters;
  /** Set by the worker right after the session opened the subscription. */
  String subscriptionId = "";

  LiveListener(RelayBatches batches, List<Filter> filters) {
    this.batches = batches;
    this.filters = filters;
  }

  List<Filter> filters() {
    return filters;
  }

  @Override
  public Future<?> onEvent(Event event) {
    return batches.ingest(event, BatchPurpose.INITIAL);
  }

  @Override
  public void onOutcome(SubscriptionOutcome outcome) {
    if (outcome instanceof SubscriptionOutcome.Cancelled || outcome instanceof SubscriptionOutcome.Disconnected) {
      return;
    }
    log.info("live subscription ended: {}", outcome);
    batches.onLiveEnded(this, outcome instanceof SubscriptionOutcome.RateLimited);
  }
}
