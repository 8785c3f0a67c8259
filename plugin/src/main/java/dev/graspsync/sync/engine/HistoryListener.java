package dev.graspsync.sync.engine;

import dev.graspsync.nostr.event.Event;
import dev.graspsync.sync.batch.Batch;
import dev.graspsync.sync.batch.BatchOutcome;
import dev.graspsync.sync.batch.BatchPurpose;
import dev.graspsync.sync.batch.BatchRules;
import dev.graspsync.sync.batch.HistoryEnd;
import dev.graspsync.sync.session.SubscriptionListener;
import dev.graspsync.sync.session.SubscriptionOutcome;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A batch's history subscription: events go to the host's ingest; its end becomes a batch
 * transition. The session pages the history itself, so its EOSE means every filter is done.
 * Every end is handled: the reference ignored CLOSED and left batches pending forever.
 */
final class HistoryListener implements SubscriptionListener {
  private final RelayBatches batches;
  private final long batchId;
  private final BatchPurpose purpose;

  HistoryListener(RelayBatches batches, long batchId, BatchPurpose purpose) {
    this.batches = batches;
    this.batchId = batchId;
    this.purpose = purpose;
  }

  @Override
  public Future<?> onEvent(Event event) {
    return batches.ingest(event, purpose);
  }

  @Override
  public void onOutcome(SubscriptionOutcome outcome) {
    // a refusal for capacity lowers the relay's budget before the batch is retried under it
    batches.onCapacityRefusal(outcome);
    batches.batch(batchId).ifPresent(b -> {
      BatchOutcome next = transition(batches.rules(), b, outcome, batches.now());
      batches.onBatchOutcome(next);
    });
  }

  /** Pure: how a subscription's end moves its batch (the subscription covers every filter). */
  static BatchOutcome transition(BatchRules rules, Batch b, SubscriptionOutcome outcome, Instant now) {
    List<Integer> all = IntStream.range(0, b.filters().size()).boxed().toList();
    return rules.onHistoryEnded(b, all, HistoryEnd.of(outcome), now);
  }
}
