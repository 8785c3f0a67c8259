package dev.graspsync.sync.engine;

import dev.graspsync.nostr.event.Event;
import dev.graspsync.nostr.filter.Filter;
import dev.graspsync.sync.batch.BatchPurpose;
import dev.graspsync.sync.session.SubscriptionOutcome;
import io.vertx.core.Future;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** What live subscriptions ask of their relay's work, recorded; ingest settles at once. */
final class RecordingLiveOwner implements LiveSubscriptions.Owner {
  final List<BatchPurpose> ingested = new CopyOnWriteArrayList<>();
  final List<List<Filter>> fetches = new CopyOnWriteArrayList<>();
  final List<String> lost = new CopyOnWriteArrayList<>();
  final List<Refusal> refusals = new CopyOnWriteArrayList<>();
  final AtomicInteger changes = new AtomicInteger();

  @Override
  public Future<?> ingest(Event event, BatchPurpose purpose) {
    ingested.add(purpose);
    return Future.succeededFuture();
  }

  @Override
  public void fetchHistory(List<Filter> filters) {
    fetches.add(List.copyOf(filters));
  }

  @Override
  public void onLiveLost(String problem) {
    lost.add(problem);
  }

  @Override
  public void onLiveRefused(SubscriptionOutcome outcome, RequestShape shape) {
    refusals.add(new Refusal(outcome, shape));
  }

  @Override
  public void onChange() {
    changes.incrementAndGet();
  }

  record Refusal(SubscriptionOutcome outcome, RequestShape shape) {}
}
