package dev.graspsync.sync.engine;

import dev.graspsync.nostr.event.Event;
import dev.graspsync.sync.batch.Batch;
import dev.graspsync.sync.batch.BatchOutcome;
import dev.graspsync.sync.batch.BatchPurpose;
import dev.graspsync.sync.batch.BatchRules;
import dev.graspsync.sync.batch.Paging;
import dev.graspsync.sync.session.SubscriptionListener;
import dev.graspsync.sync.session.SubscriptionOutcome;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;

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
    batches.batch(batchId).ifPresent(b -> {
      BatchOutcome next = transition(batches.rules(), b, outcome, batches.now());
      batches.onBatchOutcome(next);
    });
  }

  /** Pure: how a subscription's end moves its batch. */
  static BatchOutcome transition(BatchRules rules, Batch b, SubscriptionOutcome outcome, Instant now) {
    List<Integer> unfinished = b.unfinishedFilters();
    if (unfinished.isEmpty()) {
      return new BatchOutcome.Waiting(b);
    }
    int first = unfinished.get(0);
    if (outcome instanceof SubscriptionOutcome.HistoryComplete || outcome instanceof SubscriptionOutcome.PageLimitReached) {
      BatchOutcome result = new BatchOutcome.Waiting(b);
      Batch current = b;
      for (int i : unfinished) {
        result = rules.onEose(current, i, new Paging.Decision.Done(Paging.Why.NOTHING_NEW), now);
        current = result.batch();
      }
      return result;
    }
    if (outcome instanceof SubscriptionOutcome.RateLimited r) {
      return rules.onClosed(b, first, withPrefix("rate-limited", r.message()), false, now);
    }
    if (outcome instanceof SubscriptionOutcome.AuthRequired a) {
      return rules.onAuthFailed(b, a.message());
    }
    if (outcome instanceof SubscriptionOutcome.Refused r) {
      String message = r.prefix().map(p -> withPrefix(p.word(), r.message())).orElse(r.message());
      return rules.onClosed(b, first, message, false, now);
    }
    if (outcome instanceof SubscriptionOutcome.TimedOut) {
      Instant at = b.eoseDeadline().filter(d -> d.isAfter(now)).orElse(now);
      return rules.onEoseTimeout(b, at);
    }
    // Disconnected: the reconnect re-issues the batch. Cancelled: we closed it on purpose.
    return new BatchOutcome.Waiting(b);
  }

  private static String withPrefix(String prefix, String message) {
    return message.startsWith(prefix + ":") ? message : prefix + ": " + message;
  }
}
