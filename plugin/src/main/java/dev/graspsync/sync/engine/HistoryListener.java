package dev.graspsync.sync.engine;

import dev.graspsync.nostr.event.Event;
import dev.graspsync.sync.batch.Batch;
import dev.graspsync.sync.batch.BatchOutcome;
import dev.graspsync.sync.batch.BatchPurpose;
import dev.graspsync.sync.batch.BatchRules;
import dev.graspsync.sync.batch.HistoryEnd;
import dev.graspsync.sync.session.SubscriptionListener;
import dev.graspsync.sync.session.SubscriptionOutcome;
import dev.graspsync.sync.session.UnfinishedHistory;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

/**
 * One history subscription of a batch, covering some of its filters (as many as one REQ may
 * carry): events go to the host's ingest; its end becomes a batch transition for those
 * filters. The session pages the history itself, so its EOSE means they are done. Every end is
 * handled: the reference ignored CLOSED and left batches pending forever.
 */
final class HistoryListener implements SubscriptionListener {
  private final RelayBatches batches;
  private final long batchId;
  private final BatchPurpose purpose;
  private final List<Integer> filterIndexes;
  private final RequestShape shape;
  private final long connection;

  HistoryListener(RelayBatches batches, long batchId, BatchPurpose purpose, List<Integer> filterIndexes,
      RequestShape shape, long connection) {
    this.batches = batches;
    this.batchId = batchId;
    this.purpose = purpose;
    this.filterIndexes = List.copyOf(filterIndexes);
    this.shape = shape;
    this.connection = connection;
  }

  @Override
  public Future<?> onEvent(Event event) {
    return batches.ingest(event, purpose);
  }

  @Override
  public void onOutcome(SubscriptionOutcome outcome) {
    batches.historyEnded(connection);
    unfinished(outcome).forEach(batches::onHistoryUnfinished);
    // a refusal for capacity lowers the relay's budget before the batch is retried under it
    batches.onHistoryEnded(outcome, shape);
    batches.batch(batchId).ifPresent(b -> {
      BatchOutcome next = transition(batches.rules(), b, filterIndexes, outcome, batches.now());
      batches.onBatchOutcome(next);
    });
  }

  /** The filters whose history stopped short: counted and shown, though the batch goes on. */
  static List<UnfinishedHistory> unfinished(SubscriptionOutcome outcome) {
    if (outcome instanceof SubscriptionOutcome.HistoryComplete c) {
      return c.unfinished();
    }
    if (outcome instanceof SubscriptionOutcome.PageLimitReached p) {
      return p.unfinished();
    }
    return List.of();
  }

  /** Pure: how a subscription's end moves its batch, for a subscription covering every filter. */
  static BatchOutcome transition(BatchRules rules, Batch b, SubscriptionOutcome outcome, Instant now) {
    return transition(rules, b, IntStream.range(0, b.filters().size()).boxed().toList(), outcome, now);
  }

  /** Pure: how the end of a subscription covering {@code filterIndexes} moves its batch. */
  static BatchOutcome transition(
      BatchRules rules, Batch b, List<Integer> filterIndexes, SubscriptionOutcome outcome, Instant now) {
    return rules.onHistoryEnded(b, filterIndexes, HistoryEnd.of(outcome), now);
  }
}
