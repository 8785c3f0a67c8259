package dev.graspsync.sync.engine;

import dev.graspsync.sync.permit.PermitQueue;
import io.vertx.core.Context;

/**
 * One relay's turn at syncing history under the host-wide cap ({@code
 * max-relays-syncing-history}): a relay sends initial and periodic history batches only while it
 * holds a turn, and gives it back once none is open or due, or when its connection goes. Live
 * subscriptions and short catch-ups never wait for one. Relays past the cap queue in order.
 *
 * <p>Each relay syncing history holds its own read-ahead (frames read before its session
 * pauses on the shared in-flight budget) and its queued batches' filters; the cap bounds both
 * host-wide, whatever the number of relays. On the worker's event loop; the shared queue wakes it
 * there.
 */
final class HistoryTurn {
  /** What the status page shows. */
  enum State {
    NONE, WAITING, ACTIVE;

    String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private final PermitQueue turns;
  private final Runnable onGranted;
  private final PermitQueue.Waiter waiter;
  private State state = State.NONE;

  /**
   * @param onGranted runs on {@code context} when a queued turn comes; it should send the history
   *     that waited (then {@link #mayProceed} is true)
   */
  HistoryTurn(PermitQueue turns, Context context, Runnable onGranted) {
    this.turns = turns;
    this.onGranted = onGranted;
    this.waiter = new PermitQueue.Waiter(context, this::granted);
  }

  /** Whether history may be sent now; when not, the relay queues for a turn (once). */
  boolean mayProceed() {
    if (state == State.NONE) {
      if (turns.tryAcquire()) {
        state = State.ACTIVE;
      } else {
        state = State.WAITING;
        turns.await(waiter);
      }
    }
    return state == State.ACTIVE;
  }

  /** No history open or due, or the connection is gone: the turn goes to the next relay. */
  void done() {
    if (state == State.ACTIVE) {
      turns.release();
    } else if (state == State.WAITING) {
      // when leaving fails a turn is already on its way here: granted() gives it back
      turns.leave(waiter);
    }
    state = State.NONE;
  }

  State state() {
    return state;
  }

  private void granted() {
    if (state != State.WAITING) {
      // the relay stopped waiting (or took a free turn) after this one was set aside
      turns.release();
      return;
    }
    state = State.ACTIVE;
    onGranted.run();
  }
}
