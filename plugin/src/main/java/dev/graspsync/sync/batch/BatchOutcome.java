package dev.graspsync.sync.batch;

import java.time.Instant;

/** What a batch transition asks of the caller; {@link #batch()} is the batch's new value. */
public sealed interface BatchOutcome {
  Batch batch();

  /** Still pending; nothing to send. */
  record Waiting(Batch batch) implements BatchOutcome {}

  /** Every filter complete: for an INITIAL batch, move its items from pending to confirmed in one write. */
  record Completed(Batch batch) implements BatchOutcome {}

  /** Send the unfinished filters again at {@code at} ({@link BatchRules#sent} then). */
  record RetryScheduled(Batch batch, Instant at, RetryPolicy policy, String reason) implements BatchOutcome {}

  /** Given up, counted; its items are parked until the next daily resync (policy {@link RetryPolicy#AT_NEXT_DAILY_RESYNC}). */
  record Failed(Batch batch, String reason, RetryPolicy policy) implements BatchOutcome {}
}
