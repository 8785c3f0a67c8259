package dev.graspsync.sync.engine;

import dev.graspsync.sync.batch.Batch;
import dev.graspsync.sync.batch.BatchPurpose;
import dev.graspsync.sync.batch.BatchState;
import dev.graspsync.sync.plan.ItemSet;
import dev.graspsync.sync.plan.ItemSetBuilder;
import dev.graspsync.sync.plan.ItemView;
import dev.graspsync.sync.plan.Planner;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.function.Consumer;

/**
 * One relay's new history work not yet made into batches, and its {@link HistoryTurn}. A chunk
 * becomes a batch (filters built, pending in the state store) only while the relay holds a
 * turn, and only a few ahead of those open ({@link #QUEUED_AHEAD}): the filters waiting in memory
 * are bounded by the turns, however many relays and items there are, where before every
 * relay's whole history was batched at once. Work is added as it is found (each plan only adds
 * what no chunk holds yet), so a relay waiting for its turn costs no more per plan than one
 * whose work is batched. On the worker's event loop.
 */
final class HistoryBacklog {
  /** Initial batches made ready beyond those open on the relay. */
  static final int QUEUED_AHEAD = RelayBatches.MAX_OPEN_BATCHES;

  private final HistoryTurn turn;
  private final ArrayDeque<ItemSet> chunks = new ArrayDeque<>();
  /** Every item in {@link #chunks}. */
  private final ItemSetBuilder queued = new ItemSetBuilder();

  HistoryBacklog(HistoryTurn turn) {
    this.turn = turn;
  }

  /** New work (targets in no batch and no chunk, not confirmed, not parked), cut into chunks. */
  void add(ItemSet fresh, int chunkSize) {
    if (!fresh.isEmpty()) {
      chunks.addAll(Planner.split(fresh, chunkSize));
      queued.addAll(fresh);
    }
  }

  /** Items waiting in chunks, read in place: new work is what targets hold beyond them. */
  ItemView queued() {
    return queued;
  }

  /**
   * While the relay holds its turn (it queues for one when it has work and none), chunks become
   * batches through {@code make} until {@link #QUEUED_AHEAD} initial batches wait to be sent.
   * Items no longer targeted when their chunk's turn comes are left out.
   */
  void batchAhead(Collection<Batch> batches, ItemSet targets, Consumer<ItemSet> make) {
    if (chunks.isEmpty() || !turn.mayProceed()) {
      return;
    }
    long ready = batches.stream()
        .filter(b -> b.purpose() == BatchPurpose.INITIAL && b.state() == BatchState.QUEUED).count();
    while (ready < QUEUED_AHEAD && !chunks.isEmpty()) {
      ItemSet chunk = chunks.poll();
      queued.removeAll(chunk);
      ItemSet kept = chunk.minus(chunk.minus(targets));
      if (!kept.isEmpty()) {
        make.accept(kept);
        ready++;
      }
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
