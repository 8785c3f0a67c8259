package dev.graspsync.sync.engine;

import dev.graspsync.sync.batch.Batch;
import dev.graspsync.sync.batch.BatchOutcome;
import dev.graspsync.sync.batch.BatchPurpose;
import dev.graspsync.sync.session.UnfinishedHistory;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How one relay's history batches end, on its worker's event loop (the {@link RelayBatches}
 * they belong to shares its batch table with it): a completed initial batch confirms its
 * items; a failed one parks them until the daily resync and keeps them out of live; a retry is
 * scheduled. A filter that stopped short of the end is counted, shown and logged.
 */
final class BatchEndings {
  private static final Logger log = LoggerFactory.getLogger(BatchEndings.class);

  private final String url;
  private final Map<Long, Batch> batches;
  private final RelayItems items;
  private final LiveSubscriptions live;
  private final RetryTimer retries;
  private final SyncMetrics metrics;
  private final Consumer<String> onProblem;
  private boolean anyFailed;
  /** History filters that stopped short of the end since the last full sync. */
  private int historyIncomplete;

  BatchEndings(String url, Map<Long, Batch> batches, RelayItems items, LiveSubscriptions live, RetryTimer retries,
      SyncMetrics metrics, Consumer<String> onProblem) {
    this.url = url;
    this.batches = batches;
    this.items = items;
    this.live = live;
    this.retries = retries;
    this.metrics = metrics;
    this.onProblem = onProblem;
  }

  /**
   * Applies a batch transition a history listener computed.
   *
   * @return false when the batch is no longer held (a disconnect or full sync replaced it)
   */
  boolean apply(BatchOutcome outcome) {
    Batch b = outcome.batch();
    if (!batches.containsKey(b.id())) {
      return false;
    }
    if (outcome instanceof BatchOutcome.Completed) {
      batches.remove(b.id());
      if (b.purpose() == BatchPurpose.INITIAL) {
        items.completed(b.id(), b.items());
      }
    } else if (outcome instanceof BatchOutcome.Failed failed) {
      batches.remove(b.id());
      anyFailed = true;
      if (b.purpose() == BatchPurpose.INITIAL) {
        items.failed(b.id(), b.items());
        live.forget(b.items());
      }
      metrics.batchFailed(url);
      onProblem.accept("batch failed: " + failed.reason());
      log.warn("{}: batch {} failed, retried at the next daily resync: {}", url, b.id(), failed.reason());
    } else if (outcome instanceof BatchOutcome.RetryScheduled retry) {
      batches.put(b.id(), b);
      log.info("{}: batch {} retried at {}: {}", url, b.id(), retry.at(), retry.reason());
      retries.schedule(b.id(), retry.at());
    } else {
      batches.put(b.id(), b);
    }
    return true;
  }

  /**
   * A history filter stopped short of the end (see {@link UnfinishedHistory.Reason}): its batch
   * completes, as the rest of its history was fetched, but it is counted, shown and logged;
   * the daily resync asks again.
   */
  void unfinished(UnfinishedHistory unfinished) {
    historyIncomplete++;
    metrics.historyIncomplete(url, unfinished.reason());
    String json = unfinished.filter().toJson();
    log.warn("{}: history incomplete ({}) for {}", url, unfinished.reason().label(),
        json.length() > 300 ? json.substring(0, 300) + "..." : json);
  }

  /** A new connection: failures shown are this connection's. */
  void connected() {
    anyFailed = false;
  }

  /** A full sync asks for all history again. */
  void fullSync() {
    historyIncomplete = 0;
  }

  boolean anyFailed() {
    return anyFailed;
  }

  int historyIncomplete() {
    return historyIncomplete;
  }
}
