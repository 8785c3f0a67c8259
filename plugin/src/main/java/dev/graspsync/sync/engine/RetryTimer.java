package dev.graspsync.sync.engine;

import dev.graspsync.sync.batch.Batch;
import dev.graspsync.sync.batch.BatchRules;
import dev.graspsync.sync.batch.BatchState;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.LongFunction;

/**
 * Wakes one relay's batches that wait to be retried once their time has come. The retry itself
 * goes through the owner's send loop, so retried batches too wait for a free history slot.
 */
final class RetryTimer {
  private final Vertx vertx;
  private final Clock clock;
  private final BatchRules rules;
  private final LongFunction<Optional<Batch>> batches;
  private final Runnable sendQueued;

  RetryTimer(Vertx vertx, Clock clock, BatchRules rules, LongFunction<Optional<Batch>> batches, Runnable sendQueued) {
    this.vertx = vertx;
    this.clock = clock;
    this.rules = rules;
    this.batches = batches;
    this.sendQueued = sendQueued;
  }

  /** Rounded up to the millisecond: a timer firing before {@code at} would find the batch not yet due. */
  void schedule(long batchId, Instant at) {
    long nanos = Duration.between(clock.instant(), at).toNanos();
    vertx.setTimer(Math.max(1, (nanos + 999_999) / 1_000_000), t -> fire(batchId));
  }

  private void fire(long batchId) {
    Optional<Batch> waiting = batches.apply(batchId).filter(b -> b.state() == BatchState.WAITING_RETRY);
    if (waiting.isEmpty()) {
      return; // a reconnect re-issues it anyway
    }
    if (!rules.due(waiting.get(), clock.instant())) {
      // the clock and the timer disagree by a little: a batch left here would wait forever
      waiting.get().retryAt().ifPresent(at -> schedule(batchId, at));
      return;
    }
    sendQueued.run();
  }
}
