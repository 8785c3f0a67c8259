package dev.graspsync.sync.engine;

import dev.graspsync.sync.plan.ItemSet;
import dev.graspsync.sync.plan.Planner;
import dev.graspsync.sync.batch.Batch;
import dev.graspsync.sync.batch.BatchPurpose;
import dev.graspsync.sync.batch.BatchState;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.function.Consumer;

/**
 * One relay's new history work not yet made into batches, and its {@link HistoryTurn}. A chunk
 * becomes a batch (filters built, pending in the state store) only while the relay holds a
 * turn, and only a few ahead of those open ({@link #QUEUED_AHEAD}): the filters waiting in memory
 * are bounded by the turns, however many relays and items there are, where before every
 * relay's whole history was batched at once. On the worker's event loop.
 */
final class HistoryBacklog {
  /** Initial batches made ready beyond those open on the relay. */
  static final int QUEUED_AHEAD = RelayBatches.MAX_OPEN_BATCHES;

  private final HistoryTurn turn;
  private ArrayDeque<ItemSet> chunks = new ArrayDeque<>();

  HistoryBacklog(HistoryTurn turn) {
    this.turn = turn;
  }

  /** The relay's new work now (targets in no batch, not confirmed, not parked), replacing the last. */
  void plan(ItemSet newWork, int chunkSize) {
    chunks = new ArrayDeque<>(Planner.split(newWork, chunkSize));
  }

  /**
   * While the relay holds its turn (it queues for one when it has work and none), chunks become
   * batches through {@code make} until {@link #QUEUED_AHEAD} initial batches wait to be sent.
   */
  void batchAhead(Collection<Batch> batches, Consumer<ItemSet> make) {
    if (chunks.isEmpty() || !turn.mayProceed()) {
      return;
    }
    long queued = batches.stream()
        .filter(b -> b.purpose() == BatchPurpose.INITIAL && b.state() == BatchState.QUEUED).count();
    for (long i = queued; i < QUEUED_AHEAD && !chunks.isEmpty(); i++) {
      make.accept(chunks.poll());
    }
  }

  /** Whether batches of history may be sent now (see {@link HistoryTurn#mayProceed}). */
  boolean mayProceed() {
    return turn.mayProceed();
  }

  /** Gives the turn back when nothing is left to batch and no history batch is open or due. */
  void settle(boolean historyUnderway) {
    if (chunks.isEmpty() && !historyUnderway) {
      turn.done();
    }
  }

  /** The connection is gone: the turn goes to the next relay; the chunks wait for a new one. */
  void detach() {
    turn.done();
  }

  boolean isEmpty() {
    return chunks.isEmpty();
  }

  int size() {
    return chunks.size();
  }

  HistoryTurn.State turn() {
    return turn.state();
  }
}
